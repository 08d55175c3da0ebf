/**
 * Which calendar days a figure covers: the last N days ending today, or one calendar year.
 * "Today" is the local day of `now` in the person's zone.
 */
import { dayKeyFromNumber, dayNumberFromCivil } from '../time/calendar';
import { dayNumberAt } from '../time/zoned-time';
import type { DayIndex, DayRecord } from './day-index';

/** The periods the Insights screen offers. Any whole number of days up to the maximum works. */
export const MOOD_PERIODS = [7, 30, 90, 365] as const;
export type MoodPeriod = (typeof MOOD_PERIODS)[number];
/** Ten years: more would be a figure no one can read, and a mistake worth a clear error. */
export const MAX_PERIOD_DAYS = 3660;

export interface DayRange {
  /** How the range was chosen; the text alternatives phrase each one differently. */
  kind: 'last-days' | 'year';
  /** First and last day, both included, `YYYY-MM-DD`. */
  start: string;
  end: string;
  startNumber: number;
  endNumber: number;
  /** Number of calendar days, both ends included. */
  length: number;
  /** For `kind: 'year'`. */
  year: number | null;
}

/** How to choose a range: the last `days` days ending today, or calendar `year`. */
export interface RangeOptions {
  days?: number;
  year?: number;
  /** Defaults to the current time; tests pass a fixed one. */
  now?: Date;
}

function range(
  kind: DayRange['kind'],
  startNumber: number,
  endNumber: number,
  year: number | null,
): DayRange {
  return {
    kind,
    start: dayKeyFromNumber(startNumber),
    end: dayKeyFromNumber(endNumber),
    startNumber,
    endNumber,
    length: endNumber - startNumber + 1,
    year,
  };
}

export function lastDaysRange(days: number, now: Date, timeZone: string): DayRange {
  if (!Number.isInteger(days) || days < 1 || days > MAX_PERIOD_DAYS) {
    throw new RangeError(`A period is 1 to ${MAX_PERIOD_DAYS} whole days, got ${days}`);
  }
  const end = dayNumberAt(now, timeZone);
  return range('last-days', end - days + 1, end, null);
}

export function yearRange(year: number): DayRange {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`A year is a whole number from 1 to 9999, got ${year}`);
  }
  return range('year', dayNumberFromCivil(year, 1, 1), dayNumberFromCivil(year, 12, 31), year);
}

/** The range `options` ask for, or null for "all time" when they name neither days nor year. */
export function resolveRange(options: RangeOptions, timeZone: string): DayRange | null {
  if (options.days !== undefined && options.year !== undefined) {
    throw new RangeError('Choose a number of days or a year, not both');
  }
  if (options.year !== undefined) return yearRange(options.year);
  if (options.days !== undefined)
    return lastDaysRange(options.days, options.now ?? new Date(), timeZone);
  return null;
}

/** The index's days inside `range` (all of them for null), oldest first, without gaps filled. */
export function recordsIn(index: DayIndex, range: DayRange | null): DayRecord[] {
  const out: DayRecord[] = [];
  if (range === null) return [...index.days.values()];
  // Walk whichever is smaller: the range, or the days that have data.
  if (range.length <= index.days.size) {
    for (let n = range.startNumber; n <= range.endNumber; n++) {
      const record = index.days.get(n);
      if (record) out.push(record);
    }
  } else {
    for (const record of index.days.values()) {
      if (record.dayNumber >= range.startNumber && record.dayNumber <= range.endNumber) {
        out.push(record);
      }
    }
  }
  return out;
}
