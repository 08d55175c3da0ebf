/** Small statistics for benchmark samples: nearest-rank percentiles, medians, rounding. */

/** The nearest-rank percentile (p in 0…100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const median = (samples: readonly number[]): number => {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Rounds to `digits` decimals; NaN and ±Infinity become null, which JSON can hold. */
export function round(value: number, digits = 2): number | null {
  if (!Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A ratio of two measured values, rounded; null when either is missing or the base is 0. */
export function ratio(
  value: number | null | undefined,
  base: number | null | undefined,
  digits = 2,
): number | null {
  if (value == null || base == null || base === 0) return null;
  return round(value / base, digits);
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
