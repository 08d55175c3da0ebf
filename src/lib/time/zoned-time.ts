/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, with Intl only. The one implementation
 * behind check-in days (insights, search, exports, Daylio imports), quiet hours and "tomorrow at
 * 9" (replies).
 *
 * Asking Intl is slow (`formatToParts` costs microseconds, a new formatter far more) and a year
 * of check-ins asks thousands of times. So each zone keeps one formatter and remembers its UTC
 * offset at the start of each UTC day: when a day starts and ends with the same offset, every
 * instant inside it has that offset; only on the two or so days a year when the offset changes
 * is the instant itself asked about. This rests on one fact of the time-zone database: no zone
 * changes its offset twice within 24 hours.
 *
 * The other way round (which instant does "02:30 in New York on 9 March" mean?) has zero or two
 * answers on daylight-saving nights:
 *
 *   spring forward (gap)        01:59 ─┐        ┌─ 03:00      02:30 never happens
 *                                      └────────┘
 *   fall back (overlap)         01:00 … 01:59 │ 01:00 … 01:59   01:30 happens twice
 *                                  (EDT)          (EST)
 *
 * `instantAt` follows the rule of calendar apps (RFC 5545 §3.3.5, Temporal's "compatible"):
 * a time in a gap is read with the offset from before the change, so it lands as far after
 * the jump as it was meant to be after the last reading before it (02:30 → 03:30); a time in
 * an overlap is its first occurrence unless the caller asks for the second. A day's *start* is
 * a boundary, not a time someone chose: `startOfDayMs` is the first instant of that date.
 */
import type { CivilDate } from './calendar';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
/** Enough for 50 years of daily data per zone before the cache starts again from empty. */
const MAX_CACHED_DAYS_PER_ZONE = 20_000;

/** What a clock on the wall reads: a calendar date and a time of day, in no particular zone. */
export interface WallClock extends CivilDate {
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
}

/** A wall clock as insights count it: a day number (see calendar.ts) and minutes into it. */
export interface DayAndMinute {
  dayNumber: number;
  /** Minutes since local midnight on the wall clock, 0 ≤ m < 1440 (seconds as a fraction). */
  minuteOfDay: number;
}

/** Which instant to take when a wall-clock time happens twice (fall back). */
export type Disambiguation = 'earlier' | 'later';

export interface ZoneClock {
  readonly timeZone: string;
  /** Local wall-clock time minus UTC, in milliseconds, at `utcMs`. */
  offsetMs(utcMs: number): number;
  /** The local day number and minute of day at `utcMs`, from one offset lookup (insights' hot path). */
  dayAndMinute(utcMs: number): DayAndMinute;
}

const NUMERIC_PARTS: ReadonlySet<string> = new Set([
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
]);
const clocks = new Map<string, ZoneClock>();

/**
 * The device's own zone, as Intl reports it. Asked afresh each time (about 40 µs): a laptop
 * that travels changes zone while the app stays open, and tests change `TZ`.
 */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The clock for `timeZone` (default: the device's zone), created once per zone. Throws a
 * RangeError naming the zone when Intl does not know it.
 */
export function zoneClock(timeZone: string = systemTimeZone()): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = createZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Whether `timeZone` is an IANA zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isKnownTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '' || timeZone.length > 64) return false;
  try {
    zoneClock(timeZone);
    return true;
  } catch {
    return false;
  }
}

function createZoneClock(timeZone: string): ZoneClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}"`);
  }
  // `format` is several times faster than `formatToParts`; read the order of its numbers once
  // rather than assuming en-US's month/day/year.
  const order: string[] = format
    .formatToParts(0)
    .map((part): string => part.type)
    .filter((type) => NUMERIC_PARTS.has(type));
  const field = (digits: readonly string[], type: string): number =>
    Number(digits[order.indexOf(type)] ?? 0);

  const exactOffset = (utcMs: number): number => {
    const whole = Math.floor(utcMs / 1000) * 1000;
    const text = format.format(whole);
    const digits = text.match(/\d+/g) ?? [];
    const year = field(digits, 'year');
    // Years before 1 CE come back as "1 BC" etc.; astronomical numbering keeps arithmetic simple.
    return (
      wallClockMs({
        year: /B/.test(text) ? 1 - year : year,
        month: field(digits, 'month'),
        day: field(digits, 'day'),
        hour: field(digits, 'hour'),
        minute: field(digits, 'minute'),
        second: field(digits, 'second'),
      }) - whole
    );
  };

  const atDayStart = new Map<number, number>();
  const offsetAtDayStart = (utcDay: number): number => {
    let offset = atDayStart.get(utcDay);
    if (offset === undefined) {
      if (atDayStart.size >= MAX_CACHED_DAYS_PER_ZONE) atDayStart.clear();
      offset = exactOffset(utcDay * MS_PER_DAY);
      atDayStart.set(utcDay, offset);
    }
    return offset;
  };
  const offsetMs = (utcMs: number): number => {
    const utcDay = Math.floor(utcMs / MS_PER_DAY);
    const start = offsetAtDayStart(utcDay);
    return start === offsetAtDayStart(utcDay + 1) ? start : exactOffset(utcMs);
  };

  return {
    timeZone,
    offsetMs,
    dayAndMinute(utcMs: number): DayAndMinute {
      const local = utcMs + offsetMs(utcMs);
      const dayNumber = Math.floor(local / MS_PER_DAY);
      return { dayNumber, minuteOfDay: (local - dayNumber * MS_PER_DAY) / MS_PER_MINUTE };
    },
  };
}

/** A wall clock as if it were UTC, in ms (not `Date.UTC`, which reads years 0–99 as 19xx). */
export function wallClockMs(wall: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  d.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return d.getTime();
}

function wallOfUtcMs(ms: number): WallClock {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * Whether `wall` names a real date and time of day: month 1–12, a day that month has (no 30
 * February), hour 0–23, minute and second 0–59. `instantAt` would roll anything else over.
 */
export function isRealWallClock(wall: WallClock): boolean {
  const { year, month, day, hour, minute, second } = wall;
  const whole = [year, month, day, hour, minute, second].every(Number.isInteger);
  if (!whole || month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  return wallOfUtcMs(wallClockMs(wall)).day === day;
}

/** The zone's offset from UTC at `instant`, in ms (e.g. +5:45 for Asia/Kathmandu). */
export function offsetMsAt(instant: number, timeZone: string): number {
  return zoneClock(timeZone).offsetMs(instant);
}

/** What a clock in `timeZone` reads at `instant`. */
export function wallClockAt(instant: Date | number, timeZone: string): WallClock {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  return wallOfUtcMs(whole + offsetMsAt(whole, timeZone));
}

/** The local calendar day `instant` falls on in `timeZone`, as a day number. */
export function dayNumberAt(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return zoneClock(timeZone).dayAndMinute(ms).dayNumber;
}

/**
 * The wall-clock date `days` after the given one (calendar days, any month length), same time of
 * day. "Tomorrow" and "yesterday" are this with ±1, never ±24 hours: a day with a clock change
 * lasts 23 or 25.
 */
export function addCalendarDays(wall: WallClock, days: number): WallClock {
  const d = new Date(wallClockMs(wall) + days * MS_PER_DAY);
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The instant a clock in `timeZone` reads `wall`. In a fall-back overlap `disambiguation` picks
 * the first (default) or second time it happens; in a spring-forward gap the time is moved on by
 * the length of the gap (02:30 on a night that skips 02:00–03:00 is 03:30), as calendar apps do.
 */
export function instantAt(
  wall: WallClock,
  timeZone: string,
  disambiguation: Disambiguation = 'earlier',
): Date {
  const matches = readingsOf(wall, timeZone);
  if (matches.length > 0) {
    return new Date(disambiguation === 'earlier' ? matches[0]! : matches[matches.length - 1]!);
  }
  // In a gap the offset grows, so the smaller of the two around it is the one from before.
  const target = wallClockMs(wall);
  const before = Math.min(
    offsetMsAt(target - MS_PER_DAY, timeZone),
    offsetMsAt(target + MS_PER_DAY, timeZone),
  );
  return new Date(target - before);
}

/** Every instant (0, 1 or 2, ascending) at which a clock in `timeZone` reads `wall`. */
export function readingsOf(wall: WallClock, timeZone: string): number[] {
  const target = wallClockMs(wall);
  // Offsets a day either side bracket any single transition near the target.
  const offsets = new Set([
    offsetMsAt(target - MS_PER_DAY, timeZone),
    offsetMsAt(target, timeZone),
    offsetMsAt(target + MS_PER_DAY, timeZone),
  ]);
  return [...offsets]
    .map((offset) => target - offset)
    .filter((t) => offsetMsAt(t, timeZone) === target - t)
    .sort((a, b) => a - b);
}

/**
 * The first instant of local calendar day `dayNumber` in `timeZone`, in ms: the first time the
 * clock reads its midnight, or where a clock change skips midnight (America/Santiago,
 * America/Havana) the moment the clocks jump past it, so consecutive days leave no time out.
 */
export function startOfDayMs(dayNumber: number, timeZone: string): number {
  const midnight = dayNumber * MS_PER_DAY;
  const [first] = readingsOf(wallOfUtcMs(midnight), timeZone);
  return first ?? gapEnd(midnight, timeZone);
}

/** The first instant whose wall clock reads at or after `target`, for a time inside a gap. */
function gapEnd(target: number, timeZone: string): number {
  const before = offsetMsAt(target - MS_PER_DAY, timeZone);
  const after = offsetMsAt(target + MS_PER_DAY, timeZone);
  // With the later (larger) offset the target is too early, with the earlier one too late.
  let lo = target - Math.max(before, after);
  let hi = target - Math.min(before, after);
  const reads = (t: number): number => t + offsetMsAt(t, timeZone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reads(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}
