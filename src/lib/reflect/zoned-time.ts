/**
 * Wall-clock time in an IANA time zone ↔ instants, with Intl only.
 *
 * Intl tells what a clock in a zone reads at an instant; the other way round (which instant does
 * "02:30 in New York on 9 March" mean?) has zero or two answers on DST nights:
 *
 *   spring forward (gap)        01:59 ─┐        ┌─ 03:00      02:30 never happens:
 *                                      └────────┘             → the moment the clock jumps
 *   fall back (overlap)         01:00 … 01:59 │ 01:00 … 01:59   01:30 happens twice:
 *                                  (EDT)          (EST)        → earlier or later, caller's choice
 *
 * A gap resolves to the transition itself: the first instant whose clock reads at or after the
 * requested time. (Temporal's "compatible" would pick an hour later; for "quiet until 02:30" the
 * window should end as soon as 02:30 has passed on the clock.)
 */
import { ReflectError } from './errors';

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

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new ReflectError('invalid-time-zone', `unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a ReflectError unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: unknown): asserts timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new ReflectError(
      'invalid-time-zone',
      'a time zone name such as "Europe/London" is needed',
    );
  }
  formatterFor(timeZone);
}

export function assertInstant(value: Date, what = 'time'): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new ReflectError('invalid-date', `${what} must be a valid Date`);
  }
}

/** What a clock in `timeZone` reads at `instant`. */
export function wallClockAt(instant: Date | number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = get('year');
  return {
    // Years before 1 CE come back as "1 BC" etc.; astronomical numbering keeps arithmetic simple.
    year: era === 'BC' || era === 'B' ? 1 - year : year,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** A wall clock as if it were UTC, in ms: handy for comparing and for calendar arithmetic. */
export function wallClockMs(wall: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  d.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return d.getTime();
}

/** The zone's offset from UTC at `instant`, in ms (e.g. +5:45 for Asia/Kathmandu). */
export function offsetMsAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallClockMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

/** The wall-clock date `days` after the given one (calendar days, any month length). */
export function addCalendarDays(wall: WallClock, days: number): WallClock {
  const d = new Date(wallClockMs(wall) + days * DAY_MS);
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
  const target = wallClockMs(wall);
  // Offsets a day either side bracket any single transition near the target.
  const offsets = new Set([
    offsetMsAt(target - DAY_MS, timeZone),
    offsetMsAt(target, timeZone),
    offsetMsAt(target + DAY_MS, timeZone),
  ]);
  const matches = [...offsets]
    .map((offset) => target - offset)
    .filter((t) => offsetMsAt(t, timeZone) === target - t)
    .sort((a, b) => a - b);
  if (matches.length > 0) {
    return new Date(disambiguation === 'earlier' ? matches[0]! : matches[matches.length - 1]!);
  }
  return new Date(gapTransition(target, timeZone));
}

/** The first instant whose wall clock reads at or after `target`, for a time inside a gap. */
function gapTransition(target: number, timeZone: string): number {
  const before = offsetMsAt(target - DAY_MS, timeZone);
  const after = offsetMsAt(target + DAY_MS, timeZone);
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
