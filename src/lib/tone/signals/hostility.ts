/**
 * Anger and contempt the writer says they feel towards the reader ("I hate you", "I'm sick of
 * your excuses", "you disgust me", "I'm furious with you"), and swearing.
 *
 * Feelings about something else stay calm: "I'm tired of this rain", "I'm furious at the
 * insurance company", "I'm so mad at myself", "I hate that you had to go through that alone".
 */
import type { ToneContext } from '../context';
import { both, guards, reasonFor, scanPatterns, type Hit, type TonePattern } from '../signal';

/** What may follow "sick of", "tired of", "fed up with" and still be the reader. */
const FED_UP_OBJECT = String.raw`(?:you\b|your\b|this\b(?! (?:rain|cold|weather|heat|job|traffic|week|winter|summer|place|city|town|flu|virus|book|show|song|game|app))|it\b|that\b|being\b|the way you|how you|everything|all of|always|having|\w+ing (?:this|that|the same|your|you|after you|for you)|pretending|hearing|cleaning|doing|waiting|having to|carrying|covering|explaining|asking|begging|chasing|making excuses|listening to|putting up|dealing with|picking up|fighting|arguing|the (?:excuses|lies|drama|attitude|games|silent treatment|disrespect|way you))`;
const ANGRY = String.raw`(?:furious|livid|fuming|pissed(?: off)?|angry|mad|enraged|seething|raging|disgusted|appalled|sick|fed up|so done|annoyed|irritated|frustrated|disappointed|hurt)`;
const ANGRY_ALONE = String.raw`(?:furious|livid|fuming|pissed(?: off)?|enraged|seething|raging|so angry|so mad|beyond angry|beyond mad)`;
/** "at myself", "about the news", "with the airline": anger aimed away from the reader. */
const AIMED_ELSEWHERE = String.raw`(?! (?:at|with|about|by|over|that|because) (?!you\b|your\b)\w)`;

const HOSTILITY_PATTERNS: readonly TonePattern[] = [
  {
    re: /\bi (?:\w+ )?(?:hate|despise|loathe|detest) (?:you|your|it when you|when you|how you|the way you|that you (?:always|never|keep|can't|won't|don't|still))\b/,
    strength: 1,
  },
  {
    re: /\byou (?:disgust|repulse|sicken|disappoint|infuriate|annoy|exhaust|bore|embarrass|humiliate) me\b|\byou make me (?:so )?(?:sick|angry|mad|furious|crazy|want to scream)\b/,
    strength: 1,
  },
  {
    re: new RegExp(
      String.raw`\b(?:i'm|i am|i've been|i was) (?:so |really |absolutely |fucking |bloody |beyond |honestly |just |actually |completely |seriously )*${ANGRY} (?:with|at|in|by|of) (?:you|your)\b`,
    ),
    strength: 1,
  },
  {
    re: new RegExp(
      String.raw`\b(?:i'm|i am|i've been) (?:so |really |absolutely |fucking |bloody |beyond |honestly |just |actually |seriously )*${ANGRY_ALONE}\b${AIMED_ELSEWHERE}`,
    ),
    strength: 0.4,
  },
  {
    re: new RegExp(
      String.raw`\b(?:i'm|i am|i've been|i get) (?:so |really |just |absolutely |completely |honestly |literally )*(?:sick|tired|sick and tired|fed up|bored|done) (?:of|with) ${FED_UP_OBJECT}`,
    ),
    strength: 1,
  },
  { re: /\bi(?:'ve| have) had (?:it|enough)\b/, strength: 0.9 },
  {
    re: /\bi (?:\w+ )?can't (?:stand|bear|stomach) (?:you|your|being|how (?:\w+ )?you|it when you|the way you|the sight of you|to look at you)\b/,
    strength: 1,
  },
  { re: /\b(?:thought|expected) (?:better|more) (?:of|from) you\b/, strength: 1 },
  {
    re: /\bsays (?:it all|everything|a lot|enough|so much)\b|\bproves? (?:my point|everything|it)\b/,
    strength: 0.8,
    guard: guards.deadpan,
  },
  {
    re: /\b(?:unbelievable|unreal|ridiculous|pathetic|disgusting|shameful|typical|embarrassing|incredible|sad|amazing|funny|interesting|wonderful|lovely|cute|nice) (?:that|how) you\b/,
    strength: 0.9,
  },
  { re: /\b(?:embarrassed|ashamed) (?:to be seen with|to know|to call|of|by) you\b/, strength: 1 },
  { re: /\b(?:to my face|behind my back)\b/, strength: 0.5 },
  {
    re: /\bi (?:literally |just |honestly |seriously )?can't (?:even )?with (?:you|this|your|him|her)\b/,
    strength: 1,
  },
  {
    re: /^the (?:disrespect|entitlement|arrogance|hypocrisy|cheek|gall|nerve|audacity)(?: of (?:it|you|some people))?$/,
    strength: 1,
  },
  {
    re: /\bi'm (?:honestly |literally |actually )?speechless$/,
    strength: 0.5,
    guard: both(guards.deadpan, guards.draftNotWarm),
  },
  { re: /\b(?:talking|talk) to a (?:brick )?wall\b/, strength: 1 },
  { re: /\bi'd rather (?:eat|die|walk|chew|stick|gouge|drink|swallow) .*\bthan\b/, strength: 1 },
  { re: /\byou should be (?:ashamed|embarrassed|sorry)\b/, strength: 1 },
  {
    re: /\byou need (?:serious |professional |real )?(?:help|therapy|a therapist|your head (?:checked|examined))\b(?! with| moving| carrying| to| from| getting| lifting| packing)/,
    strength: 1,
    guard: (ctx, i) => !(ctx.draft.sentences[i]?.question ?? false),
  },
  {
    re: /\b(?:embarrassed for you|pity you|feel sorry for you(?:r)?)\b/,
    strength: 0.8,
    guard: both(guards.deadpan, guards.notWarm),
  },
  {
    re: /\bi (?:haven't|have not|won't|will not|will never|never) (?:forget|forgotten|forgive|forgiven) (?:what|how|you|this|that)\b/,
    strength: 0.8,
    guard: both(guards.deadpan, guards.notWarm),
  },
  {
    re: /\b(?:will not|won't|refuse to) be (?:spoken|talked|treated) (?:to )?like (?:that|this)\b/,
    strength: 1,
  },
  {
    re: /\bsee how (?:that|it|this) (?:works out|goes|turns out)(?: for you)?\b/,
    strength: 0.9,
    guard: guards.deadpan,
  },
  {
    re: /\bthis is (?:exactly )?why (?:i|we|nobody|no one) (?:don't|never|can't|won't|stopped|trusts?|likes?)\b/,
    strength: 0.9,
  },
  { re: /\bi (?:have|'ve got) nothing (?:more |else |left )?to say to you\b/, strength: 1 },
  {
    re: /\bi (?:\w+ )?(?:can't|cannot|don't|no longer) trust (?:a (?:single )?(?:thing|word)|anything|a thing) you\b/,
    strength: 1,
  },
  {
    re: /\bfeeling the love\b|\bmade it (?:very |really |abundantly )?clear where i stand\b|\bwhere i (?:rank|stand) on your\b/,
    strength: 0.9,
  },
  {
    re: /\bi can't (?:even )?(?:look at|deal with|cope with|be around|talk to|stand) you\b|\bi can't (?:even )?deal\b/,
    strength: 1,
  },
  {
    re: /\bi (?:don't|do not|can't|cannot|no longer) (?:trust|believe) (?:you|a word|anything you)\b/,
    strength: 1,
  },
  {
    re: /\bi can't believe (?:you|i ever|i trusted|i married|i wasted)\b/,
    strength: 0.6,
    guard: guards.deadpan,
  },
  {
    re: /\b(?:means|meant|mean) (?:nothing|zilch|jack|fuck all|nothing at all)(?: to me)?\b/,
    strength: 0.9,
  },
  {
    re: /\b(?:was|were|is|are) right about you\b/,
    strength: 0.9,
    guard: both(guards.deadpan, guards.draftNotWarm),
  },
  { re: /\b(?:put up with|tolerate|stand being around) you\b/, strength: 0.8 },
  { re: /\byou(?:'re| are) the last (?:person|one|thing)\b/, strength: 1 },
  {
    re: /\bi (?:regret|wish i(?:'d| had)? never) (?:\w+ )?(?:meeting|met|trusting|trusted|marrying|married|dating|dated|helping|helped|you)\b|\bwhat (?:did )?i (?:ever )?(?:saw|see) in you\b/,
    strength: 1,
  },
  { re: /\b(?:you're|you are) dead to me\b|\bi'm ashamed of you\b|\bshame on you\b/, strength: 1 },
  {
    re: /\b(?:i'm|i am) (?:so |really |very |deeply |honestly )?disappointed in you\b|\byou disappointed me\b/,
    strength: 1,
  },
  {
    re: /\b(?:i'm|i am) (?:not|never) (?:even )?(?:surprised|shocked)\b/,
    strength: 0.6,
    guard: guards.draftNotWarm,
  },
  {
    re: /\b(?:the )?audacity\b|\bthe nerve\b|\b(?:you've|you have|you) (?:got )?(?:some|a lot of|a real) nerve\b/,
    strength: 1,
  },
  {
    re: /\byou(?:'re| are| really are| truly are| honestly are) (?:really |truly |honestly |just |actually |seriously )?(?:something else|a piece of work|a real piece of work|too much|the worst|out of line|out of order|full of (?:it|shit|crap)|beyond help|a lost cause)\b/,
    strength: 1,
  },
  {
    re: /\b(?:nobody|no one) (?:\w+ )?(?:wants|likes|trusts|respects|cares about|can stand|asked for|asked|needs) (?:\w+ ){0,4}?(?:you|your)\b/,
    strength: 1,
  },
  { re: /\beven for you\b|\bbelow the belt\b|\blow blow\b|\buncalled for\b/, strength: 0.9 },
  {
    re: /\bi (?:don't|do not) want (?:you|to see you|to hear from you)(?: \w+)?(?: here| around| near| in my life| anymore|$)/,
    strength: 1,
  },
];

/** Swear words; aimed at the reader ("screw you", "you bloody …") they are hostility itself. */
const PROFANITY_RE =
  /\b(?:fuck(?:ing|ed|er|s|in)?|f\*+k(?:ing)?|shit(?:ty|s)?|bullshit|crap(?:py)?|damn(?:ed|it)?|goddamn|bloody|piss(?:ed)?|arse|ass|bollocks|hell|bastard|jesus christ|christ)\b/;
const AT_THEM_RE =
  /\b(?:fuck|screw|damn|sod|to hell with) (?:you|off|yourself|your)\b|\bgo to hell\b|\bpiss off\b|\byou (?:fucking|bloody|damn|stupid)\b|\bwhat the (?:hell|fuck) (?:is wrong with|were you|are you|do you)\b/;
/** Swearing in surprise or joy: "holy shit, congratulations", "damn, that's a great photo". */
const JOYFUL_SWEAR_RE =
  /\b(?:holy (?:shit|crap|hell|fuck)|hell yes|hell yeah|damn (?:good|fine|right)|fucking (?:amazing|brilliant|love|awesome|proud))\b/;

function swearingHits(ctx: ToneContext): Hit[] {
  const hits: Hit[] = [];
  ctx.draft.sentences.forEach((s, i) => {
    const aimed = AT_THEM_RE.exec(s.text);
    if (aimed) {
      // Swearing at the reader is hostility itself, not loudness.
      hits.push({
        family: 'hostility',
        strength: 1,
        reason: `swearing at them: '${aimed[0]}'`,
        sentence: i,
      });
      return;
    }
    const m = PROFANITY_RE.exec(s.text);
    if (!m || JOYFUL_SWEAR_RE.test(s.text)) return;
    const atReader = ctx.youAct[i] === true || ctx.imperative[i] === true;
    hits.push({
      family: 'swearing',
      strength: atReader ? 0.7 : 0.3,
      reason: reasonFor('swearing', m[0]),
      sentence: i,
    });
  });
  return hits;
}

export function hostilityHits(ctx: ToneContext): Hit[] {
  return [...scanPatterns(ctx, 'hostility', HOSTILITY_PATTERNS), ...swearingHits(ctx)];
}
