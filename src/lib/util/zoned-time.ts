/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, with Intl only. The one implementation
 * behind check-in days (insights, search, exports, Daylio imports) and quiet hours (replies).
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
 * `instantAt` resolves a gap to the transition itself (the first instant whose clock reads at
 * or after the time asked for) and lets the caller pick either instant of an overlap.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;
/** Enough for 50 years of daily data per zone before the cache starts again from empty. */
const MAX_CACHED_DAYS_PER_ZONE = 20_000;

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
}

/** Which instant to take when a wall-clock time happens twice (fall back). */
export type Disambiguation = 'earlier' | 'later';

export interface ZoneClock {
  readonly timeZone: string;
  /** Local wall-clock time minus UTC, in milliseconds, at `utcMs`. */
  offsetMs(utcMs: number): number;
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
let systemZone: string | undefined;

/** The device's own zone, as Intl reports it (asked once). */
export function systemTimeZone(): string {
  systemZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return systemZone;
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

  return {
    timeZone,
    offsetMs(utcMs: number): number {
      const utcDay = Math.floor(utcMs / MS_PER_DAY);
      const start = offsetAtDayStart(utcDay);
      return start === offsetAtDayStart(utcDay + 1) ? start : exactOffset(utcMs);
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

/** The wall-clock date `days` after the given one (calendar days, any month length). */
export function addCalendarDays(wall: WallClock, days: number): WallClock {
  const d = new Date(wallClockMs(wall) + days * MS_PER_DAY);
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The instant a clock in `timeZone` reads `wall`. In a fall-back overlap `disambiguation` picks
 * the first or second time it happens; in a spring-forward gap the answer is the transition.
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
  return new Date(gapTransition(wallClockMs(wall), timeZone));
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

/** The first instant whose wall clock reads at or after `target`, for a time inside a gap. */
function gapTransition(target: number, timeZone: string): number {
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
