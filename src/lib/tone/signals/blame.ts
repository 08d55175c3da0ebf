/**
 * Blame: the reader as the one who did wrong. Two shapes:
 *
 *   "you" + a wrongdoing   you ruined it · you've been lying · you just ditched me
 *   pointed phrases        it's your fault · because of you · look what you did
 *
 * Not blame: "if you forget, no worries", "it's okay that you forgot", "the rain ruined it".
 */
import { DEED_PARTICLES, DEEDS, deedAt, deedOf } from '../lexicon/deeds';
import type { ToneContext } from '../context';
import { both, guards, reasonFor, scanPatterns, type Hit, type TonePattern } from '../signal';
import { isNegator } from '../text';

/** A question ("did you forget?") may be only a question: half strength. */
export const QUESTION_FACTOR = 0.5;

const YOU_DOER: ReadonlySet<string> = new Set(['you', "you've", "you'd", "you'll", "you're"]);
/** Words that may stand between "you" and the deed: "you've just gone and ruined". */
const BETWEEN: ReadonlySet<string> = new Set([
  'just',
  'actually',
  'even',
  'always',
  'completely',
  'totally',
  'literally',
  'really',
  'clearly',
  'still',
  'deliberately',
  'again',
  'seriously',
  'basically',
  'obviously',
  'purposely',
  'intentionally',
  'constantly',
  'also',
  'only',
  'ever',
  'have',
  'had',
  'has',
  'been',
  'did',
  'do',
  'does',
  'keep',
  'kept',
  'are',
  'were',
  'went',
  'gone',
  'go',
  'and',
  'managed',
  'to',
  'decided',
  'chose',
  'could',
  'would',
  'will',
  'might',
  'already',
  'once',
  'straight',
  'up',
  'lowkey',
  'totally',
  'all',
  'but',
]);
/** "if you forget", "it's okay that you forgot", "I know you didn't mean to". */
const NOT_BLAME_BEFORE: ReadonlySet<string> = new Set([
  'if',
  'when',
  'whenever',
  'unless',
  'case',
  'whether',
  'once',
  'before',
  'after',
  'until',
  'that',
  'know',
  'understand',
  'hope',
  'worry',
  'sure',
  'think',
  'guess',
  'maybe',
  'whatever',
  'mind',
]);
const FORGIVING_RE =
  /\b(?:it's (?:ok|fine|alright|all right)|no worries|don't worry|it happens|no big deal|not your fault|not a big deal|no problem|i forgive|all good)\b/;

export function blameHits(ctx: ToneContext): Hit[] {
  return [...deedHits(ctx), ...scanPatterns(ctx, 'blame', BLAME_PATTERNS)];
}

function deedHits(ctx: ToneContext): Hit[] {
  const hits: Hit[] = [];
  ctx.draft.sentences.forEach((s, i) => {
    if (FORGIVING_RE.test(s.text)) return;
    const words = s.words;
    words.forEach((w, p) => {
      if (!YOU_DOER.has(w) || NOT_BLAME_BEFORE.has(words[p - 1] ?? '')) return;
      for (let k = p + 1; k < Math.min(words.length, p + 6); k++) {
        const word = words[k] as string;
        if (isNegator(word)) return;
        const base = deedOf(word);
        if (base !== undefined) {
          const particle = DEED_PARTICLES.get(base);
          if (deedAt(words, k) === undefined) return;
          const strength = (DEEDS.get(base) ?? 0) * (s.question ? QUESTION_FACTOR : 1);
          hits.push({
            family: 'blame',
            strength,
            reason: reasonFor('blame', words.slice(p, k + (particle ? 3 : 1)).join(' ')),
            sentence: i,
          });
          return;
        }
        if (!BETWEEN.has(word)) return;
      }
    });
  });
  return hits;
}

/** "not your fault" is reassurance, not blame. */
const notNegatedBefore = (ctx: ToneContext, i: number, m: RegExpExecArray): boolean => {
  const before = (ctx.draft.sentences[i]?.text ?? '').slice(0, m.index);
  return !/\b(?:not|never|isn't|wasn't|n't)\s+(?:\w+\s+)?$/.test(before);
};

const BLAME_PATTERNS: readonly TonePattern[] = [
  {
    re: /\b(?:(?:it's|it is|this is|that's|that is|it was|this was) )?(?:all |entirely |completely )?your (?:fault|doing|mess)\b/,
    strength: 1,
    guard: notNegatedBefore,
  },
  { re: /\bno thanks to you\b/, strength: 1 },
  {
    re: /\b(?:because of|thanks to) you\b/,
    strength: 0.7,
    guard: both(guards.notWarm, notNegatedBefore),
  },
  {
    re: /\byou (?:made|make|making) me (?:feel|look|do|cry|so|sick|want|miss|lose|late|angry|mad|crazy|wait|pay|the bad)\b/,
    strength: 0.8,
    guard: guards.notWarm,
  },
  { re: /\b(?:it's|that's|this is|that is) on you\b/, strength: 0.8 },
  {
    re: /\byou (?:did this|caused (?:this|it|all)|started (?:this|it)|brought this on)\b/,
    strength: 0.9,
  },
  { re: /\byou(?:'re| are) the (?:reason|one who|problem|one that)\b/, strength: 0.8 },
  { re: /\b(?:look|see) what you(?:'ve)? (?:did|done|made|caused)\b/, strength: 1 },
  { re: /\byou(?:'ve| have) (?:caused|done) enough\b/, strength: 1 },
  {
    re: /\byou (?:should|could)(?:'ve| have) (?:\w+ )?(?:thought|known|told|asked|called|checked|listened|said|warned|texted|mentioned)\b/,
    strength: 0.5,
  },
  {
    re: /\byou (?:can't|couldn't|won't|wouldn't|don't|didn't|never) even\b/,
    strength: 0.7,
  },
  {
    re: /\byou (?:clearly |obviously |just |really |honestly )?(?:don't|didn't|never|won't|wouldn't|can't|couldn't) (?:\w+ )?(?:care|listen|help|ask|call|bother|try|show up|pay|clean|apologi[sz]e|think|respect|appreciate|notice|consider|get it|value)\b(?! of yourself| twice| about yourself)/,
    strength: 0.6,
  },
  { re: /\byou (?:were|was) supposed to\b/, strength: 0.7 },
  {
    re: /\btreat(?:s|ed|ing)? (?:\w+ ){0,2}like (?:garbage|shit|crap|dirt|trash|a child|an idiot|a doormat|a servant|a maid|an employee|a slave|nothing)\b/,
    strength: 1,
  },
  {
    re: /\b(?:threw|throw|throwing|thrown) (?:it|that|this|everything) (?:back )?in my face\b/,
    strength: 1,
  },
  {
    re: /\bnot (?:even )?(?:a|one) (?:single )?(?:text|call|message|word|thank you|thanks|sorry|apology|hello|phone call)\b/,
    strength: 0.8,
    guard: guards.deadpan,
  },
  { re: /\byou owe me\b/, strength: 0.7 },
  { re: /\byou (?:don't|do not) get to\b/, strength: 1 },
  { re: /\byou could (?:have )?at least\b|\bat least pretend\b/, strength: 0.8 },
  { re: /\b(?:nobody|no one) (?:forced|made|asked|told) you to\b/, strength: 0.9 },
  { re: /\bnot my fault (?:that )?you\b/, strength: 0.9 },
  { re: /\byou (?:can't|couldn't|can not) be bothered\b/, strength: 0.8 },
  {
    re: /\bwast(?:ing|ed|e) (?:everyone's|everybody's|my|our|all our) (?:time|money|evening|weekend|day)\b/,
    strength: 0.7,
    guard: guards.notWarm,
  },
  {
    re: /\b(?:treat|treated|treating|talk to|talked to|speak to|spoke to) me like (?:this|that|dirt|shit|crap|a child|an idiot|garbage|nothing)\b/,
    strength: 0.8,
  },
  {
    re: /\bbeing (?:lied to|ignored|used|cheated on|walked all over|taken for granted|talked down to|treated like)\b/,
    strength: 0.7,
    guard: guards.notWarm,
  },
  {
    re: /\byou (?:really |honestly |actually )?(?:thought|think) (?:nobody|no one|i) (?:would(?:n't)?|wouldn't|won't|will|didn't) (?:notice|find out|care|know|see|remember)\b/,
    strength: 0.9,
  },
  { re: /\bhow little you\b|\byou (?:just )?can't help yourself\b/, strength: 0.9 },
  {
    re: /\byou (?:have|'ve got|got|show|had) (?:zero|no|absolutely no|not an ounce of|not one ounce of|not a shred of) (?:respect|consideration|regard|empathy|manners|shame|decency|self-awareness|common sense|sense|clue|integrity|loyalty|boundaries|filter|idea how)\b/,
    strength: 1,
  },
  {
    re: /\b(?:can't|couldn't|cannot) even (?:do|get|manage|remember|say|be bothered|text|call|show|pick|clean|make)\b/,
    strength: 0.8,
  },
  {
    re: /\byou(?:'re| are) not even (?:sorry|trying|listening|pretending|ashamed)\b/,
    strength: 0.8,
  },
  { re: /\byou promised\b/, strength: 0.5, guard: guards.notWarm },
  { re: /\byou knew\b/, strength: 0.5, guard: guards.notWarm },
  { re: /\b(?:blame yourself|your own fault)\b/, strength: 1 },
];
