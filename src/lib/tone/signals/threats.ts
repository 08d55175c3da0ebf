/**
 * Threats and ultimatums: a condition with a consequence ("if you … again, I'm leaving",
 * "… or we're done"), an ending announced ("I'm done with you", "we're finished"), a warning
 * ("last chance", "try me", "you'll regret it").
 *
 * Not threats: "I'm done for the day", "we're finished with the painting", "I'm out of milk",
 * "your last chance to get early-bird tickets".
 */
import type { ToneContext } from '../context';
import { both, guards, scanPatterns, type Hit, type TonePattern } from '../signal';

/** The consequence half of an ultimatum: "I'm leaving", "we're done", "I'll tell everyone". */
const CONSEQUENCE = String.raw`(?:(?:i'm|i am|i'll|i will|we're|we are) (?:\w+ )?(?:done|leaving|gone|out|finished|through|over|telling|calling|blocking|moving out|walking|changing|throwing|reporting|never)|i swear|that's it|it's over|don't bother|you'll (?:regret|be sorry|pay)|consider (?:us|this|yourself))`;

const THREAT_PATTERNS: readonly TonePattern[] = [
  {
    re: new RegExp(
      String.raw`\bif you (?:\w+ ){0,8}?(?:again|one more|ever|keep|still|even think|so much as|dare)\b[^.!?]*?,? (?:then )?${CONSEQUENCE}\b`,
    ),
    strength: 1,
  },
  {
    re: new RegExp(String.raw`\b(?:or|otherwise|or else)\b,? ${CONSEQUENCE}\b|\bor else\b`),
    strength: 0.9,
    guard: guards.draftNotWarm,
  },
  {
    re: /\bor (?:we're|we are|i'm|i am) (?:done|through|finished|over|out|leaving|gone)\b/,
    strength: 1,
  },
  { re: /\bnext time you\b[^.!?]*\b(?:i'm|i'll|i will|we're|don't)\b/, strength: 0.9 },
  {
    re: /\b(?:say|do|try) (?:that|this|it) (?:one more time|again)\b(?! soon| sometime| later)|\bone more (?:time|word)\b/,
    strength: 0.7,
    // "could you say it again?" asks.
    guard: (ctx, i, m) =>
      both(guards.deadpan, guards.draftNotWarm)(ctx, i, m) && !ctx.draft.sentences[i]?.question,
  },
  {
    re: /\b(?:last|final) (?:chance|warning)\b(?! to (?:get|buy|book|sign|grab|enter|register|see|catch|vote|apply|order|join))/,
    strength: 1,
  },
  {
    re: /\bthe last time (?:i|i'm|i'll)\b[^.!?]*\b(?:you|your)\b|\blast time i(?:'m| am)? (?:ask|asking|tell|telling|say|saying|cover|covering|help|helping|do|doing|lend|lending)\b/,
    strength: 0.9,
  },
  {
    re: /\bi'm warning you\b|\byou've been warned\b|\bdon't (?:push|test) me\b|\btry me\b|\bwatch (?:your (?:mouth|tone|back|step with me)|yourself|it)\b/,
    strength: 1,
  },
  {
    re: /\byou'll (?:regret|be sorry|pay for)\b|\bsee where that gets you\b|\byou'll see\b(?=[^!]*$)/,
    strength: 0.9,
    guard: guards.draftNotWarm,
  },
  { re: /\bi swear (?:to god )?(?:if|i'll|i will)\b/, strength: 1 },
  {
    re: /\b(?:i'm|i am) (?:leaving(?= you|$| for good| and)|walking out|moving out|changing the locks|calling the (?:police|cops)|telling (?:mum|mom|dad|everyone|your|him|her|them|the)|blocking (?:you|your)|reporting you|going to tell|gonna tell|out of here)\b|\bi'll (?:tell|call the|report|block|leave)\b/,
    strength: 0.9,
    guard: guards.draftNotWarm,
  },
  { re: /\bi'm blocking\b(?! (?:off|out|time))/, strength: 0.9 },
  {
    re: /\b(?:we're|we are|we were|it's|it is|this is|you and i are|you and me are|us are) (?:so |totally |completely )?(?:done|through|finished|over)(?: here| between us| for good)?$/,
    strength: 1,
  },
  {
    re: /\b(?:i'm|i am|i've been) (?:so |really |just |totally |completely )?done(?: with (?:you|us|your|everything|being|trying|the excuses|the lies|the drama|all of (?:this|it|you)|(?:this|it|that)(?:$| anymore| again| crap| shit| nonsense| bs| relationship| conversation| argument| friendship| marriage| family| job))\b|$)/,
    strength: 1,
  },
  { re: /\b(?:i'm|i am) (?:so |really |just )?done (?:\w+ing)\b/, strength: 0.7 },
  {
    re: /\b(?:i'm|i am) (?:so |really |just )?done \w+ing (?:\w+ ){0,3}(?:you|your)\b/,
    strength: 0.4,
  },
  {
    re: /(?<!\b(?:if|when|while|because|unless|until|whether) )\b(?:that's it|i'm out)$|\bwe're finished\b(?! with (?:the|my|our|your|a|this \w))/,
    strength: 0.6,
    guard: guards.draftNotWarm,
  },
  {
    re: /\b(?:don't|never) (?:ever )?(?:contact|call|text|message|speak to|talk to|come near) me (?:again|ever)\b|\bnever (?:speak|talk|come back|contact me|text me|call me)\b[^.!?]*\bagain\b/,
    strength: 1,
  },
  {
    re: /\bfind (?:someone|somebody|another \w+|a new \w+) (?:else|to)\b|\bfind another (?:ride|way|friend|flatmate|roommate|sucker|mug)\b/,
    strength: 0.7,
    guard: guards.draftNotWarm,
  },
  { re: /\b(?:i'm|i am) not (?:asking|telling you|saying (?:it|this)) again\b/, strength: 0.8 },
  { re: /\bunless you\b/, strength: 0.6, guard: guards.draftNotWarm },
  { re: /\bsee what happens\b/, strength: 1, guard: guards.deadpan },
  { re: /\b(?:keep|carry on like) (?:this|that|it) up(?:,)? (?:and|or)\b/, strength: 1 },
  {
    re: /\bi'll remember this\b|\bconsider (?:this|yourself|us) (?:done|warned|finished|over)\b/,
    strength: 0.8,
  },
  {
    re: /\byou can (?:forget (?:about )?(?:it|the|my|your|that|coming|ever)|kiss (?:\w+ ){1,3}goodbye)\b/,
    strength: 0.9,
  },
];

export function threatHits(ctx: ToneContext): Hit[] {
  return scanPatterns(ctx, 'threat', THREAT_PATTERNS);
}
