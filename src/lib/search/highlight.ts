/**
 * Match highlights as plain text plus ranges — never HTML. The UI slices `text` at each range
 * and wraps the middle part in `<mark>` itself, so nothing a person wrote is ever parsed as
 * markup.
 */
import { matchTerms } from './term-matcher';

/** A half-open range of UTF-16 offsets: `text.slice(start, end)` is the matched text. */
export interface TextRange {
  start: number;
  end: number;
}

export interface HighlightedText {
  text: string;
  /** Matches, in order, never overlapping. Empty when nothing in `text` matched. */
  ranges: TextRange[];
}

export interface Snippet extends HighlightedText {
  /** Text was cut off before `text` begins (show a leading "…"). */
  clippedStart: boolean;
  /** Text was cut off after `text` ends (show a trailing "…"). */
  clippedEnd: boolean;
}

/** Long enough for two lines of a result card on a phone. */
export const SNIPPET_MAX_CHARS = 160;
/** How much text to keep before the first match, so it reads in context. */
export const SNIPPET_LEAD_CHARS = 40;

/** Finds every match in `text`, in order, never overlapping. */
export type Matcher = (text: string) => TextRange[];

/** Whole words whose normalized form is one of `terms` (the words a search matched). */
export const termMatcher =
  (terms: ReadonlySet<string>): Matcher =>
  (text) =>
    matchTerms(text, terms);

/** Every occurrence of `needle`, exactly as typed (for searches made only of emoji or symbols). */
export const substringMatcher =
  (needle: string): Matcher =>
  (text) => {
    const ranges: TextRange[] = [];
    if (needle === '') return ranges;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      ranges.push({ start: at, end: at + needle.length });
    }
    return ranges;
  };

export function highlightText(text: string, matcher: Matcher | null): HighlightedText {
  return { text, ranges: matcher ? matcher(text) : [] };
}

const isSpace = (code: number): boolean =>
  code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000;
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * A window of `text` around its first match (or its opening, when nothing matches or there is
 * no matcher), cut at spaces rather than inside words or emoji. Line breaks and tabs become
 * spaces one for one, so offsets stay those of the original characters.
 */
export function snippetOf(
  text: string,
  matcher: Matcher | null,
  maxChars = SNIPPET_MAX_CHARS,
): Snippet {
  const all = matcher ? matcher(text) : [];
  const first = all[0] ?? null;

  let opening = 0;
  while (opening < text.length && isSpace(text.charCodeAt(opening))) opening++;
  let start = opening;
  if (first && first.start - opening > SNIPPET_LEAD_CHARS) {
    // Begin just after a space inside the lead-in, or at the match itself when there is none.
    start = first.start;
    for (let i = first.start - SNIPPET_LEAD_CHARS; i < first.start; i++) {
      if (isSpace(text.charCodeAt(i))) {
        start = i + 1;
        break;
      }
    }
  }
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  if (first) start = Math.min(start, first.start);

  let end = Math.min(text.length, start + maxChars);
  if (end < text.length && !isSpace(text.charCodeAt(end))) {
    // Back up to the last space, but never so far that the first match is cut.
    const floor = first ? first.end : start + 1;
    let cut = end;
    while (cut > floor && !isSpace(text.charCodeAt(cut - 1))) cut--;
    if (cut > floor) end = cut;
  }
  if (first) end = Math.max(end, first.end);
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  if (start > opening && isLowSurrogate(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;

  const ranges: TextRange[] = [];
  for (const range of all) {
    if (range.end > end) break;
    ranges.push({ start: range.start - start, end: range.end - start });
  }
  return {
    text: text.slice(start, end).replace(/[\r\n\t]/g, ' '),
    ranges,
    clippedStart: start > opening,
    clippedEnd: end < text.trimEnd().length,
  };
}
