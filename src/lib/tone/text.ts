/**
 * Text preparation for the tone check. A draft becomes sentences, each in two forms:
 *
 *   raw    "U NEVER listen!!"          capitals intact, for shouting
 *   text   "you never listen!!"        lower case, chat spellings spelled out, for every pattern
 *
 * Quoted speech is someone else's words ("she said 'you always do this'"), so it is blanked.
 * A short quote with no one saying it is the reader's word thrown back ("thanks for the 'help'"):
 * it stays in the text and is listed in `scareQuotes`.
 */

export interface Sentence {
  /** Capitals intact, quoted speech blanked. */
  raw: string;
  /** Lower case, chat spellings normalised ("u" → "you"), without the final punctuation. */
  text: string;
  /** Words of `text`: letters, digits and inner apostrophes ("don't", "you're"). */
  words: string[];
  /** Terminal punctuation as written ("", ".", "!!", "?!"). */
  end: string;
  /** Ends in "?" (or "?!"). */
  question: boolean;
}

export interface Draft {
  sentences: Sentence[];
  /** Every sentence's `text`, joined by single spaces. */
  text: string;
  /** Every word of the draft, in order. */
  words: string[];
  /** The draft with capitals intact and quoted speech blanked. */
  raw: string;
  /** Short quotes nobody is reported saying ("'busy'", "'help'"), lower case. */
  scareQuotes: string[];
}

/** A quote of at most this many words, with no one reported saying it, is a scare quote. */
export const SCARE_QUOTE_MAX_WORDS = 3;

/**
 * Chat spellings read as the words they stand for, so that one pattern covers "you're",
 * "ur" and "youre". Only unambiguous ones: "ill", "its", "were" and "wont" are real words.
 */
const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  u: 'you',
  ya: 'you',
  yu: 'you',
  ur: 'your',
  youre: "you're",
  yall: 'you all',
  "y'all": 'you all',
  im: "i'm",
  ive: "i've",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  cannot: "can't",
  isnt: "isn't",
  wasnt: "wasn't",
  arent: "aren't",
  werent: "weren't",
  havent: "haven't",
  hasnt: "hasn't",
  hadnt: "hadn't",
  couldnt: "couldn't",
  shouldnt: "shouldn't",
  wouldnt: "wouldn't",
  thats: "that's",
  whats: "what's",
  theyre: "they're",
  r: 'are',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  ty: 'thank you',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  cos: 'because',
  rn: 'right now',
  idc: "i don't care",
  idgaf: "i don't give a fuck",
  stfu: 'shut the fuck up',
  gtfo: 'get the fuck out',
  wtf: 'what the fuck',
  ffs: "for fuck's sake",
  nvm: 'never mind',
  okay: 'ok',
  okey: 'ok',
  kk: 'k',
  srsly: 'seriously',
  whatevs: 'whatever',
  whatev: 'whatever',
  ppl: 'people',
  apologise: 'apologize',
  apologising: 'apologizing',
  apologised: 'apologized',
};

const CURLY_SINGLE_RE = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const CURLY_DOUBLE_RE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;
/** Three or more of one letter ("sooooo", "whyyy") read as two, as spellings allow. */
const ELONGATION_RE = /(\p{L})\1{2,}/gu;
const SENTENCE_RE = /[^.!?\n\u2026]+(?:[.!?\u2026]+|\n|$)|[.!?\u2026]+/g;
/** "she said", "he told me", "my boss goes": the quote that follows is reported speech. */
const REPORTED_BEFORE_RE =
  /\b(?:said|says|say|saying|told|tell|tells|wrote|writes|asked|asks|goes|went|replied|texted|yelled|shouted|called|like|quote|literally)\s*(?:me|us|him|her|them|to \w+)?\s*[,:]?\s*$/i;

/** Words of a lower-case string. */
export function wordsOf(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

/** Lower case with straight quotes, chat spellings spelled out and elongations shortened. */
export function normalise(text: string): string {
  return Array.from(text, (ch) => {
    const low = ch.toLowerCase();
    // Keep the string the same length: a few letters grow when lower-cased ("İ").
    return low.length === ch.length ? low : ch;
  })
    .join('')
    .replace(CURLY_SINGLE_RE, "'")
    .replace(CURLY_DOUBLE_RE, '"')
    .replace(ELONGATION_RE, '$1$1')
    .replace(WORD_RE, (w) => CHAT_SPELLINGS[w] ?? w)
    .replace(/[^\S\n]+/g, ' ');
}

export function prepareDraft(text: string): Draft {
  const straight = text.replace(CURLY_SINGLE_RE, "'").replace(CURLY_DOUBLE_RE, '"');
  const scareQuotes: string[] = [];
  const chars = straight.split('');
  for (const [from, to] of quoteSpans(straight)) {
    const inner = straight.slice(from + 1, to);
    const reported = REPORTED_BEFORE_RE.test(straight.slice(Math.max(0, from - 24), from));
    // A capitalised quote is more likely a title or a name ("we watched 'Jaws'").
    const titled = /^\p{Lu}/u.test(inner.trim());
    if (!reported && !titled && wordsOf(inner).length <= SCARE_QUOTE_MAX_WORDS) {
      scareQuotes.push(normalise(inner).trim());
      chars[from] = ' ';
      chars[to] = ' ';
    } else {
      for (let k = from; k <= to; k++) chars[k] = ' ';
    }
  }
  const raw = chars.join('');

  const sentences: Sentence[] = [];
  for (const m of raw.matchAll(SENTENCE_RE)) {
    const piece = m[0];
    if (!/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(piece)) {
      // A run of punctuation on its own ("!!!") belongs to the sentence before it.
      const last = sentences.at(-1);
      if (last) last.end += piece.trim();
      continue;
    }
    const tail = /[.!?\u2026]*\s*$/.exec(piece);
    const end = tail?.[0].trim() ?? '';
    const lower = normalise(piece.slice(0, tail?.index ?? piece.length));
    sentences.push({
      raw: piece,
      text: lower.trim(),
      words: wordsOf(lower),
      end,
      question: end.includes('?'),
    });
  }
  return {
    sentences,
    text: sentences.map((s) => s.text).join(' '),
    words: sentences.flatMap((s) => s.words),
    raw,
    scareQuotes,
  };
}

const OPENS_QUOTE_BEFORE_RE = /[\s(:[\u2014\u2013-]/;
const CLOSES_QUOTE_AFTER_RE = /[\s.,!?;:)\]\u2014\u2013-]/;
const LETTER_RE = /\p{L}/u;
/** A quotation longer than this is more likely a stray apostrophe than a quote. */
const MAX_QUOTE_CHARS = 200;

/** Where quotations start and end (both marks included), in reading order. */
function quoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // Characters inside a double-quoted span; a single quote there is not a quote of its own.
  const covered = new Uint8Array(text.length);
  const inSpan = (i: number): boolean => covered[i] === 1;

  // Double quotes pair up in order; an unmatched last one is left alone.
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (open < 0) open = i;
    else {
      spans.push([open, i]);
      covered.fill(1, open, i + 1);
      open = -1;
    }
  }

  // Single quotes double as apostrophes ("don't", "kids'"): only one that opens before a letter
  // after a space (or the start) and closes after a non-space, before a space, punctuation or
  // the end, is a quote.
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "'" || inSpan(i)) continue;
    const before = i === 0 ? ' ' : (text[i - 1] as string);
    if (!OPENS_QUOTE_BEFORE_RE.test(before) || !LETTER_RE.test(text[i + 1] ?? '')) continue;
    for (let j = i + 2; j < text.length && j - i <= MAX_QUOTE_CHARS; j++) {
      if (text[j] !== "'") continue;
      if (/\s/.test(text[j - 1] as string) || !CLOSES_QUOTE_AFTER_RE.test(text[j + 1] ?? ' ')) {
        continue;
      }
      spans.push([i, j]);
      i = j;
      break;
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** Words that turn what follows them around: "not rude", "never fails", "no problem". */
const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'never',
  'no',
  'nothing',
  'nobody',
  'none',
  'hardly',
  'without',
  'nor',
]);
/** How far back a negation reaches: "not really that rude" is still negated. */
export const NEGATION_REACH_WORDS = 3;
/** Words that end a negation's reach: "not only that, you lied". */
const CLAUSE_BREAKS: ReadonlySet<string> = new Set([
  'but',
  'and',
  'because',
  'so',
  'yet',
  // "can't stand how smug you are": the negation is of "stand", not of "smug".
  'how',
  'what',
  'that',
  'which',
  'who',
  'why',
  'when',
  'if',
]);

export const isNegator = (word: string): boolean => NEGATORS.has(word) || word.endsWith("n't");

/** True when words[index] sits within reach of a negation in the same clause. */
export function isNegated(words: readonly string[], index: number): boolean {
  for (let k = index - 1; k >= Math.max(0, index - NEGATION_REACH_WORDS); k--) {
    const w = words[k] as string;
    // "not really that rude": "that" right before the word is an intensifier, not a new clause.
    if (CLAUSE_BREAKS.has(w) && !(w === 'that' && k === index - 1)) return false;
    if (isNegator(w)) return true;
  }
  return false;
}
