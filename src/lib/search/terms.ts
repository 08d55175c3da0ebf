/**
 * How text becomes search terms. The index, the query and the highlighter all go through these
 * two functions, so a word that is highlighted is exactly a word that matched.
 */

/**
 * A word is a run of letters, digits and combining marks in any script. Everything else —
 * spaces, punctuation, emoji and markdown syntax such as `*`, `#`, `` ` ``, `~`, `>` or `|` —
 * separates words. (MiniSearch's default splits on punctuation only, so "`walk`" and "~~walk~~"
 * would stay one token with the markup in it.) Variation selectors and the keycap mark are
 * marks too, but belong to emoji ("❤️", "1️⃣"), so they are not word characters.
 */
export const WORD_CHAR =
  '(?![\\u{FE00}-\\u{FE0F}\\u{20E3}\\u{E0100}-\\u{E01EF}])[\\p{L}\\p{N}\\p{M}]';
const WORD = new RegExp(`(?:${WORD_CHAR})+`, 'gu');

/**
 * Longer runs are not words a person would type (pasted links, hashes, base64); skipping them
 * keeps one pasted blob from filling the index with junk terms.
 */
export const MAX_TERM_LENGTH = 40;

const ASCII_LOWER = /^[a-z0-9]*$/;
/** Combining diacritics (U+0300–U+036F) only: marks that are letters of their own script, as
 * in Devanagari or Thai, are kept. */
const DIACRITICS = /[\u0300-\u036f]/g;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Lower case, with Latin diacritics folded, so "Café" is found by "cafe" and "café" alike.
 * Returns null for a token that should not be indexed or searched.
 */
export function normalizeTerm(token: string): string | null {
  if (token.length > MAX_TERM_LENGTH) return null;
  const lower = token.toLowerCase();
  if (ASCII_LOWER.test(lower)) return lower || null;
  const folded = lower.normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
  return folded || null;
}

export interface WordSpan {
  /** UTF-16 offsets into the text, end exclusive, as `String.prototype.slice` takes them. */
  start: number;
  end: number;
  term: string;
}

/** The words of `text` with their positions, in order; words that normalize to nothing are skipped. */
export function* wordSpans(text: string): Generator<WordSpan> {
  for (const match of text.matchAll(WORD)) {
    const term = normalizeTerm(match[0]);
    if (term !== null) yield { start: match.index, end: match.index + match[0].length, term };
  }
}
