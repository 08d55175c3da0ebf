/**
 * Signs of care in a draft: apologies, empathy, gentle requests, thanks, affection, reassurance.
 * They soften the weaker signals ("I hate that you had to go through that alone. I'm here.")
 * but never cancel a strong one: "sorry, but you're pathetic" still reads as heated.
 */

export type RepairKind =
  | 'apology'
  | 'empathy'
  | 'request'
  | 'thanks'
  | 'affection'
  | 'reassurance'
  | 'feelings'
  | 'laughter';

/** One entry per kind; a kind counts once however often it appears. */
export const REPAIR_PATTERNS: Readonly<Record<RepairKind, RegExp>> = {
  apology:
    /\b(?:i'm|i am) (?:so |really |very |truly )?sorry\b(?!,? (?:you|if|that you|but)\b)|(?:^|[.!?]\s*)sorry\b(?!,? (?:you|if|but)\b)|\bi apologi[sz]e\b|\bmy (?:bad|mistake)\b|\bi was wrong\b|\bi shouldn't have\b|\bthat wasn't fair\b|\bi (?:was|got|have been) (?:unfair|defensive|harsh|short with you)\b/,
  empathy:
    /\b(?:i'm|i am) here (?:for you|if you)\b|\bthat sounds (?:\w+ )?(?:hard|awful|exhausting|rough|tough|difficult|painful|stressful|frustrating|lonely)\b|\bhow are you (?:holding up|doing|feeling)\b|\bi (?:understand|get it|see why|hear you)\b|\byour side\b|\bif you (?:want|need) to talk\b|\bis everything (?:ok|okay|alright|all right)\b/,
  request:
    /\b(?:can|could|shall) we\b|\blet's\b|\b(?:could|would) you (?:mind|please)\b|\bwhen you (?:get|have) (?:a )?(?:chance|moment|minute|sec|second|time)\b|\bno (?:rush|pressure)\b|\btake (?:all )?(?:the |your )?time\b|\bwhenever (?:you're|you are) (?:ready|free)\b/,
  thanks:
    /\bthank you\b|\bthanks for (?!nothing|finally|eventually|bothering)|\bi (?:really )?appreciate (?:you|that you|how|your)\b/,
  affection: /\b(?:love|miss) you\b|\bproud of you\b|\bhugs?\b|\bx{2,}\b|<3|\bthinking of you\b/,
  reassurance:
    /\b(?:it's|that's|it is|that is) (?:ok|okay|alright|all right|fine)\b|\bno worries\b|\bnot your fault\b|\bdon't worry\b|\bi forgive you\b|\bnothing (?:is )?wrong between us\b|\byou did (?:everything|nothing wrong|your best)\b|\bdone nothing wrong\b/,
  feelings: /\bi (?:feel|felt)\b(?! like you)/,
  laughter: /\b(?:ha(?:ha)+|lol|lmao|hehe|hilarious|so funny)\b/,
};

/** Which kinds of care a prepared draft shows. */
export function repairKindsIn(prepared: string): RepairKind[] {
  return (Object.keys(REPAIR_PATTERNS) as RepairKind[]).filter((kind) =>
    REPAIR_PATTERNS[kind].test(prepared),
  );
}
