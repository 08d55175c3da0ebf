/**
 * The emotion words a person chose most often over a period. A word counts once per entry or
 * check-in that chose it (choosing "tired" twice in one day counts twice: two moments).
 */
import { resolveIndex, type InsightsSource } from './day-index';
import { recordsIn, resolveRange, type DayRange, type RangeOptions } from './period';

export interface EmotionCount {
  emotion: string;
  count: number;
}

export interface TopEmotions {
  /** Null when no period was asked for: all time. */
  range: DayRange | null;
  /** Most chosen first; equal counts in alphabetical order. */
  emotions: EmotionCount[];
  /** How many times any word was chosen in the period. */
  total: number;
}

export interface TopEmotionsOptions extends RangeOptions {
  timeZone?: string;
  /** Keep only the first `limit` words (after sorting); default: all. */
  limit?: number;
}

const collator = new Intl.Collator('en');
/** Alphabetical, with code-point order as the last word so the result never depends on input order. */
const alphabetical = (a: string, b: string): number =>
  collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

export function topEmotions(source: InsightsSource, options: TopEmotionsOptions = {}): TopEmotions {
  const index = resolveIndex(source, options.timeZone);
  const range = resolveRange(options, index.timeZone);
  const counts = new Map<string, number>();
  let total = 0;
  for (const record of recordsIn(index, range)) {
    for (const word of record.emotions) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      total++;
    }
  }
  const emotions = [...counts]
    .map(([emotion, count]) => ({ emotion, count }))
    .sort((a, b) => b.count - a.count || alphabetical(a.emotion, b.emotion));
  return {
    range,
    emotions:
      options.limit === undefined ? emotions : emotions.slice(0, Math.max(0, options.limit)),
    total,
  };
}
