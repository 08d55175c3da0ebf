/**
 * From hits to a score. Each family's hits add up to one feature (capped, so ten small signs do
 * not outweigh one clear one); the score is the weighted sum of features:
 *
 *   score = Σ weight(family) × min(FEATURE_MAX, Σ strength of its hits)      heated when ≥ 1
 *
 * The weights are those of a small logistic model (scripts/tone/fit.ts) fitted on the training and
 * held-out files and stored in model/weights.ts, scaled so that a score of 1 is the decision point
 * chosen by cross-validation (DEFAULT_FIT_OPTIONS.decisionShare of the evidence at even odds). A weight ≥ 1 means that family alone, at full strength, reads as heated; signs of
 * calm have negative weights. The wording feature (model/wording.ts) is one of the families.
 *
 * Loudness (capitals, "!!!", clipped sentences) counts only beside something negative, and not
 * at all in a warm draft: "WE GOT THE HOUSE!!!" stays calm.
 */
import type { ToneContext } from '../context';
import type { Hit, ToneFamily } from '../signal';
import { TONE_WEIGHTS } from './weights';

/** Every feature, in the order of the vector the model reads. */
export const FEATURES: readonly ToneFamily[] = [
  'insult',
  'harsh',
  'blame',
  'absolute',
  'command',
  'question',
  'sarcasm',
  'guilt',
  'threat',
  'dismissal',
  'condescension',
  'hostility',
  'swearing',
  'shouting',
  'punctuation',
  'clipped',
  'negativity',
  'edge',
  'aimed',
  'wording',
  'care',
  'thanks',
  'apology',
  'laughter',
  'warmth',
];

/** Families that are signs of calm: their weights are never positive. */
export const CALM_FAMILIES: ReadonlySet<ToneFamily> = new Set([
  'care',
  'thanks',
  'apology',
  'laughter',
  'warmth',
]);
/** Families that only set the scene (who is addressed, how edgy the words are). */
export const CONTEXT_FAMILIES: ReadonlySet<ToneFamily> = new Set([
  'negativity',
  'edge',
  'aimed',
  'wording',
]);
/** Families that are loudness: they count only beside something negative. */
export const LOUD_FAMILIES: ReadonlySet<ToneFamily> = new Set([
  'shouting',
  'punctuation',
  'clipped',
]);

/** A family's hits count up to this much together. */
export const FEATURE_MAX = 2;
/** Loudness in a draft that is neither warm nor negative counts this much. */
export const LOUD_UNSURE_FACTOR = 0.3;
/** A hostile hit at least this strong makes loudness count in full. */
const LOUD_CONTEXT_MIN = 0.3;

export const HEATED_THRESHOLD = 1;

export interface ToneFeatures {
  /** One value per FEATURES entry. */
  values: number[];
  /** How much loudness counts in this draft: 0, LOUD_UNSURE_FACTOR or 1. */
  loudFactor: number;
}

/** The feature vector of a draft's hits. */
export function featuresOf(hits: readonly Hit[], ctx: ToneContext): ToneFeatures {
  const sums = new Map<ToneFamily, number>();
  for (const h of hits) sums.set(h.family, (sums.get(h.family) ?? 0) + h.strength);
  const negative =
    hits.some(
      (h) =>
        !CALM_FAMILIES.has(h.family) &&
        !LOUD_FAMILIES.has(h.family) &&
        !CONTEXT_FAMILIES.has(h.family) &&
        h.strength >= LOUD_CONTEXT_MIN,
    ) || (sums.get('negativity') ?? 0) >= LOUD_CONTEXT_MIN;
  const loudFactor = negative ? 1 : ctx.warm ? 0 : LOUD_UNSURE_FACTOR;
  const values = FEATURES.map((family) => {
    const value = Math.min(FEATURE_MAX, sums.get(family) ?? 0);
    return LOUD_FAMILIES.has(family) ? value * loudFactor : value;
  });
  return { values, loudFactor };
}

/** The weighted sum, never below 0, rounded to two decimals. */
export function scoreOf(
  values: readonly number[],
  weights: Readonly<Record<ToneFamily, number>> = TONE_WEIGHTS,
): number {
  const sum = FEATURES.reduce((t, family, k) => t + weights[family] * (values[k] ?? 0), 0);
  return Math.max(0, Math.round(sum * 100) / 100);
}

/** What each hit adds to the score, for ordering reasons strongest first. */
export function contributionOf(
  hit: Hit,
  loudFactor: number,
  weights: Readonly<Record<ToneFamily, number>> = TONE_WEIGHTS,
): number {
  const factor = LOUD_FAMILIES.has(hit.family) ? loudFactor : 1;
  return weights[hit.family] * hit.strength * factor;
}
