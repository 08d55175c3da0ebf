/**
 * Finding the words a search matched in a text, for highlighting — fast.
 *
 * The definition is simple: the words of the text (`wordSpans`) whose normalized form is one of
 * the matched terms. Tokenizing every word of every hit was, however, most of what a search
 * cost once scoring was fast (~25 µs per 1,000-character hit). So where it is safe the text is
 * folded once — lower case, Latin/Greek/Cyrillic accents removed, one code unit for one, so
 * offsets do not move — and each term is found with `indexOf` and checked to be a whole word.
 *
 * "Safe" means every letter of the lower-cased text is ASCII or a Latin, Greek or Cyrillic
 * letter that folds to one code unit: no combining marks, no letters of other scripts, and no
 * capital sigma (whose lower case depends on the letters around it). Anything else takes the
 * word-by-word path. The tests compare both paths on random mixed-script text.
 */
import type { TextRange } from './highlight';
import { WORD_CHAR, normalizeTerm, wordSpans } from './terms';

const WORD_UNIT = new RegExp(`^${WORD_CHAR}$`, 'u');

const isAsciiWordUnit = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

/** Latin-1 letters to IPA, Greek and Cyrillic, Latin Extended Additional (Vietnamese). */
const inFoldableBlock = (code: number): boolean =>
  (code >= 0xc0 && code <= 0x2af) ||
  (code >= 0x370 && code <= 0x52f) ||
  (code >= 0x1e00 && code <= 0x1eff);

const UNKNOWN = 0;
const NOT_WORD = 1;
const FOLDABLE = 2;
const UNSAFE = 3;
/** What each non-ASCII UTF-16 unit is, worked out once per unit. */
const unitKind = new Uint8Array(0x10000);
const unitFold = new Map<number, string>();

function kindOf(code: number): number {
  let kind = unitKind[code] as number;
  if (kind === UNKNOWN) {
    const unit = String.fromCharCode(code);
    if (code >= 0xd800 && code <= 0xdfff)
      kind = UNSAFE; // decided per code point, below
    else if (!WORD_UNIT.test(unit)) kind = NOT_WORD;
    else {
      const folded = inFoldableBlock(code) ? normalizeTerm(unit) : null;
      kind = folded !== null && folded.length === 1 ? FOLDABLE : UNSAFE;
      if (kind === FOLDABLE) unitFold.set(code, folded as string);
    }
    unitKind[code] = kind;
  }
  return kind;
}

const astralIsWord = new Map<number, boolean>();
function isAstralWordChar(codePoint: number): boolean {
  let word = astralIsWord.get(codePoint);
  if (word === undefined) {
    word = WORD_UNIT.test(String.fromCodePoint(codePoint));
    astralIsWord.set(codePoint, word);
  }
  return word;
}

/**
 * The text folded as `normalizeTerm` folds words, offset for offset; null where that is not
 * safe. Exported for the tests, which check that the fast path is really taken.
 */
export function foldedText(text: string): string | null {
  if (text.includes('Σ')) return null;
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return null;
  let parts: string[] | null = null;
  let copied = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      // An emoji (fine: not a word character) or a letter beyond the BMP (not foldable here).
      const codePoint = lower.codePointAt(i) as number;
      if (codePoint < 0x10000) continue; // unpaired: not a word, and the next unit is its own
      if (isAstralWordChar(codePoint)) return null;
      i++;
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) continue; // a lone low surrogate: not a word
    const kind = kindOf(code);
    if (kind === NOT_WORD) continue;
    if (kind === UNSAFE) return null;
    const folded = unitFold.get(code) as string;
    if (folded.charCodeAt(0) !== code) {
      parts ??= [];
      parts.push(lower.slice(copied, i), folded);
      copied = i + 1;
    }
  }
  return parts ? parts.join('') + lower.slice(copied) : lower;
}

function isWordUnitAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0x80) return isAsciiWordUnit(code);
  // Only reached on folded (safe) text: every non-ASCII word unit there is FOLDABLE.
  return (code < 0xd800 || code > 0xdfff) && kindOf(code) !== NOT_WORD;
}

/** Every whole word of `text` whose normalized form is in `terms`, in order. */
export function matchTerms(text: string, terms: ReadonlySet<string>): TextRange[] {
  const folded = foldedText(text);
  const ranges: TextRange[] = [];
  if (folded === null) {
    for (const { start, end, term } of wordSpans(text)) {
      if (terms.has(term)) ranges.push({ start, end });
    }
    return ranges;
  }
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (at > 0 && isWordUnitAt(folded, at - 1)) continue;
      if (end < folded.length && isWordUnitAt(folded, end)) continue;
      ranges.push({ start: at, end });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}
