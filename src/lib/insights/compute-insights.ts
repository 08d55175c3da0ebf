/**
 * Every figure of the Insights screen from one pass over the entries: what the screen's single
 * `$derived` calls. Emotion words and tags cover the same period as mood over time.
 */
import { MS_PER_DAY } from '../time/zoned-time';
import type { EntrySnapshot } from '../vault/entries';
import { buildDayIndex } from './day-index';
import {
  describeMoodOverTime,
  describeTagMood,
  describeTopEmotions,
  describeYearInPixels,
} from './describe';
import { topEmotions, type TopEmotions } from './emotions';
import { moodOverTime, type MoodOverTime } from './mood-over-time';
import { tagMood, type TagMood } from './tag-mood';
import { yearInPixels, type YearInPixels } from './year-in-pixels';

export interface InsightsOptions {
  /** The period for mood over time, emotion words and tags: 7, 30, 90 or 365. */
  days: number;
  /** The calendar year for year in pixels; without one, the last 365 days. */
  year?: number;
  timeZone?: string;
  now?: Date;
  /** How many emotion words to keep; default 10. */
  emotionLimit?: number;
}

export interface Insights {
  moodOverTime: MoodOverTime;
  yearInPixels: YearInPixels;
  topEmotions: TopEmotions;
  tagMood: TagMood;
  /** Text alternatives, one per figure. */
  text: {
    moodOverTime: string;
    yearInPixels: string;
    topEmotions: string;
    tagMood: string;
  };
}

export const DEFAULT_EMOTION_LIMIT = 10;

export function computeInsights(
  entries: readonly EntrySnapshot[],
  options: InsightsOptions,
): Insights {
  const now = options.now ?? new Date();
  // Every figure looks at most a year (or one calendar year) back: index only those entries,
  // not ten years of them. Two days of margin cover any time zone.
  const from =
    options.year !== undefined
      ? new Date(Date.UTC(options.year - 1, 11, 30))
      : new Date(now.getTime() - (Math.max(options.days, 366) + 2) * MS_PER_DAY);
  const cutoff = from.toISOString();
  const recent = entries.filter((e) => e.createdAt >= cutoff);
  const index = buildDayIndex(recent, { timeZone: options.timeZone });
  const overTime = moodOverTime(index, { days: options.days, now });
  const pixels = yearInPixels(index, { year: options.year, now });
  const emotions = topEmotions(index, {
    days: options.days,
    now,
    limit: options.emotionLimit ?? DEFAULT_EMOTION_LIMIT,
  });
  const tags = tagMood(index, { days: options.days, now });
  return {
    moodOverTime: overTime,
    yearInPixels: pixels,
    topEmotions: emotions,
    tagMood: tags,
    text: {
      moodOverTime: describeMoodOverTime(overTime),
      yearInPixels: describeYearInPixels(pixels),
      topEmotions: describeTopEmotions(emotions),
      tagMood: describeTagMood(tags),
    },
  };
}
