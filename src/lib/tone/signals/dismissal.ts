/**
 * Dismissal: shutting the conversation down ("whatever", "fine.", "k", "I don't care",
 * "not my problem", "do what you want"). A whole reply of one curt word ("Fine." "Noted." "k")
 * is the clearest; the same word with warmth after it ("Fine by me!", "k see you at 6") is not.
 */
import type { ToneContext } from '../context';
import { guards, reasonFor, scanPatterns, type Hit, type TonePattern } from '../signal';

/** Words that, as a whole reply, close a conversation rather than agree. */
export const CURT_REPLIES: ReadonlyMap<string, number> = new Map([
  ['k', 1],
  ['whatever', 1],
  ['fine', 0.8],
  ['noted', 0.8],
  ['wow', 0.7],
  ['ok', 0.5],
  ['sure', 0.6],
  ['cool', 0.5],
  ['right', 0.6],
  ['great', 0.6],
  ['figures', 0.9],
  ['bye', 0.6],
  ['okay then', 0.7],
  ['ok then', 0.7],
  ['fine then', 0.9],
  ['got it', 0.6],
  ['ok fine', 0.8],
  ['fine whatever', 1],
  ['ok whatever', 1],
  ['yeah ok', 0.6],
  ['sure whatever', 1],
  ['mhm', 0.6],
  ['lol ok', 0.7],
  ['ok lol', 0.5],
  ['if you say so', 1],
]);

const DISMISSAL_PATTERNS: readonly TonePattern[] = [
  {
    re: /^(?:ugh,? |ok,? |fine,? |oh )?whatever(?:,? (?:you say|helps you sleep|man|dude|then))?$|^whatever,/,
    strength: 1,
  },
  {
    re: /^(?:fine|ok|okay|cool|great|noted|sure|wow|right|it's fine|i'm fine|that's fine|whatever then)$/,
    strength: 0.6,
    guard: (ctx, i) =>
      (ctx.draft.sentences[i]?.end ?? '').startsWith('.') &&
      ctx.draft.sentences.length > 1 &&
      !ctx.warm,
  },
  {
    re: /\bi (?:really |honestly |just |seriously )?(?:don't|do not) care\b(?! (?:which|what|where|when|who|either|if|whether|how|about (?:the|which|what)))|\bcouldn't care less\b|\bwho cares\b|\blike i care\b|\bas if i care\b|\bi don't give a\b/,
    strength: 1,
  },
  {
    re: /\bnot my (?:problem|concern|job|issue)\b|\b(?:that's|sounds like a|that sounds like a) you problem\b|\byour problem(?: now)?$/,
    strength: 0.9,
    guard: guards.draftNotWarm,
  },
  {
    re: /\b(?:do|say|think) (?:whatever|what) you (?:want|like)\b/,
    strength: 0.7,
    guard: guards.draftNotWarm,
  },
  {
    re: /\b(?:suit yourself|have it your way|talk to the hand|cool story|ok boomer)\b/,
    strength: 1,
  },
  {
    re: /\bnot (?:interested|worth (?:it|my time|the effort))\b|\bnot listening\b|\bi have better things to do\b|\bwaste of (?:my )?time\b/,
    strength: 0.8,
    guard: guards.draftNotWarm,
  },
  {
    re: /\bforget (?:it|about it|the whole thing|all of it|the party)\b/,
    strength: 0.8,
    guard: guards.draftNotWarm,
  },
  { re: /^never mind$/, strength: 0.6, guard: guards.draftNotWarm },
  {
    re: /\bi (?:don't|do not) (?:want|need) to hear (?:it|this|your)\b|\bi (?:don't|do not) (?:need|want) (?:your|you(?! to)|this)\b/,
    strength: 0.9,
  },
  { re: /\bsee if i care\b|\bnot falling for (?:that|it|this|your|the|any)\b/, strength: 1 },
  {
    re: /\b(?!eat\b|have\b|take\b|drink\b)\w+ (?:me )?all you (?:want|like)\b/,
    strength: 0.8,
    guard: guards.deadpan,
  },
  { re: /\bi don't have time for (?:your|this|you)\b/, strength: 0.8, guard: guards.draftNotWarm },
  {
    re: /\b(?:i'm|i am) (?:so )?over (?:it|this|you|your|all of)\b|\bso over (?:it|this|you|your)\b/,
    strength: 0.9,
  },
  {
    re: /\bi'm not (?:doing this|having this conversation|arguing|discussing this|going to argue|engaging)\b|\bnot doing this (?:again|tonight|now|today)\b/,
    strength: 0.8,
  },
  { re: /\bi'll pass\b|^pass$/, strength: 0.6, guard: guards.draftNotWarm },
  {
    re: /\bso that's how it is\b|\bgot it\.?$|\bnoted$/,
    strength: 0.7,
    guard: guards.draftNotWarm,
  },
  { re: /^(?:bye|goodbye|later)$/, strength: 0.5, guard: guards.draftNotWarm },
  {
    re: /\bcan't be bothered (?:with you|to deal with you)\b|\bcan't deal with you\b/,
    strength: 1,
  },
  { re: /\b(?:pfft|meh|yawn|smh)\b/, strength: 0.6 },
  {
    re: /\b(?:touch grass|cry about it|stay mad|skill issue|cope harder|seethe|who asked|nobody asked|bffr|be fr|ok and|and\?)\b/,
    strength: 0.9,
  },
  { re: /^ok,? (?:karen|boomer|buddy|mate|sweetie|princess|genius|champ)\b/, strength: 1 },
  {
    re: /\b(?:now )?live with it\b|\bend of (?:discussion|story|conversation)\b/,
    strength: 0.9,
    guard: guards.deadpan,
  },
];

/** The whole draft is one curt reply: "k", "Fine.", "Whatever", "ok then". */
function curtReply(ctx: ToneContext): Hit[] {
  const phrase = ctx.draft.words.join(' ');
  const strength = CURT_REPLIES.get(phrase);
  if (strength === undefined) return [];
  const end = ctx.draft.sentences.at(-1)?.end ?? '';
  // "Great!" and "Sure!" are glad; "Great." and "Sure." are not.
  if (end.includes('!')) return [];
  return [{ family: 'dismissal', strength, reason: reasonFor('dismissal', phrase), sentence: -1 }];
}

export function dismissalHits(ctx: ToneContext): Hit[] {
  return [...curtReply(ctx), ...scanPatterns(ctx, 'dismissal', DISMISSAL_PATTERNS)];
}
