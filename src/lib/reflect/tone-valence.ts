/**
 * How positive or negative a sentence's words are, from the AFINN-165 word list (the `sentiment`
 * library), with two corrections for how people write messages:
 *
 * - Negation reaches further. AFINN flips a word only right after "not", "don't", "can't" and a
 *   few more; here every "…n't", "never", "no", "nothing", "nobody", "no longer" and "hardly"
 *   counts ("nothing wrong", "no problem", "nobody likes"), and softeners between
 *   the negation and the word are skipped ("not really angry" reads as "not angry").
 * - A few words whose AFINN score misleads in conversation are ignored (see IGNORED_WORDS).
 */
import Sentiment from 'sentiment';

export interface Valence {
  /** Sum of the scores of every word that counted, after negation. */
  score: number;
  /** Words that counted as negative, after negation, with their (negative) points. */
  negative: Array<{ word: string; points: number }>;
}

/**
 * Words AFINN scores that say little about tone in a message: "like" is mostly a preposition
 * ("like that"), "wow" is as often sarcastic as delighted, "no"/"please"/"sorry"/"want" are
 * everyday function words, "miss" is affection ("miss you"), "kind"/"pretty" are softeners
 * ("kind of", "pretty sure"), "fine" is as often curt as content, and "stop"/"bother" are
 * judged by the patterns where they matter.
 */
export const IGNORED_WORDS: ReadonlySet<string> = new Set([
  'like',
  'wow',
  'no',
  'please',
  'sorry',
  'want',
  'miss',
  'kind',
  'pretty',
  'fine',
  'stop',
  'bother',
  'god',
  'matters',
  'joke',
  'yeah',
  'excuse',
]);

const analyzer = new Sentiment();

const NEGATION_RE = /\b(?:[a-z]+n't|never|no longer|no|nothing|nobody|hardly|cannot)\b/g;
const SOFTENERS_AFTER_NOT_RE =
  /\bnot\s+(?:(?:really|very|that|too|so|even|all that|particularly|exactly|actually|super)\s+)+/g;

/** The AFINN valence of one sentence (lower case), with wider negation. */
export function valenceOf(sentence: string): Valence {
  const prepared = sentence.replace(NEGATION_RE, 'not').replace(SOFTENERS_AFTER_NOT_RE, 'not ');
  const result = analyzer.analyze(prepared);
  let score = 0;
  const negative: Valence['negative'] = [];
  for (const entry of result.calculation) {
    for (const [word, value] of Object.entries(entry)) {
      if (IGNORED_WORDS.has(word)) continue;
      score += value;
      if (value < 0) negative.push({ word, points: value });
    }
  }
  // The library walks words from the end; give them back in reading order.
  negative.reverse();
  return { score, negative };
}
