/**
 * Text preparation for the tone check: one lower-case copy of the draft that every pattern reads,
 * split into sentences, and a copy of the original with quoted speech blanked (for capitals).
 */

export interface Sentence {
  /** Index of the first character in the prepared text. */
  start: number;
  /** Index just past the last character, terminal punctuation included. */
  end: number;
  /** The sentence itself, lower case, quoted speech blanked. */
  text: string;
  /** True when the sentence speaks to the reader ("you", "your", "you're" …). */
  addressed: boolean;
}

/** Second-person words: the sign that a sentence is aimed at the reader, not at a third party. */
export const SECOND_PERSON_RE =
  /\b(?:you|your|yours|yourself|yourselves|you're|youre|you've|you'll|you'd|u|ur|ya)\b/;

/**
 * "You know" and "you see" as fillers do not aim anything at the reader ("he's hopeless, you
 * know?"), so they are left out when deciding whether a sentence is addressed.
 */
const FILLER_YOU_RE = /\b(?:you know|you see|mind you|thank you|you guys)\b(?=\s*(?:[,.!?]|$))/g;

const CURLY_SINGLE_RE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const CURLY_DOUBLE_RE = /[\u201C\u201D\u201E\u201F\u2033]/g;

export interface PreparedText {
  /** Lower case, straight quotes, quoted speech blanked, runs of spaces collapsed to one. */
  text: string;
  /** The original, capitals intact, with quoted speech blanked. */
  unquoted: string;
  /** What was in quotes, lower case ("too busy", "babe"). */
  quotes: string[];
}

/**
 * Lower case, straight quotes, and quoted speech blanked out: words in quotes are someone else's
 * ("she told me 'you never listen'"), so they say nothing about the writer's tone. Runs of
 * whitespace become one space (or one line break): patterns look around spaces, and a pasted run
 * of thousands of them would otherwise make that slow.
 */
export function prepareText(text: string): PreparedText {
  const lower = Array.from(text, (ch) => {
    const low = ch.toLowerCase();
    // Only keep a lower-casing that stays one UTF-16 unit long (a few letters grow, e.g. "İ").
    return low.length === ch.length ? low : ch;
  }).join('');
  const straight = lower.replace(CURLY_SINGLE_RE, "'").replace(CURLY_DOUBLE_RE, '"');
  const spans = quoteSpans(straight);
  const blank = (source: string): string => {
    const chars = source.split('');
    for (const [from, to] of spans) for (let k = from; k <= to; k++) chars[k] = ' ';
    return chars.join('');
  };
  return {
    text: blank(straight)
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ ?\n[\s]*/g, '\n'),
    // Lower-casing kept every UTF-16 unit in place, so the spans fit the original too.
    unquoted: blank(text),
    quotes: spans.map(([from, to]) => straight.slice(from + 1, to).trim()),
  };
}

const OPENS_QUOTE_BEFORE_RE = /[\s(:[\u2014\u2013-]/;
const CLOSES_QUOTE_AFTER_RE = /[\s.,!?;:)\]\u2014\u2013-]/;
const LETTER_RE = /\p{L}/u;
/** A quotation longer than this is more likely a stray apostrophe than a quote. */
const MAX_QUOTE_CHARS = 200;

/** Where quotations start and end (both quote marks included), in reading order. */
function quoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const inSpan = (i: number): boolean => spans.some(([from, to]) => i >= from && i <= to);

  // Double quotes pair up in order; an unmatched last one is left alone.
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (open < 0) open = i;
    else {
      spans.push([open, i]);
      open = -1;
    }
  }

  // Single quotes double as apostrophes ("don't", "kids'"), so only a quote that opens before a
  // letter after a space (or the start) and closes after a non-space before a space,
  // punctuation or the end counts.
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "'" || inSpan(i)) continue;
    const before = i === 0 ? ' ' : (text[i - 1] as string);
    const after = text[i + 1] ?? '';
    if (!OPENS_QUOTE_BEFORE_RE.test(before) || !LETTER_RE.test(after)) continue;
    for (let j = i + 2; j < text.length && j - i <= MAX_QUOTE_CHARS; j++) {
      if (text[j] !== "'") continue;
      const prev = text[j - 1] as string;
      const next = text[j + 1] ?? ' ';
      if (/\s/.test(prev) || !CLOSES_QUOTE_AFTER_RE.test(next)) continue;
      spans.push([i, j]);
      i = j;
      break;
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

const SENTENCE_RE = /[^.!?\n]+(?:[.!?]+|\n|$)|[.!?]+/g;

/** Sentences of prepared text, with where each starts and whether it addresses the reader. */
export function splitSentences(prepared: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const m of prepared.matchAll(SENTENCE_RE)) {
    const sentence = m[0];
    if (sentence.trim() === '') continue;
    sentences.push({
      start: m.index,
      end: m.index + sentence.length,
      text: sentence,
      addressed: SECOND_PERSON_RE.test(sentence.replace(FILLER_YOU_RE, '')),
    });
  }
  return sentences;
}

/** The sentence that holds the character at `index` (or the last one, for an index past the end). */
export function sentenceAt(sentences: readonly Sentence[], index: number): Sentence | undefined {
  return sentences.find((s) => index >= s.start && index < s.end) ?? sentences.at(-1);
}

/** Words of a prepared sentence: letters, digits and inner apostrophes ("don't", "you're"). */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
}
