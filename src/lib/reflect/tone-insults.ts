/**
 * Insults aimed at the reader. An insult word counts only when it is aimed at "you":
 *
 *   you're so selfish        you idiot        the stupidest thing you said     Pathetic.
 *   ─── counts ───────────────────────────────────────────────────────────────────────
 *   my boss is an idiot      you're not stupid      he's useless, you know?
 *   ─── venting about someone else, negated, or a filler "you" ── do not count ───────
 */
import { INSULT_WORDS, INSULTS_NEEDING_INTENSIFIER } from './tone-lexicon';
import { wordsOf, type Sentence } from './tone-text';

/** "You" as the one being described: subject forms, not the possessive "your". */
const YOU_SUBJECT = new Set(['you', "you're", 'youre', 'u', 'ur', "you've", "you'll", "you'd"]);
/** How far an insult may sit after "you're" ("you are the most selfish …") or before "you". */
const WORDS_AFTER_YOU = 5;
const WORDS_BEFORE_YOU = 3;

/** Words that turn the sentence to someone else, or open a new clause, between "you" and a word. */
const BREAKS = new Set([
  'he',
  'she',
  'they',
  "he's",
  "she's",
  "they're",
  'it',
  "it's",
  'my',
  'his',
  'her',
  'their',
  'our',
  'we',
  'i',
  "i'm",
  'but',
  'because',
  'who',
  'which',
  'know',
  'see',
  'think',
  'said',
  'says',
]);
/** "You're not stupid", "you're not being stupid"; further back it negates something else. */
const NEGATION_REACH_WORDS = 2;
const NEGATIONS = new Set(['not', 'never', 'no', 'hardly', 'nothing']);
const INTENSIFIERS = new Set([
  'so',
  'such',
  'total',
  'complete',
  'absolute',
  'utter',
  'real',
  'really',
  'very',
  'most',
  'being',
  'acting',
  'bit',
  'massive',
  'huge',
  'truly',
  'fucking',
  'bloody',
  'damn',
  'always',
]);
/** A sentence this short that is only an insult ("Pathetic." "Unbelievable.") is aimed at the reader. */
const STANDALONE_MAX_WORDS = 2;

const isNegation = (word: string): boolean => NEGATIONS.has(word) || word.endsWith("n't");

/** Insult words aimed at the reader in one prepared sentence, in reading order. */
export function insultsIn(sentence: Sentence): string[] {
  const words = wordsOf(sentence.text);
  const found: string[] = [];
  words.forEach((word, k) => {
    if (!INSULT_WORDS.has(word)) return;
    if (words.slice(Math.max(0, k - NEGATION_REACH_WORDS), k).some(isNegation)) return;
    const needsIntensifier = INSULTS_NEEDING_INTENSIFIER.has(word);
    if (
      aimedFromBefore(words, k, needsIntensifier) ||
      (!needsIntensifier && aimedFromAfter(words, k)) ||
      (!needsIntensifier && words.length <= STANDALONE_MAX_WORDS)
    ) {
      found.push(word);
    }
  });
  return found;
}

/** "you're (so) X", "you X", "your X excuses". */
function aimedFromBefore(words: readonly string[], k: number, needsIntensifier: boolean): boolean {
  if (k > 0 && words[k - 1] === 'your' && !needsIntensifier) return true;
  for (let p = k - 1; p >= Math.max(0, k - WORDS_AFTER_YOU); p--) {
    const word = words[p] as string;
    if (YOU_SUBJECT.has(word)) {
      // "you idiot" needs nothing between; a weak word needs an intensifier ("you're so mean"),
      // since bare "you mean" is the verb and "you're cold" may be sympathy.
      return !needsIntensifier || words.slice(p + 1, k).some((w) => INTENSIFIERS.has(w));
    }
    if (BREAKS.has(word)) return false;
  }
  return false;
}

/** "the stupidest thing you said", "how selfish you are". */
function aimedFromAfter(words: readonly string[], k: number): boolean {
  for (let p = k - 1; p >= Math.max(0, k - 3); p--) {
    // Someone else is being described: "he's such an idiot, you wouldn't believe it".
    if (BREAKS.has(words[p] as string) && words[p] !== 'i') return false;
  }
  for (let p = k + 1; p <= Math.min(words.length - 1, k + WORDS_BEFORE_YOU); p++) {
    const word = words[p] as string;
    if (YOU_SUBJECT.has(word)) {
      const next = words[p + 1];
      return next !== 'know' && next !== 'see' && next !== 'guys';
    }
    if (BREAKS.has(word)) return false;
  }
  return false;
}
