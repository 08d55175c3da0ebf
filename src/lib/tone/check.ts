/**
 * The on-device tone check: does a draft read as heated? It is a gentle note beside the draft,
 * never a block — nothing here stops a message, and the person always decides.
 *
 *   draft ──text──▶ sentences ──families──▶ hits ──model/score──▶ score, reasons
 *
 * Each family (signals/insults.ts, signals/sarcasm.ts, …) looks for one kind of heated writing in
 * compositional terms — who a word is aimed at, what sits beside it — rather than a list of
 * sentences. Signs of calm (signals/care.ts) pull the score down. README.md has the whole picture.
 */
import { contextOf } from './context';
import {
  CALM_FAMILIES,
  CONTEXT_FAMILIES,
  contributionOf,
  featuresOf,
  HEATED_THRESHOLD,
  LOUD_FAMILIES,
  scoreOf,
  type ToneFeatures,
} from './model/score';
import { WORDING_TABLE } from './model/weights';
import { wordingHits, type WordingTable } from './model/wording';
import { type Hit } from './signal';
import { absoluteHits } from './signals/absolutes';
import { blameHits } from './signals/blame';
import { careHits } from './signals/care';
import { commandHits } from './signals/commands';
import { condescensionHits } from './signals/condescension';
import { dismissalHits } from './signals/dismissal';
import { edgeHits } from './signals/edge';
import { guiltHits } from './signals/guilt';
import { harshHits } from './signals/harsh';
import { hostilityHits } from './signals/hostility';
import { insultHits } from './signals/insults';
import { loudnessHits } from './signals/loudness';
import { questionHits } from './signals/questions';
import { sarcasmHits } from './signals/sarcasm';
import { threatHits } from './signals/threats';

export { HEATED_THRESHOLD } from './model/score';

export interface ToneCheck {
  /** True when the draft reads as heated: worth a gentle note, never a block. */
  heated: boolean;
  /** 0 when nothing was noticed; HEATED_THRESHOLD or more reads as heated. Two decimals. */
  score: number;
  /** What was noticed, strongest first, in plain words ("insult: 'pathetic'", "all capitals"). */
  reasons: string[];
}

/**
 * Only the first this many characters are read: a letter-length draft is still checked in a few
 * milliseconds, and a pasted book cannot stall typing.
 */
export const MAX_CHECKED_CHARS = 20_000;
/** A hit adding less than this to the score is not worth naming. */
export const MIN_REASON_CONTRIBUTION = 0.1;

export interface ToneAnalysis {
  hits: Hit[];
  features: ToneFeatures;
}

/** Every hit and the feature vector: what checkTone decides from (and what the fit reads). */
export function analyseTone(text: string, wording: WordingTable = WORDING_TABLE): ToneAnalysis {
  const ctx = contextOf(text.slice(0, MAX_CHECKED_CHARS));
  const hostile = [
    ...insultHits(ctx),
    ...harshHits(ctx),
    ...blameHits(ctx),
    ...absoluteHits(ctx),
    ...commandHits(ctx),
    ...questionHits(ctx),
    ...sarcasmHits(ctx),
    ...guiltHits(ctx),
    ...threatHits(ctx),
    ...dismissalHits(ctx),
    ...condescensionHits(ctx),
    ...hostilityHits(ctx),
  ];
  const hostileSentences = sentencesWithHostility(hostile);
  const care = careHits(ctx, hostileSentences);
  const hits = [
    ...hostile,
    ...loudnessHits(ctx),
    ...edgeHits(ctx, care),
    ...wordingHits(ctx, wording),
    ...care,
  ];
  return { hits, features: featuresOf(hits, ctx) };
}

/**
 * Sentences with a clear hostile sign: signs of calm there do not count ("Thanks for nothing"
 * is not thanks). A faint sign (a lone harsh word) does not cancel an apology beside it.
 */
export const HOSTILE_SENTENCE_MIN = 0.5;

function sentencesWithHostility(hits: readonly Hit[]): Set<number> {
  const sums = new Map<number, number>();
  for (const h of hits) {
    if (!CONTEXT_FAMILIES.has(h.family))
      sums.set(h.sentence, (sums.get(h.sentence) ?? 0) + h.strength);
  }
  return new Set([...sums].filter(([, sum]) => sum >= HOSTILE_SENTENCE_MIN).map(([i]) => i));
}

export function checkTone(text: string): ToneCheck {
  const { hits, features } = analyseTone(text);
  const score = scoreOf(features.values);
  const heated = score >= HEATED_THRESHOLD;
  const best = new Map<string, number>();
  for (const h of hits) {
    if (CALM_FAMILIES.has(h.family) || !h.reason) continue;
    // Edgy words, wording and loudness only ever support a verdict; alone they are not news.
    if (!heated && (CONTEXT_FAMILIES.has(h.family) || LOUD_FAMILIES.has(h.family))) continue;
    const c = contributionOf(h, features.loudFactor);
    if (c >= MIN_REASON_CONTRIBUTION) best.set(h.reason, Math.max(best.get(h.reason) ?? 0, c));
  }
  const reasons = withoutEchoes([...best].sort((a, b) => b[1] - a[1]).map(([reason]) => reason));
  return { heated, score, reasons };
}

/**
 * Drops a reason whose quote sits inside another of the same kind: "threat or ultimatum:
 * 'we're done'" says nothing more than "threat or ultimatum: 'or we're done'".
 */
function withoutEchoes(reasons: readonly string[]): string[] {
  const parts = reasons.map((r) => /^(.*?)'(.*)'$/.exec(r));
  return reasons.filter((r, i) => {
    const mine = parts[i];
    if (!mine) return true;
    return !parts.some(
      (other, j) =>
        j !== i &&
        other !== null &&
        other[1] === mine[1] &&
        other[2] !== mine[2] &&
        (other[2] as string).includes(mine[2] as string),
    );
  });
}
