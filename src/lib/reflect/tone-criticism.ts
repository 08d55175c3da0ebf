/**
 * Harsh words about the reader, found by sentence structure rather than by phrase: a clause whose
 * subject is "you" and whose words are clearly negative is criticism of the reader, whatever the
 * wording ("you treat everyone like garbage", "you're a terrible friend").
 *
 * A clause about how the reader *feels* is sympathy, not criticism: "you must be exhausted",
 * "you had to go through that alone", "you're tired" do not count.
 */
import { ACCUSATION_RE } from './tone-lexicon';
import { wordsOf } from './tone-text';
import { valenceOf } from './tone-valence';

export interface Clause {
  text: string;
  /** The clause's subject is the reader: "you …" within its first words. */
  aimed: boolean;
}

/** A new clause starts after these, when a new subject follows. */
const JOINERS_RE =
  /,|\b(?:and|but|so|because|although|though|while|when|since|if|unless|until|then)\b/g;
const NEW_SUBJECT = new Set([
  'i',
  "i'm",
  "i've",
  "i'd",
  "i'll",
  'he',
  "he's",
  'she',
  "she's",
  'they',
  "they're",
  'we',
  "we're",
  'it',
  "it's",
  'that',
  'this',
  'my',
  'his',
  'her',
  'their',
  'our',
  'the',
  'there',
]);
const YOU_SUBJECT = new Set(['you', "you're", 'youre', "you've", "you'd", "you'll", 'u', 'ur']);
/** "You" must be the subject: within this many words of the clause start ("and honestly you …"). */
const SUBJECT_WITHIN_WORDS = 3;
/** Verbs that make "you" the one who suffers something, not the one who did it. */
const EXPERIENCER_RE =
  /\b(?:you|you're|you've|you'd|you'll)\s+(?:\w+\s+)?(?:feel|felt|feeling|sound|sounded|seem|seemed|must|might|had to|have to|having to|went through|go through|going through|been through|deal with|dealing with|lost|deserve|deserved|got hurt|were hurt|poor)\b/;
/** States a person is in, not judgements of them: "you're tired" is sympathy. */
export const READER_STATES: ReadonlySet<string> = new Set([
  'tired',
  'exhausted',
  'sick',
  'ill',
  'hurt',
  'sad',
  'lonely',
  'stressed',
  'worried',
  'nervous',
  'scared',
  'afraid',
  'upset',
  'overwhelmed',
  'low',
  'down',
  'sorry',
  'anxious',
  'depressed',
  'frustrated',
  'angry',
  'mad',
  'disappointed',
  'struggling',
  'pain',
]);

/** Splits a prepared sentence where a new subject starts; joined predicates stay together. */
export function clausesOf(sentence: string): Clause[] {
  const cuts = [0];
  for (const m of sentence.matchAll(JOINERS_RE)) {
    // Only the next word matters; a short look ahead keeps long sentences linear.
    const next = wordsOf(sentence.slice(m.index + m[0].length, m.index + m[0].length + 40))[0];
    if (next !== undefined && (NEW_SUBJECT.has(next) || YOU_SUBJECT.has(next))) {
      cuts.push(m.index + m[0].length);
    }
  }
  cuts.push(sentence.length);
  const clauses: Clause[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const text = sentence.slice(cuts[i], cuts[i + 1]);
    if (text.trim() === '') continue;
    const first = wordsOf(text).slice(0, SUBJECT_WITHIN_WORDS);
    const aimed = first.some((w) => YOU_SUBJECT.has(w)) && !first.some((w) => NEW_SUBJECT.has(w));
    clauses.push({ text, aimed });
  }
  return clauses;
}

/** AFINN scores few wrongdoings; one the reader is accused of weighs at least this much. */
export const ACCUSATION_POINTS = 2;
const NEGATED_BEFORE_RE = /\b(?:not|never|no|without|[a-z]+n't)\s+(?:\w+\s+)?$/;

/**
 * Negative words judging the reader in one clause, and wrongdoings they are accused of ("you
 * humiliated me"); none for sympathy or a clause not aimed at them. Warm words in the same clause
 * soften it ("you're messy but wonderful" is not an attack).
 */
export function criticismIn(clause: Clause): { points: number; words: string[] } {
  if (!clause.aimed || EXPERIENCER_RE.test(clause.text)) return { points: 0, words: [] };
  const valence = valenceOf(clause.text);
  const judgements = new Map<string, number>();
  for (const n of valence.negative) {
    if (!READER_STATES.has(n.word))
      judgements.set(n.word, (judgements.get(n.word) ?? 0) - n.points);
  }
  for (const m of clause.text.matchAll(ACCUSATION_RE)) {
    if (NEGATED_BEFORE_RE.test(clause.text.slice(0, m.index))) continue;
    judgements.set(m[0], Math.max(ACCUSATION_POINTS, judgements.get(m[0]) ?? 0));
  }
  const negativePoints = valence.negative.reduce((t, n) => t - n.points, 0);
  const warmth = valence.score + negativePoints;
  const points = [...judgements.values()].reduce((t, p) => t + p, 0) - warmth;
  return points > 0 ? { points, words: [...judgements.keys()] } : { points: 0, words: [] };
}
