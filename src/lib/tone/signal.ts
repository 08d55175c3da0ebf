/**
 * What every signal family shares: the hit it reports, the context it reads, and a scanner for
 * patterns over sentences. A family is one file (signals/insults.ts, signals/sarcasm.ts …) exporting
 * one function `(ctx) => Hit[]`.
 *
 * Patterns are general shapes of English with word classes ("you + (always|never|constantly)",
 * "(thanks|great job) + a wrongdoing"), never sentences from a labelled file.
 */
import type { ToneContext } from './context';
import type { Sentence } from './text';

export type ToneFamily =
  | 'insult'
  | 'harsh'
  | 'blame'
  | 'absolute'
  | 'command'
  | 'question'
  | 'sarcasm'
  | 'guilt'
  | 'threat'
  | 'dismissal'
  | 'condescension'
  | 'hostility'
  | 'swearing'
  | 'shouting'
  | 'punctuation'
  | 'clipped'
  | 'negativity'
  | 'edge'
  | 'aimed'
  | 'wording'
  | 'care'
  | 'thanks'
  | 'apology'
  | 'laughter'
  | 'warmth';

export interface Hit {
  family: ToneFamily;
  /** How clear the sign is: about 1 for a clear one, less for a hint. */
  strength: number;
  /** What a person would call it ("insult: 'pathetic'"); empty for signs of calm. */
  reason: string;
  /** Index of the sentence it was found in, or -1 for the draft as a whole. */
  sentence: number;
}

/** How a family is named at the start of a reason. */
export const FAMILY_LABEL: Readonly<Record<ToneFamily, string>> = {
  insult: 'insult',
  harsh: 'harsh words about them',
  blame: "blaming 'you'",
  absolute: '',
  command: 'telling them what to do',
  question: 'accusing question',
  sarcasm: 'sarcasm',
  guilt: 'guilt-tripping',
  threat: 'threat or ultimatum',
  dismissal: 'dismissive',
  condescension: 'talking down',
  hostility: 'anger at them',
  swearing: 'swearing',
  shouting: 'shouting',
  punctuation: 'repeated punctuation',
  clipped: 'short, clipped sentences',
  negativity: 'negative words',
  edge: 'exasperation',
  aimed: '',
  wording: 'wording that often reads as heated',
  care: '',
  thanks: '',
  apology: '',
  laughter: '',
  warmth: '',
};

export function reasonFor(family: ToneFamily, phrase?: string): string {
  const label = FAMILY_LABEL[family];
  if (!phrase) return label;
  return label ? `${label}: '${phrase}'` : `'${phrase}'`;
}

/** When a pattern counts, beyond matching. */
export type Guard = (ctx: ToneContext, sentence: number, match: RegExpExecArray) => boolean;

export interface TonePattern {
  re: RegExp;
  strength: number;
  guard?: Guard;
  /** Quote the match in the reason (default); false names only the family. */
  quote?: boolean;
}

/** Runs patterns over each sentence; a pattern counts at most once per sentence. */
export function scanPatterns(
  ctx: ToneContext,
  family: ToneFamily,
  patterns: readonly TonePattern[],
): Hit[] {
  const hits: Hit[] = [];
  ctx.draft.sentences.forEach((s: Sentence, i) => {
    for (const p of patterns) {
      p.re.lastIndex = 0;
      const m = p.re.exec(s.text);
      if (!m || (p.guard && !p.guard(ctx, i, m))) continue;
      const phrase = p.quote === false ? undefined : shorten(m[0]);
      hits.push({ family, strength: p.strength, reason: reasonFor(family, phrase), sentence: i });
    }
  });
  return hits;
}

function shorten(match: string): string {
  const words = match
    .trim()
    .replace(/^[\s,.;:!?-]+|[\s,.;:!?-]+$/g, '')
    .split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')} …` : words.join(' ');
}

const GLAD_EMOJI_RE =
  /[\u{1F602}\u{1F923}\u{1F606}\u{1F604}\u{1F601}\u{1F60A}\u{1F970}\u{1F618}\u{1F600}\u{1F60D}\u{2764}\u{1F495}\u{1F973}\u{1F389}]/u;

/** Guards shared by several families. */
export const guards = {
  /**
   * The sentence is not warm on balance ("you always make me laugh" is praise). Only warmth
   * sarcasm does not borrow counts: "great", "thanks", "favour" prove nothing.
   */
  notWarm: ((ctx, i) => {
    const v = ctx.valence[i];
    return !v || v.sincereWarm <= v.harsh || v.harsh > 0;
  }) as Guard,
  /** The draft as a whole is not warm. */
  draftNotWarm: ((ctx) => !ctx.warm) as Guard,
  /** The sentence speaks to the reader. */
  addressed: ((ctx, i) => ctx.addressed[i] === true) as Guard,
  /**
   * Said flat, not gladly: no "!", no "haha" and no laughing or loving emoji in the sentence. Sarcasm is
   * deadpan ("Really classy.", "Hope you're happy now.").
   */
  deadpan: ((ctx, i) => {
    const s = ctx.draft.sentences[i];
    return (
      s !== undefined &&
      !s.end.includes('!') &&
      !GLAD_EMOJI_RE.test(s.raw) &&
      !/\b(?:ha(?:ha)+h?|lol|lmao|hehe)\b/.test(s.text)
    );
  }) as Guard,
  /** No laughter or loving emoji anywhere, no thanks or care said warmly: nothing glad. */
  notGlad: ((ctx) =>
    !GLAD_EMOJI_RE.test(ctx.draft.raw) &&
    !/\b(?:ha(?:ha)+|lol|lmao|hehe)\b/.test(ctx.draft.text)) as Guard,
};

/** Both guards must hold. */
export const both =
  (a: Guard, b: Guard): Guard =>
  (ctx, i, m) =>
    a(ctx, i, m) && b(ctx, i, m);
