/**
 * Absolutes: turning one lapse into a verdict on the person ("you always", "every single time",
 * "as usual", "for once"). Praise uses them too ("you always make me laugh"), so a warm
 * sentence, or a warm draft, does not count.
 */
import { PRAISE_WORDS } from '../lexicon/valence';
import type { ToneContext } from '../context';
import { both, guards, scanPatterns, type Guard, type Hit, type TonePattern } from '../signal';

const notPraise: Guard = both(guards.notWarm, guards.draftNotWarm);
/** Speaks to the reader or has a harsh word: "every time I hear that song" is neither. */
const pointed: Guard = (ctx, i) => ctx.addressed[i] === true || (ctx.valence[i]?.harsh ?? 0) > 0;

const ABSOLUTE_PATTERNS: readonly TonePattern[] = [
  {
    re: /\byou(?:'re|'ve| are| have)? (?:always|never|constantly|continually|forever|perpetually)\b(?! (?:have to|need to|fail|cease|let me down|disappoint|stop (?:amazing|surprising)|know (?:what|how|exactly|just)|make me (?:laugh|smile|feel better)))/,
    strength: 0.8,
    guard: notPraise,
  },
  { re: /\byou (?:keep|kept) (?:on )?\w+ing\b/, strength: 0.6, guard: notPraise },
  {
    re: /\bevery (?:single |damn |bloody )?time\b/,
    strength: 0.6,
    guard: both(notPraise, pointed),
  },
  {
    re: /\b(?:as usual|as always|like always|like usual|same as always|as per usual|per usual|same old)\b/,
    strength: 0.7,
    guard: notPraise,
  },
  {
    re: /^(?:so |how |just |oh )?(?:typical|classic)(?: (?:you|of you|\w+))?$|\b(?:typical|classic) (?:you|of you)\b/,
    strength: 0.8,
    guard: guards.draftNotWarm,
  },
  { re: /\b(?:for once|for a change)\b/, strength: 0.8, guard: notPraise },
  {
    re: /\b(?:once again|yet again|again and again|over and over|time and again)\b/,
    strength: 0.5,
    guard: notPraise,
  },
  { re: /^(?:and |oh |so )?again$/, strength: 0.6 },
  { re: /\bnot (?:even )?once\b/, strength: 0.7, guard: notPraise },
  {
    re: /\b(?:everything|it|this)(?: is|'s)? (?:always |all |just )?about (?:you|yourself|your \w+)\b/,
    strength: 1,
  },
  {
    re: /\b(?:it's|it is) always (?:someone else's|somebody else's|everyone else's|my|everybody else's) fault\b/,
    strength: 1,
  },
  {
    re: /\b(?:anyone|anybody|anything|no one|nobody|everyone|someone|somebody) (?:else )?(?:but|except|other than|apart from|besides) (?:yourself|you)\b/,
    strength: 1,
  },
  { re: /\bevery (?:single )?\w+ with you\b|\bevery single \w+/, strength: 0.7, guard: notPraise },
  {
    re: /\b(?:twice|three times|four times|five times|multiple times|several times|repeatedly|over and over)\b/,
    strength: 0.5,
    guard: both(notPraise, pointed),
  },
  {
    re: /\b(?:it's|that's) (?:what|all) you(?:'re)? (?:\w+ )?(?:do|ever do|best at|good at)\b/,
    strength: 1,
  },
  {
    re: /\bthe (?:second|third|fourth|fifth|sixth|tenth|nth|umpteenth|hundredth|millionth) (?:time|lie|excuse|day|week|weekend|night|month|year)\b/,
    strength: 0.8,
    guard: notPraise,
  },
  {
    re: /\b(?:it's|there's|always) (?:always )?(?:\w+ )?with you\b/,
    strength: 0.7,
    guard: both(notPraise, guards.deadpan),
  },
  {
    re: /\b(?:revolves?|revolving) around you\b|\bthe cent(?:re|er) of the universe\b/,
    strength: 1,
  },
  {
    re: /\bhere we go again\b|\bsame old (?:story|excuse|excuses|shit|crap|thing)\b|\bthe same (?:excuse|excuses|story|crap|shit|lies|nonsense)\b|\b(?:doing|having) this (?:again|conversation again|argument again)\b/,
    strength: 0.8,
  },
  {
    re: /\b(?:another|yet another|more|the same) (?:excuse|lie|lies|excuses|broken promise|cancelled plan|no-show|tantrum|speech|lecture|empty promise|last-minute)\b/,
    strength: 0.7,
  },
  {
    re: /\b(?:one|1) (?:simple |little |single |tiny |literally )?(?:thing|job|task)\b/,
    strength: 0.6,
    guard: both(notPraise, guards.deadpan),
  },
  { re: /\ball you (?:ever )?(?:do|care about|think about|talk about)\b/, strength: 0.9 },
  {
    re: /\byou only (?:ever )?(?:\w+ )?(?:when|care|think|call|text|show up|remember)\b/,
    strength: 0.6,
    guard: notPraise,
  },
  {
    re: /\b(?:a hundred|a thousand|a million|a dozen|100|1000|ten|twenty|so many|how many) times\b/,
    strength: 0.5,
    guard: notPraise,
  },
  { re: /\balways (?:me|the one|my fault|have to|has to)\b/, strength: 0.7, guard: notPraise },
  { re: /\bnever (?:ever|once)\b/, strength: 0.6, guard: notPraise },
  { re: /\b(?:anymore|any more)\b/, strength: 0.3, guard: both(guards.addressed, notPraise) },
];

/**
 * Repeating for effect: a short sentence that only repeats words just said ("I asked for ONE
 * favour. ONE.", "Three times.", "Two hours.").
 */
function echoes(ctx: ToneContext): Hit[] {
  const hits: Hit[] = [];
  const before = new Set<string>();
  ctx.draft.sentences.forEach((s, i) => {
    const echo = i > 0 && s.words.length > 0 && s.words.length <= ECHO_MAX_WORDS;
    const seen = echo && s.words.every((w) => before.has(w));
    for (const w of s.words) before.add(w);
    if (seen && !s.words.some((w) => PRAISE_WORDS.has(w)) && !ctx.warm) {
      hits.push({
        family: 'absolute',
        strength: 0.8,
        reason: `repeating for effect: '${s.words.join(' ')}'`,
        sentence: i,
      });
    }
  });
  return hits;
}
/** An echo is at most this many words. */
const ECHO_MAX_WORDS = 3;

export function absoluteHits(ctx: ToneContext): Hit[] {
  return [...scanPatterns(ctx, 'absolute', ABSOLUTE_PATTERNS), ...echoes(ctx)];
}
