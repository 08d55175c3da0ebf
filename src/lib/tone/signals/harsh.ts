/**
 * Harsh words (AFINN) split by whom they are about:
 *
 *   harsh        in a clause where the reader acts or is told to ("you were so mean to her",
 *                "Quit whining")
 *   negativity   anywhere else ("the train is late again", "I'm so mad at myself")
 *
 * Harsh words about the reader are a strong sign; harsh words about a train, a boss or a Monday
 * are venting, and count for little.
 */
import { INSULT_NAMES, MILD_NAMES, MILD_TRAITS, TRAITS } from '../lexicon/people';
import { youActsIn, type ToneContext } from '../context';
import { reasonFor, type Hit } from '../signal';
import { valenceOf } from '../lexicon/valence';

/** AFINN points that make one unit of strength: a −4 word ("hell") aimed at "you" is 1. */
export const HARSH_POINTS_PER_UNIT = 4;
export const NEGATIVE_POINTS_PER_UNIT = 5;

/** Sympathy puts the reader on the receiving end: "I'm sorry you had such an awful day". */
const SYMPATHY_RE =
  /\bhate (?:that|seeing|how) you(?:'re| are)? (?:so |feeling |been )?(?:stressed|sad|upset|hurting|ill|sick|tired|alone|struggling|worried|down|lonely|unwell|going through|far)\b|\b(?:sorry(?!,? but)|so unfair|feel for you|poor (?:you|thing)|hope|you had to|you've been through|you went through|you're going through|happened to you|must have been|must be|if you|in case you|are you ok|you deserved?)\b/;

export function harshHits(ctx: ToneContext): Hit[] {
  const hits: Hit[] = [];
  ctx.draft.sentences.forEach((s, i) => {
    const sympathy = SYMPATHY_RE.test(s.text);
    const clauses = ctx.clauses[i] ?? [];
    clauses.forEach((words, c) => {
      const v = valenceOf(words.map((w) => (isJudgement(w) || STATES.has(w) ? '' : w)));
      if (v.harsh === 0) return;
      const aimed = !sympathy && (youActsIn(words) || (c === 0 && ctx.imperative[i] === true));
      const family = aimed ? 'harsh' : 'negativity';
      const unit = aimed ? HARSH_POINTS_PER_UNIT : NEGATIVE_POINTS_PER_UNIT;
      hits.push({
        family,
        strength: v.harsh / unit,
        reason: reasonFor(family, v.harshWords.join(', ')),
        sentence: i,
      });
    });
  });
  return hits;
}

/**
 * How someone is, not what they are like: "you were ill", "you must be tired", "you lost".
 * AFINN scores them harsh, but said of the reader they are sympathy or news.
 */
const STATES: ReadonlySet<string> = new Set([
  'ill',
  'sick',
  'tired',
  'exhausted',
  'sad',
  'upset',
  'stressed',
  'worried',
  'scared',
  'hurt',
  'lost',
  'lonely',
  'anxious',
  'nervous',
  'afraid',
  'unwell',
  'cold',
  'hungry',
  'bored',
  'poor',
  'sorry',
  'crying',
  'cry',
  'miss',
  'missed',
  'struggling',
  'worry',
  'alone',
  'pain',
  'hard',
  'difficult',
  'trouble',
  'problem',
  'problems',
  'late',
]);

/** Names and traits are the insult family's to weigh (signals/insults.ts); not counted twice. */
const isJudgement = (w: string): boolean =>
  INSULT_NAMES.has(w) || TRAITS.has(w) || MILD_NAMES.has(w) || MILD_TRAITS.has(w);
