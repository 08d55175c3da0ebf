/**
 * Sarcasm as contrast: praise next to a wrongdoing ("Thanks for ruining my birthday", "Hope you
 * had fun lying to everyone", "Great. Another cancelled plan.", "ignore me again, it's what you're
 * best at"). Sincere praise rarely sits beside an accusation, so the pair is a sign of sarcasm
 * whatever the exact words. Praise may come first (then the wrong may be in the next sentence) or
 * second in the same sentence.
 */
import { ACCUSATION_RE, SARCASM_PRONE_RE } from './tone-lexicon';
import type { Sentence } from './tone-text';

/**
 * After a wrongdoing, thanks and gladness are usually sincere forgiveness ("you forgot, no
 * worries, thank you for trying"); only praise of the person ("it's what you're best at") is
 * sarcasm in that order.
 */
const SINCERE_AFTER_WRONG_RE = /^(?:thanks|thank you|appreciate|glad|enjoy|fun|love how)$/;
/** "Thanks for …ing" with a wrongdoing is the plainest form. */
const THANKS_RE = /^(?:thanks|thank you)$/;
const FOR_WRONG_RE = /^\s*(?:so much |a lot )?for (?:\w+ )?$/;
/**
 * "Thanks for not forgetting" is praise after all, and "sorry I forgot" is the writer's own
 * slip: a wrongdoing counts only when it is neither negated nor the writer's.
 */
const NOT_THEIRS_BEFORE_RE =
  /\b(?:not|never|no|without|i|i've|i'd|i'll|we|we've|me|my)\s+(?:\w+\s+)?$/;

export interface Contrast {
  praise: string;
  wrong: string;
  /** "Thanks for" the wrongdoing itself. */
  thanksFor: boolean;
  /** The sentence with the praise speaks to the reader. */
  addressed: boolean;
}

/** The first praise word paired with a wrongdoing, if any. */
export function sarcasticContrast(sentences: readonly Sentence[]): Contrast | null {
  for (let i = 0; i < sentences.length; i++) {
    const here = sentences[i] as Sentence;
    const next = sentences[i + 1];
    for (const praise of here.text.matchAll(SARCASM_PRONE_RE)) {
      const earlier = SINCERE_AFTER_WRONG_RE.test(praise[0])
        ? ''
        : here.text.slice(0, praise.index);
      for (const wrong of earlier.matchAll(ACCUSATION_RE)) {
        if (NOT_THEIRS_BEFORE_RE.test(earlier.slice(0, wrong.index))) continue;
        return { praise: praise[0], wrong: wrong[0], thanksFor: false, addressed: here.addressed };
      }
      const rest = here.text.slice(praise.index + praise[0].length) + ' ' + (next?.text ?? '');
      for (const wrong of rest.matchAll(ACCUSATION_RE)) {
        const before = rest.slice(0, wrong.index);
        if (NOT_THEIRS_BEFORE_RE.test(before)) continue;
        return {
          praise: praise[0],
          wrong: wrong[0],
          thanksFor: THANKS_RE.test(praise[0]) && FOR_WRONG_RE.test(before),
          addressed: here.addressed || (next?.addressed ?? false),
        };
      }
    }
  }
  return null;
}
