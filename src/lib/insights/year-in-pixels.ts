/**
 * Year in pixels (after Daylio): one cell per calendar day, holding the day's average position
 * on the grid, or nothing. Colour a cell with `moodColor(cell.mood)`.
 */
import type { Mood } from '../vault/entries';
import { civilFromDayNumber, dayKeyFromNumber, isoWeekday } from '../time/calendar';
import { resolveIndex, type InsightsSource } from './day-index';
import { lastDaysRange, yearRange, type DayRange } from './period';
import { quadrantOf, type Quadrant } from './quadrant';

export interface PixelCell {
  /** `YYYY-MM-DD`. */
  day: string;
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  dayOfMonth: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday: the row in a week-column layout. */
  weekday: number;
  /** The day's average position, or null when the day has no mood point. */
  mood: Mood | null;
  count: number;
  quadrant: Quadrant | null;
}

export interface YearInPixels {
  range: DayRange;
  /** One per day of the range (365 or 366), oldest first. */
  cells: PixelCell[];
  daysWithData: number;
}

export interface YearInPixelsOptions {
  /** A calendar year; without one, the last 365 days ending today. */
  year?: number;
  now?: Date;
  timeZone?: string;
}

/** Days in the rolling "last year" view. */
export const ROLLING_YEAR_DAYS = 365;

export function yearInPixels(
  source: InsightsSource,
  options: YearInPixelsOptions = {},
): YearInPixels {
  const index = resolveIndex(source, options.timeZone);
  const range =
    options.year !== undefined
      ? yearRange(options.year)
      : lastDaysRange(ROLLING_YEAR_DAYS, options.now ?? new Date(), index.timeZone);
  const cells: PixelCell[] = [];
  let daysWithData = 0;
  for (let n = range.startNumber; n <= range.endNumber; n++) {
    const record = index.days.get(n);
    const mood = record?.mood ?? null;
    if (mood) daysWithData++;
    const { year, month, day: dayOfMonth } = civilFromDayNumber(n);
    cells.push({
      day: record?.day ?? dayKeyFromNumber(n),
      year,
      month,
      dayOfMonth,
      weekday: isoWeekday(n),
      mood,
      count: mood ? (record?.points.length ?? 0) : 0,
      quadrant: quadrantOf(mood),
    });
  }
  return { range, cells, daysWithData };
}
