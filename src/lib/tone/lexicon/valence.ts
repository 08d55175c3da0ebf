/**
 * How warm or harsh words are, from the AFINN-165 list that the `sentiment` library ships
 * (3,382 words scored −5 … +5). Words are scored one at a time (and remembered), because the
 * library's own negation only looks one word back; here it reaches three ("not really that
 * rude"), and a negated harsh word counts for nothing while a negated warm one counts as mildly
 * harsh ("not happy", "doesn't care").
 */
import Sentiment from 'sentiment';
import { isNegated } from '../text';

const analyzer = new Sentiment();
/** Words already scored. Bounded: a pasted book of unique words cannot grow it without end. */
const scored = new Map<string, number>();
const SCORED_MAX_WORDS = 20_000;

/**
 * Words AFINN scores that say little about tone in a message: "like" is mostly a preposition,
 * "please"/"sorry"/"want" are everyday function words, "miss" is affection ("miss you"),
 * "kind"/"pretty" are softeners ("kind of", "pretty sure"), "fine" is as often curt as content,
 * "joke"/"yes" are neutral in chat, "lol"/"haha" are read by the care signals, "stop"/"bother"
 * by the commands and dismissals, and "god" is mostly "oh my god". Everyday verbs of requests
 * ("help", "pay", "clean", "leave", "drop", "admit", "ok", "cool", "worth") would otherwise make
 * "drop by", "pay me back" or "leave it on the table" sound warm or harsh.
 */
export const IGNORED_WORDS: ReadonlySet<string> = new Set([
  'like',
  'likes',
  'please',
  'sorry',
  'want',
  'miss',
  'kind',
  'pretty',
  'fine',
  'joke',
  'yes',
  'yeah',
  'lol',
  'haha',
  'lmao',
  'stop',
  'bother',
  'god',
  'matters',
  'excuse',
  'no',
  'ok',
  'cool',
  'help',
  'worth',
  'pay',
  'clean',
  'leave',
  'admit',
  'drop',
]);

/**
 * Warm words that sarcasm borrows ("Great. Another cancelled plan.", "Really classy."): they
 * still count as warm, but not as proof that a draft is sincere (see `sincereWarm`).
 */
export const PRAISE_WORDS: ReadonlySet<string> = new Set([
  'thanks',
  'thank',
  'cheers',
  'great',
  'nice',
  'wonderful',
  'fantastic',
  'brilliant',
  'perfect',
  'lovely',
  'awesome',
  'amazing',
  'cool',
  'super',
  'terrific',
  'marvellous',
  'marvelous',
  'splendid',
  'fabulous',
  'sweet',
  'charming',
  'classy',
  'mature',
  'impressive',
  'congrats',
  'congratulations',
  'bravo',
  'glad',
  'good',
  'wow',
  'excellent',
  'outstanding',
  'fun',
  'funny',
  'love',
  'loving',
  'beautiful',
  'genius',
  'happy',
  'proud',
  'appreciate',
  'appreciated',
  'enjoy',
  'rich',
  'interesting',
  'convenient',
  'cute',
  'hope',
  'worth',
  'mature',
  'helpful',
  'well',
  'sure',
  'right',
  'noted',
  'favour',
  'favor',
]);

/** Words scored +1 ("share", "clear", "agree") are too faint to show sincerity. */
export const SINCERE_MIN_POINTS = 2;

/** A negated warm word ("not happy", "don't care") counts this much, whatever its AFINN score. */
export const NEGATED_WARM_POINTS = -1;

export interface Valence {
  /** Sum of warm points. */
  warm: number;
  /** Sum of harsh points, as a positive number. */
  harsh: number;
  /** Harsh words in reading order (after negation). */
  harshWords: string[];
  /** Warm words in reading order. */
  warmWords: string[];
  /** Warm points from words sarcasm does not borrow ("delighted", "relieved", "safe"). */
  sincereWarm: number;
}

/** AFINN points of one word, or 0 when it is unscored or ignored. */
export function pointsOf(word: string): number {
  if (IGNORED_WORDS.has(word)) return 0;
  let points = scored.get(word);
  if (points === undefined) {
    points = analyzer.analyze(word).score;
    if (scored.size >= SCORED_MAX_WORDS) scored.clear();
    scored.set(word, points);
  }
  return points;
}

/** The valence of a run of words (a sentence or clause), with negation. */
export function valenceOf(words: readonly string[]): Valence {
  const v: Valence = { warm: 0, harsh: 0, harshWords: [], warmWords: [], sincereWarm: 0 };
  words.forEach((word, i) => {
    let points = pointsOf(word);
    if (points === 0) return;
    if (isNegated(words, i)) points = points > 0 ? NEGATED_WARM_POINTS : 0;
    if (points > 0) {
      v.warm += points;
      v.warmWords.push(word);
      if (!PRAISE_WORDS.has(word) && points >= SINCERE_MIN_POINTS) v.sincereWarm += points;
    } else if (points < 0) {
      v.harsh -= points;
      v.harshWords.push(word);
    }
  });
  return v;
}
