/**
 * Fits the tone model on labelled drafts: the wording table (src/lib/tone/model/wording.ts) and
 * one weight per family, by logistic regression with plain gradient descent. Deterministic: the
 * same samples give the same weights.
 *
 *   samples ──5 folds──▶ each fold's features, with wording learned on the other four
 *           ──logistic regression──▶ weights          (out-of-fold, so wording is not trusted
 *   samples ──learnWording──▶ wording table             more than it earns on unseen drafts)
 *
 * Constraints that keep it honest on little data: signs are fixed (a heated family never gets a
 * negative weight, a sign of calm never a positive one), and an L2 penalty keeps weights small
 * unless the data insists. The weights are scaled by the bias, so that a score of 1 is
 * `decisionShare` of the evidence at the model's even odds: score = Σ wᵢxᵢ / (−bias × share),
 * heated when score ≥ 1.
 */
import { analyseTone } from '../../src/lib/tone';
import { CALM_FAMILIES, FEATURES } from '../../src/lib/tone/model/score';
import type { ToneFamily } from '../../src/lib/tone/signal';
import { prepareDraft } from '../../src/lib/tone/text';
import { learnWording, wordingTerms, type WordingSample } from '../../src/lib/tone/model/wording';

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2: number;
  iterations: number;
  learningRate: number;
  /** Folds for the out-of-fold wording feature. */
  folds: number;
  /**
   * Where a draft starts to read heated, as a share of the evidence at the model's even odds:
   * 1 is even odds, less catches more heated drafts and more false alarms.
   */
  decisionShare: number;
}

/**
 * Chosen by leave-one-batch-out cross-validation over the development files
 * (src/lib/tone/README.md): the L2 penalty with the best pooled figures, and the lowest decision
 * share whose pooled false-positive rate stays ≤ 0.04, and ≤ 0.05 on the other author's file.
 */
export const DEFAULT_FIT_OPTIONS: FitOptions = {
  l2: 0.01,
  iterations: 4000,
  learningRate: 0.5,
  folds: 5,
  decisionShare: 0.8,
};

export interface FitRow {
  values: readonly number[];
  heated: boolean;
}

export interface ToneModelFit {
  /** Weights in units of the heated threshold (raw / −bias), rounded to two decimals. */
  weights: Record<ToneFamily, number>;
  wording: Map<string, number>;
}

const termsOf = (text: string): string[] => wordingTerms(prepareDraft(text));

export function fitToneModel(
  samples: readonly WordingSample[],
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): ToneModelFit {
  if (samples.length === 0) throw new Error('cannot fit on no samples');
  const rows: FitRow[] = new Array<FitRow>(samples.length);
  for (let fold = 0; fold < options.folds; fold++) {
    const table = learnWording(
      samples.filter((_, i) => i % options.folds !== fold),
      termsOf,
    );
    samples.forEach((s, i) => {
      if (i % options.folds !== fold) return;
      rows[i] = { values: analyseTone(s.text, table).features.values, heated: s.heated };
    });
  }
  return { weights: fitToneWeights(rows, options), wording: learnWording(samples, termsOf) };
}

/** The logistic fit proper, on feature rows. */
export function fitToneWeights(
  rows: readonly FitRow[],
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): Record<ToneFamily, number> {
  const n = FEATURES.length;
  const sign = FEATURES.map((f) => (CALM_FAMILIES.has(f) ? -1 : 1));
  const w = new Array<number>(n).fill(0);
  let bias = 0;
  for (let step = 0; step < options.iterations; step++) {
    const grad = new Array<number>(n).fill(0);
    let gradBias = 0;
    for (const row of rows) {
      let z = bias;
      for (let j = 0; j < n; j++) z += (w[j] as number) * (row.values[j] ?? 0);
      const error = 1 / (1 + Math.exp(-z)) - (row.heated ? 1 : 0);
      gradBias += error;
      for (let j = 0; j < n; j++) grad[j] = (grad[j] as number) + error * (row.values[j] ?? 0);
    }
    bias -= (options.learningRate * gradBias) / rows.length;
    for (let j = 0; j < n; j++) {
      const g = (grad[j] as number) / rows.length + options.l2 * (w[j] as number);
      const next = (w[j] as number) - options.learningRate * g;
      // Projected back onto the allowed sign.
      w[j] = (sign[j] as number) > 0 ? Math.max(0, next) : Math.min(0, next);
    }
  }
  if (bias >= 0) throw new Error('the fit put calm drafts above even odds; check the labels');
  const scale = -bias * options.decisionShare;
  return Object.fromEntries(
    FEATURES.map((f, j) => [f, Math.round(((w[j] as number) / scale) * 100) / 100]),
  ) as Record<ToneFamily, number>;
}
