/**
 * Talking down: reminding them they were told ("per my last email", "as I already said"),
 * explaining slowly, telling them how to feel ("calm down", "you're overreacting"), and the
 * polite phrases that sharpen what follows ("no offence, but", "with all due respect").
 */
import type { ToneContext } from '../context';
import { guards, scanPatterns, type Hit, type TonePattern } from '../signal';

const CONDESCENSION_PATTERNS: readonly TonePattern[] = [
  {
    re: /\bper my (?:last|previous|earlier)\b|\bas (?:per )?my (?:last|previous|earlier) (?:email|message|text|mail)\b/,
    strength: 1,
  },
  {
    re: /\bas i (?:already |have |'ve |had )?(?:already )?(?:said|mentioned|explained|stated|noted|told you)\b|\bas i've (?:already )?(?:said|mentioned|explained)\b/,
    strength: 0.8,
    guard: guards.draftNotWarm,
  },
  {
    re: /\blike i (?:said|told you)\b|\bi (?:already|literally) told you\b|\bi told you (?:so|already|before|this)\b/,
    strength: 0.8,
    guard: guards.draftNotWarm,
  },
  { re: /\bas (?:previously|already) (?:stated|mentioned|discussed|explained)\b/, strength: 0.8 },
  {
    re: /\bfor the (?:last|hundredth|millionth|thousandth|third|fourth|fifth|tenth|nth|umpteenth) time\b/,
    strength: 1,
  },
  {
    re: /\blet me (?:explain|spell|say|put) (?:it|this|that)? ?(?:slowly|again|one more time|more simply|in simple terms|out for you)\b|\bspell (?:it|this|that|things) out\b/,
    strength: 1,
  },
  { re: /\bin case you (?:forgot|missed|didn't (?:notice|know|realise|realize))\b/, strength: 0.9 },
  { re: /\bi shouldn't (?:have to|need to)\b|\bi should not have to\b/, strength: 0.9 },
  {
    re: /\b(?:it's|it is|this is|that's|that is) not (?:that hard|rocket science|complicated|difficult|brain surgery|hard)\b/,
    strength: 0.9,
  },
  { re: /\bit's called (?:a|an|the)\b|\bnews ?flash\b/, strength: 0.9 },
  {
    re: /\bno offen[cs]e,? but\b|\bwith (?:all )?due respect\b|\brespectfully,\b|\bnot to be rude,? but\b|\bi'm just saying\b|\bjust saying\b/,
    strength: 0.7,
  },
  {
    re: /\b(?:i'm|i am) sorry (?:that |if )?you (?:feel|felt|were offended|took it)\b|\bsorry if you (?:were|felt|feel|took)\b/,
    strength: 0.9,
  },
  { re: /\bbless your (?:heart|little)\b/, strength: 0.9 },
  {
    re: /\b(?:calm|settle) down\b|\bchill out\b|\bstop overreacting\b|\bdon't be so sensitive\b/,
    strength: 0.9,
  },
  {
    re: /\byou(?:'re| are) (?:being |so |really |totally |just )*(?:overreacting|over-reacting|dramatic|hysterical|oversensitive|too sensitive|so sensitive|paranoid|unreasonable|irrational|emotional)\b/,
    strength: 0.9,
  },
  {
    re: /\byou (?:should|would|must) (?:know|have known|realise|realize) (?:that|this|by now|better)\b|\bsurely you\b|\byou know better\b|\bknow better than\b/,
    strength: 0.8,
  },
  {
    re: /\bdo i (?:need|have) to (?:spell|explain|remind|repeat)\b|\bi'll say it again\b|\btry to keep up\b|\bkeep up\b(?=\.)/,
    strength: 1,
  },
  {
    re: /\bread (?:my|the|your) (?:message|email|text|messages|emails)\b|\bplease read\b|\bread before\b/,
    strength: 0.7,
    guard: guards.draftNotWarm,
  },
  {
    re: /\bplease (?:explain|enlighten me|tell me how)\b|\bexplain to me (?:how|why)\b|\benlighten me\b/,
    strength: 0.8,
    guard: guards.draftNotWarm,
  },
  {
    re: /,\s*(?:sweetie|sweetheart|honey|hun|darling|buddy|pal|chief|champ|sunshine|princess|genius|einstein|sherlock|sport|boss|karen|mate)$/,
    strength: 0.6,
    guard: (ctx) => !ctx.warm && ctx.harshPoints + ctx.draft.scareQuotes.length > 0,
  },
  {
    re: /^(?:way to go|nice going|well done|good job),? (?:genius|einstein|sherlock|champ|buddy)\b|\bno shit,? sherlock\b/,
    strength: 1,
  },
  {
    re: /\bwhen you(?:'ve| have)? (?:grown up|calmed down|stopped (?:\w+ing)|learned (?:to|how)|decided to (?:act|be|grow)|are ready to (?:act|be|talk like))\b/,
    strength: 0.9,
  },
  {
    re: /\b(?:hope|hopefully) you (?:realise|realize|understand|see) (?:how|what|that)\b|\b(?:hope|hopefully) you know (?:how|what)\b|\bit's a simple (?:question|request|thing|task)\b/,
    strength: 0.8,
    guard: guards.deadpan,
  },
  {
    re: /\b(?:which|that) i(?:'ve| have)? (?:now |already |literally )?(?:sent|said|asked|explained|told you|mentioned|attached|forwarded) (?:twice|three times|again|before|already|multiple times|several times)\b/,
    strength: 0.9,
  },
  {
    re: /\bfelt the need to\b|\bdidn't think i'd (?:have|need) to\b|\ba \d+ year old\b/,
    strength: 0.8,
  },
  { re: /\bcan't believe i (?:have|need) to\b/, strength: 0.8 },
  {
    re: /\bthe (?:bare )?minimum\b|\bit's the least you (?:could|can)\b|\bthe least you could do\b/,
    strength: 0.8,
  },
  {
    re: /\ba grown (?:man|woman|adult|person)\b|\bsupposed (?:adult|grown-up|friend|professional)\b|\bat your age\b/,
    strength: 0.8,
  },
];

export function condescensionHits(ctx: ToneContext): Hit[] {
  return scanPatterns(ctx, 'condescension', CONDESCENSION_PATTERNS);
}
