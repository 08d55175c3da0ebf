/**
 * The signals the tone check weighs, each with its weight and the plain words shown to the person.
 * tone.ts adds them up; the weights (UPPER_SNAKE below) are exported so tests and the README can
 * name them.
 */
import { sarcasticContrast } from './tone-contrast';
import { clausesOf, criticismIn } from './tone-criticism';
import { insultsIn } from './tone-insults';
import { intensityOf } from './tone-intensity';
import { SARCASM_PRONE_RE } from './tone-lexicon';
import { FAMILY_LABEL, TONE_PATTERNS, type TonePattern } from './tone-patterns';
import { sentenceAt, wordsOf, type Sentence } from './tone-text';
import { valenceOf, type Valence } from './tone-valence';

export interface Signal {
  weight: number;
  reason: string;
}

/** Reads a sentence's AFINN valence (tone.ts caches it). */
export type ValenceOf = (sentence: Sentence) => Valence;

/** An insult aimed at the reader is a strong signal on its own. */
export const INSULT_WEIGHT = 1;
/** A draft mostly in capitals. */
export const ALL_CAPS_WEIGHT = 0.6;
/** Each single word in capitals ("You ALWAYS"), up to SHOUTED_WORDS_MAX_WEIGHT in all. */
export const SHOUTED_WORD_WEIGHT = 0.3;
export const SHOUTED_WORDS_MAX_WEIGHT = 0.6;
/** "!!" or "?!"; a run of three or more ("!!!") weighs LONG_PUNCTUATION_RUN_WEIGHT. */
export const PUNCTUATION_RUN_WEIGHT = 0.3;
export const LONG_PUNCTUATION_RUN_WEIGHT = 0.45;
export const PUNCTUATION_MAX_WEIGHT = 0.6;
/** Swearing not aimed at anyone ("this damn printer") is loudness, not an attack. */
export const PROFANITY_WEIGHT = 0.4;
/**
 * Harsh words in a clause whose subject is "you" ("you treat everyone like garbage"): each AFINN
 * point weighs this much, so "terrible" (−3) alone is 0.6 and two such words reach 1.
 */
export const CRITICISM_POINT_WEIGHT = 0.2;
export const CRITICISM_MIN_POINTS = 2;
export const CRITICISM_MAX_WEIGHT = 1;
/**
 * Other negative words weigh more in a sentence that speaks to the reader than in one about the
 * weather or a third party; either way they stay a weak signal.
 */
export const NEGATIVE_POINT_WEIGHT_ADDRESSED = 0.1;
export const NEGATIVE_POINT_WEIGHT_OTHER = 0.04;
export const NEGATIVE_WORDS_MAX_WEIGHT = 0.6;
/** A sentence whose AFINN points add up to this or less is clearly negative. */
export const CLEARLY_NEGATIVE_POINTS = -2;
/**
 * Praise beside a wrongdoing ("thanks for ruining …"): "thanks for" the wrong itself, or either
 * aimed at the reader, is strong; otherwise ("Great. Another cancelled plan.") it is weak.
 */
export const CONTRAST_WEIGHT = 0.6;
export const CONTRAST_AIMED_WEIGHT = 1;
/** Their own words quoted back in a few words ("Oh, you're 'too busy'?") mock them. */
export const SCARE_QUOTE_WEIGHT = 0.5;
export const SCARE_QUOTE_MAX_WORDS = 3;
/** Clipped one- or two-word sentences ("Unreal." "One.") beside something negative. */
export const FRAGMENT_MAX_WORDS = 2;
export const FRAGMENT_WEIGHT = 0.25;
export const FRAGMENTS_MAX_WEIGHT = 0.5;

/** The words a pattern matched, without the spaces and punctuation around them. */
const quoted = (match: string): string => `'${match.trim().replace(/[\s,.;:!?]+$/, '')}'`;

/** One signal per pattern that matches, overlaps resolved (see below). */
export function patternSignals(
  prepared: string,
  sentences: readonly Sentence[],
  valence: ValenceOf,
): Signal[] {
  const candidates: Array<{ pattern: TonePattern; start: number; end: number; text: string }> = [];
  for (const pattern of TONE_PATTERNS) {
    for (const match of prepared.matchAll(pattern.re)) {
      const sentence = sentenceAt(sentences, match.index);
      if (!sentence || !guardHolds(pattern, sentence, sentences, valence)) continue;
      candidates.push({
        pattern,
        start: match.index,
        end: match.index + match[0].length,
        text: match[0],
      });
    }
  }
  // Strongest first, then longest ("or we're done" over "we're done"); words already explained
  // are not counted again ("stop calling me" is one command, not two), and each pattern counts
  // once however often it matches.
  candidates.sort(
    (a, b) => b.pattern.weight - a.pattern.weight || b.end - b.start - (a.end - a.start),
  );
  const taken: Array<[number, number]> = [];
  const used = new Set<TonePattern>();
  const signals: Signal[] = [];
  for (const c of candidates) {
    if (used.has(c.pattern) || taken.some(([s, e]) => c.start < e && s < c.end)) continue;
    used.add(c.pattern);
    taken.push([c.start, c.end]);
    const label = FAMILY_LABEL[c.pattern.family];
    const words = quoted(c.text);
    signals.push({ weight: c.pattern.weight, reason: label ? `${label}: ${words}` : words });
  }
  return signals;
}

function guardHolds(
  pattern: TonePattern,
  sentence: Sentence,
  sentences: readonly Sentence[],
  valence: ValenceOf,
): boolean {
  if (pattern.guard === 'addressed') return sentence.addressed;
  if (pattern.guard === 'not-positive') return valence(sentence).score <= 0;
  if (pattern.guard === 'text-not-positive') {
    return sentences.reduce((t, s) => t + valence(s).score, 0) <= 0;
  }
  return true;
}

export function contrastSignals(sentences: readonly Sentence[]): Signal[] {
  const contrast = sarcasticContrast(sentences);
  if (!contrast) return [];
  const aimed = contrast.thanksFor || contrast.addressed;
  return [
    {
      weight: aimed ? CONTRAST_AIMED_WEIGHT : CONTRAST_WEIGHT,
      reason: `sarcasm: '${contrast.praise}' beside '${contrast.wrong}'`,
    },
  ];
}

export function scareQuoteSignals(
  quotes: readonly string[],
  sentences: readonly Sentence[],
  valence: ValenceOf,
): Signal[] {
  const short = quotes.find((q) => {
    const n = wordsOf(q).length;
    return n > 0 && n <= SCARE_QUOTE_MAX_WORDS;
  });
  const warm = sentences.reduce((t, s) => t + valence(s).score, 0) > 0;
  if (short === undefined || warm || !sentences.some((s) => s.addressed)) return [];
  return [{ weight: SCARE_QUOTE_WEIGHT, reason: `their words in quotes: '${short}'` }];
}

export function insultSignals(sentences: readonly Sentence[]): Signal[] {
  const words = new Set(sentences.flatMap(insultsIn));
  return [...words].map((word) => ({ weight: INSULT_WEIGHT, reason: `insult: '${word}'` }));
}

/** Harsh words about the reader, and other negative words, from AFINN clause by clause. */
export function wordSignals(sentences: readonly Sentence[]): Signal[] {
  let criticism = 0;
  let negative = 0;
  const harsh: string[] = [];
  const other: string[] = [];
  for (const sentence of sentences) {
    for (const clause of clausesOf(sentence.text)) {
      const judged = criticismIn(clause);
      if (judged.points >= CRITICISM_MIN_POINTS) {
        criticism += judged.points * CRITICISM_POINT_WEIGHT;
        harsh.push(...judged.words);
        continue;
      }
      const { score, negative: words } = valenceOfClause(clause.text);
      if (score >= 0) continue;
      negative +=
        -score *
        (sentence.addressed ? NEGATIVE_POINT_WEIGHT_ADDRESSED : NEGATIVE_POINT_WEIGHT_OTHER);
      other.push(...words);
    }
  }
  const list = (words: string[]): string => [...new Set(words)].map((w) => `'${w}'`).join(', ');
  const signals: Signal[] = [];
  if (criticism > 0) {
    signals.push({
      weight: Math.min(CRITICISM_MAX_WEIGHT, criticism),
      reason: `harsh words about them: ${list(harsh)}`,
    });
  }
  if (negative > 0) {
    signals.push({
      weight: Math.min(NEGATIVE_WORDS_MAX_WEIGHT, negative),
      reason: `negative words: ${list(other)}`,
    });
  }
  return signals;
}

const valenceOfClause = (text: string): { score: number; negative: string[] } => {
  const v = valenceOf(text);
  return { score: v.score, negative: v.negative.map((n) => n.word) };
};

/**
 * Capitals, "!!!", swearing and clipped sentences. Loudness is heat only beside something
 * negative, and only when the words are not, on the whole, warm: "WE GOT THE HOUSE!!!" and
 * "SO proud of you!!" stay calm.
 */
export function loudnessSignals(
  unquoted: string,
  prepared: string,
  sentences: readonly Sentence[],
  valence: ValenceOf,
  hostile: boolean,
): Signal[] {
  const loud = intensityOf(unquoted, prepared);
  const signals: Signal[] = [];
  if (loud.profanity.length > 0) {
    signals.push({ weight: PROFANITY_WEIGHT, reason: `strong language: '${loud.profanity[0]}'` });
  }

  const total = sentences.reduce((t, s) => t + valence(s).score, 0);
  const negativeNearby =
    sentences.some((s) => valence(s).score <= CLEARLY_NEGATIVE_POINTS) ||
    loud.shoutsAtReader ||
    loud.profanity.length > 0;
  const open = hostile || (negativeNearby && total <= 0);
  // A word stressed in a sentence to the reader ("I asked you ONE thing") is emphasis aimed at
  // them, even with nothing else negative around.
  const toReader = sentences.filter((s) => s.addressed && valence(s).score <= 0);
  const stressed =
    open || total > 0
      ? loud.shoutedWords
      : loud.shoutedWords.filter((word) =>
          toReader.some((s) => wordsOf(s.text).includes(word.toLowerCase())),
        );

  if (open && loud.allCaps) signals.push({ weight: ALL_CAPS_WEIGHT, reason: 'all capitals' });
  if (!loud.allCaps) {
    stressed.forEach((word, i) => {
      const room = SHOUTED_WORDS_MAX_WEIGHT - i * SHOUTED_WORD_WEIGHT;
      if (room > 0) {
        signals.push({
          weight: Math.min(SHOUTED_WORD_WEIGHT, room),
          reason: `a word in capitals: '${word}'`,
        });
      }
    });
  }
  if (!open) return signals;

  // Every run counts ("?! … ?!" is louder than one), up to PUNCTUATION_MAX_WEIGHT.
  let punctuation = 0;
  for (const run of loud.punctuationRuns) {
    const weight = run.length >= 3 ? LONG_PUNCTUATION_RUN_WEIGHT : PUNCTUATION_RUN_WEIGHT;
    const capped = Math.min(weight, PUNCTUATION_MAX_WEIGHT - punctuation);
    if (capped <= 0) break;
    punctuation += capped;
    signals.push({ weight: capped, reason: `repeated punctuation (${run})` });
  }

  // Beside something negative, a clipped "Cool." or "Great." is sarcasm, so praise counts too.
  const fragments = sentences.filter(
    (s) =>
      wordsOf(s.text).length <= FRAGMENT_MAX_WORDS &&
      (valence(s).score <= 0 || new RegExp(SARCASM_PRONE_RE.source).test(s.text)),
  );
  if (sentences.length >= 2 && fragments.length > 0) {
    signals.push({
      weight: Math.min(FRAGMENTS_MAX_WEIGHT, fragments.length * FRAGMENT_WEIGHT),
      reason: 'short, clipped sentences',
    });
  }
  return signals;
}
