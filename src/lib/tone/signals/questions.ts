/**
 * Accusing questions: questions that are not asking anything ("why would you …", "how hard is
 * it …", "do you even …", "who does that?"). Real questions stay calm: "why don't you come
 * over?", "how did you get so good at chess?", "do you want the last slice?".
 */
import { youActsIn, type ToneContext } from '../context';
import { guards, scanPatterns, type Hit, type TonePattern } from '../signal';
import { valenceOf } from '../lexicon/valence';

/** Pressure words that turn a question into a charge: "do you even", "did you really think". */
const PRESSURE_RE =
  /\b(?:even|seriously|honestly|actually|for once|always|never|on earth|the hell|the fuck|tf)\b/;

const QUESTION_PATTERNS: readonly TonePattern[] = [
  {
    re: /\bwhy (?:on earth |the hell |the fuck |tf )?(?:would|did|do|does|are|were|can't|couldn't|won't|wouldn't|didn't|is it|was it|must|have|has|haven't)(?:n't)? (?:you|it always|i always have to|i have to|i even|i bother|everything)\b/,
    strength: 0.6,
    guard: (ctx, i) => {
      const s = ctx.draft.sentences[i];
      if (!s) return false;
      // "why don't you come over?" is an invitation.
      if (
        /\bwhy don't you (?:come|join|stay|bring|take|try|call|ask|go|get|have|sleep|rest|pop|head|grab)\b/.test(
          s.text,
        )
      ) {
        return (ctx.valence[i]?.harsh ?? 0) > 0;
      }
      return true;
    },
  },
  { re: /\bwhy (?:are|is|were) you (?:like this|so|always|even|being|acting)\b/, strength: 1 },
  { re: /\bhow (?:could|dare|can) you\b/, strength: 1 },
  {
    re: /\bhow (?:hard|difficult|complicated|tough) (?:is it|was it|can it be|could it be)\b/,
    strength: 1,
  },
  {
    re: /\bwhy (?:is|was) (?:that|it|this) so (?:hard|difficult|complicated|much to ask)\b/,
    strength: 1,
  },
  { re: /\byou want to (?:talk about|lecture me|tell me about)\b/, strength: 0.8 },
  { re: /\bis there a reason (?:why )?you\b|\bwas there a reason (?:why )?you\b/, strength: 0.9 },
  { re: /\bwas i supposed to\b|\bam i supposed to\b|\bread your mind\b/, strength: 0.8 },
  {
    re: /\b(?:talking|talk|thinking|think|care) about (?:anyone but )?yourself\b/,
    strength: 0.8,
    guard: guards.notWarm,
  },
  { re: /\bhow many (?:more )?times\b/, strength: 0.8 },
  {
    re: /\bhow (?:is|was) (?:that|this|it) my (?:problem|fault|job|responsibility)\b/,
    strength: 1,
  },
  { re: /\bhow do you (?:even|not|always|manage|sleep|live)\b/, strength: 0.6 },
  { re: /\bhow would you like it\b/, strength: 0.7 },
  {
    re: /\bhow about you (?:\w+ )?(?:try|stop|do|grow|get|mind|shut|think|listen|actually)\b/,
    strength: 0.8,
  },
  {
    re: /\bwho (?:do you think|asked (?:you|for)|does that|even does|the hell|the fuck|raised you|told you to|are you to|died and made you|gave you the right)\b/,
    strength: 1,
  },
  { re: /\bwho (?:even|in their right mind|would)\b/, strength: 0.6 },
  {
    re: /\bwhat(?:'s| is) (?:wrong|your problem|the matter) with you\b|\bwhat(?:'s| is) your (?:problem|deal|issue)\b/,
    strength: 1,
  },
  { re: /\bwhat(?:'s| is) (?:the point of you|wrong with you people)\b/, strength: 1 },
  { re: /\bwhat (?:were|was) you (?:thinking|doing|on)\b/, strength: 0.8 },
  { re: /\bwhat (?:the hell|the fuck|on earth|tf)\b/, strength: 0.8 },
  { re: /\bwhat part of\b/, strength: 1 },
  { re: /\bwhat did (?:you|i) (?:expect|think would happen)\b/, strength: 0.8 },
  { re: /\bwhat (?:do|else do) you (?:even )?want from me\b/, strength: 1 },
  {
    re: /\bwhat kind of (?:a )?(?:person|friend|parent|mother|father|mum|mom|dad|partner|adult|human|husband|wife|boyfriend|girlfriend|brother|sister|son|daughter|manager|colleague|idiot)\b/,
    strength: 1,
  },
  { re: /\bwhat gives you the (?:right|idea|impression)\b/, strength: 1 },
  { re: /\bdid it (?:ever )?(?:occur to|cross your mind)\b/, strength: 1 },
  { re: /\bthe best you (?:could|can) (?:do|come up with|manage)\b/, strength: 1 },
  { re: /\bwhy is it that you\b/, strength: 0.6 },
  { re: /\byou (?:did not|didn't) just (?:say|do|call|tell|text)\b/, strength: 0.8 },
  {
    re: /\b(?:do|did|are|were|can|have|would|could|will) you (?:even|seriously|honestly)\b/,
    strength: 0.8,
  },
  { re: /\bdid you (?:really|actually) (?:think|expect|believe)\b/, strength: 0.9 },
  {
    re: /\bare you (?:serious|kidding|joking|insane|crazy|deaf|blind|stupid|for real|high|drunk|done|listening|mad|out of your mind|trying to)\b/,
    strength: 0.9,
    guard: guards.draftNotWarm,
  },
  {
    re: /\bcan you (?:not|just not)\b|\bcan't you (?:just|even|ever|see)\b|\bcould you (?:be any|possibly be|not)\b/,
    strength: 0.8,
  },
  {
    re: /\bwould it kill you\b|\bis it (?:really )?(?:too much|so hard|that hard|that difficult|so difficult|asking too much)\b|\bwas (?:that|it) (?:really )?(?:so|that) (?:hard|difficult)\b/,
    strength: 1,
  },
  {
    re: /\bhave you (?:lost your mind|no shame|no idea|any idea|got no)\b|\bdo you have any idea\b/,
    strength: 0.8,
  },
  {
    re: /\bdo you think (?:i'm|i am) (?:stupid|an idiot|blind|your|a fool|made of money)\b|\bdo i look like\b/,
    strength: 1,
  },
  { re: /\bsince when\b/, strength: 0.6 },
  {
    re: /\b(?:do )?you (?:really |honestly |seriously |actually )?think (?:you can|you get|you have|you deserve|you're|you are|it's ok|it's okay|that's ok|that's okay|i'm going to|i'll|you could)\b/,
    strength: 0.8,
  },
  {
    re: /\byou think (?:i|i'm|i am) (?:don't|didn't|won't|can't|wouldn't|stupid|blind|an idiot|dumb|born yesterday|made of money)\b/,
    strength: 0.9,
  },
  { re: /\bhow (?:is )?(?:this|that|it)(?: is)? (?:all )?my (?:fault|problem)\b/, strength: 1 },
  { re: /\bever heard of\b/, strength: 0.8 },
  {
    re: /^(?:seriously|really|excuse me|hello|are you serious|for real|wtf|what)$/,
    strength: 0.6,
    guard: (ctx, i, m) => guards.notGlad(ctx, i, m) && (ctx.draft.sentences[i]?.question ?? false),
  },
  {
    re: /\b(?:is|was) (?:this|that|it|everything) (?:all )?(?:just )?a (?:joke|game) to you\b/,
    strength: 1,
  },
  {
    re: /\b(?:deliberately|on purpose|intentionally|purposely)\b/,
    strength: 0.6,
    guard: (ctx, i) => ctx.youAct[i] === true,
  },
  { re: /\bdoes it come naturally\b|\bis it a (?:talent|gift)\b/, strength: 1 },
  {
    re: /\bwhy (?:do|should|would) i (?:even )?(?:bother|care|try)\b|\bwhy is it always (?:me|my)\b|\bwhy am i (?:always|the only|even)\b/,
    strength: 1,
  },
  { re: /\bwhat(?:'s| is) the point\b/, strength: 0.6 },
];

/** A question aimed at the reader with pressure words or harsh words in it. */
function pressingQuestions(ctx: ToneContext): Hit[] {
  const hits: Hit[] = [];
  ctx.draft.sentences.forEach((s, i) => {
    if (!s.question || !ctx.youAct[i]) return;
    // The pressure must be in the part that asks about the reader: "I never heard back from
    // the landlord, did you?" asks nothing pointed.
    const asking = (ctx.clauses[i] ?? []).filter(youActsIn);
    const v = valenceOf(asking.flat());
    const harsh = v.harsh > 0 && v.harsh >= v.warm;
    const pressed = asking.some((words) => PRESSURE_RE.test(words.join(' ')));
    if (harsh || (pressed && !ctx.warm)) {
      hits.push({
        family: 'question',
        strength: harsh && pressed ? 0.7 : 0.4,
        reason: 'accusing question',
        sentence: i,
      });
    }
  });
  return hits;
}

export function questionHits(ctx: ToneContext): Hit[] {
  return [
    ...scanPatterns(ctx, 'question', QUESTION_PATTERNS).filter((h) => isQuestionish(ctx, h)),
    ...pressingQuestions(ctx),
  ];
}

/** The pattern sits in a question, or in a sentence that reads as one without the "?". */
function isQuestionish(ctx: ToneContext, hit: Hit): boolean {
  const s = ctx.draft.sentences[hit.sentence];
  if (!s) return false;
  return (
    s.question ||
    s.end === '' ||
    s.end.includes('!') ||
    /^(?:why|how|who|what)\b/.test(s.text) ||
    hit.strength >= 1
  );
}
