/**
 * Mood over time: one record per calendar day of the period, days without data included (and
 * marked), with the day's means for the line and its individual check-ins for the dots.
 */
import type { Mood } from '../vault/entries';
import { dayKeyFromNumber } from '../time/calendar';
import { resolveIndex, type InsightsSource, type MoodPoint } from './day-index';
import { lastDaysRange, type DayRange } from './period';

export interface TimelineDay {
  /** `YYYY-MM-DD`. */
  day: string;
  /** False for a day with no mood point: draw a gap, not a zero. */
  hasData: boolean;
  /** The day's mean, or null when `hasData` is false. */
  pleasantness: number | null;
  energy: number | null;
  /** Mood points that day. */
  count: number;
  /** Each check-in (and entry with a mood), earliest first, with its local time of day. */
  points: readonly MoodPoint[];
}

export interface MoodOverTime {
  range: DayRange;
  /** Exactly `range.length` records, oldest first. */
  days: TimelineDay[];
  /** Days with at least one mood point. */
  daysWithData: number;
  /** Mood points in the whole period. */
  pointCount: number;
  /** Mean of the daily means (each day counts once), or null with no data. */
  average: Mood | null;
}

export interface MoodOverTimeOptions {
  /** Length of the period ending today: 7, 30, 90 or 365 on the Insights screen. */
  days: number;
  now?: Date;
  timeZone?: string;
}

const NO_POINTS: readonly MoodPoint[] = Object.freeze([]);

export function moodOverTime(source: InsightsSource, options: MoodOverTimeOptions): MoodOverTime {
  const index = resolveIndex(source, options.timeZone);
  const range = lastDaysRange(options.days, options.now ?? new Date(), index.timeZone);
  const days: TimelineDay[] = [];
  let daysWithData = 0;
  let pointCount = 0;
  let sumP = 0;
  let sumE = 0;
  for (let n = range.startNumber; n <= range.endNumber; n++) {
    const record = index.days.get(n);
    const mood = record?.mood ?? null;
    if (record && mood) {
      daysWithData++;
      pointCount += record.points.length;
      sumP += mood.pleasantness;
      sumE += mood.energy;
      days.push({
        day: record.day,
        hasData: true,
        pleasantness: mood.pleasantness,
        energy: mood.energy,
        count: record.points.length,
        points: record.points,
      });
    } else {
      days.push({
        day: record?.day ?? dayKeyFromNumber(n),
        hasData: false,
        pleasantness: null,
        energy: null,
        count: 0,
        points: NO_POINTS,
      });
    }
  }
  return {
    range,
    days,
    daysWithData,
    pointCount,
    average:
      daysWithData === 0
        ? null
        : { pleasantness: sumP / daysWithData, energy: sumE / daysWithData },
  };
}
