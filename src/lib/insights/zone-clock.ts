/**
 * Where a UTC instant falls on a person's own wall clock, in an IANA time zone, using only Intl.
 *
 * Asking Intl is slow (a `formatToParts` call costs microseconds, a new formatter far more), and a
 * year of check-ins would ask thousands of times. So each zone keeps one formatter and remembers
 * its UTC offset at the start of each UTC day. When a day starts and ends with the same offset,
 * every instant inside it has that offset; only on the two or so days a year when the offset
 * changes (daylight saving) is the instant itself asked about. This rests on one fact of the
 * time-zone database: no zone changes its offset twice within 24 hours.
 */
import { MS_PER_DAY, MS_PER_MINUTE } from './calendar';

/** Enough for 50 years of daily data per zone before the cache starts again from empty. */
const MAX_CACHED_DAYS_PER_ZONE = 20_000;

export interface LocalTime {
  /** The local calendar day, as a day number (see calendar.ts). */
  dayNumber: number;
  /** Minutes since local midnight on the wall clock, 0 ≤ m < 1440 (seconds as a fraction). */
  minuteOfDay: number;
}

export interface ZoneClock {
  readonly timeZone: string;
  /** Local wall-clock time minus UTC, in milliseconds, at `utcMs`. */
  offsetMs(utcMs: number): number;
  localTime(utcMs: number): LocalTime;
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
 * The clock for `timeZone` (default: the device's zone), created once per zone.
 * Throws a RangeError naming the zone when Intl does not know it.
 */
export function zoneClock(timeZone: string = systemTimeZone()): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = createZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
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
  // from `formatToParts` rather than assuming en-US's month/day/year.
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
    const wall = new Date(0);
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    wall.setUTCFullYear(
      /B/.test(text) ? 1 - year : year,
      field(digits, 'month') - 1,
      field(digits, 'day'),
    );
    wall.setUTCHours(field(digits, 'hour'), field(digits, 'minute'), field(digits, 'second'), 0);
    return wall.getTime() - whole;
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
    localTime(utcMs: number): LocalTime {
      const local = utcMs + offsetMs(utcMs);
      const dayNumber = Math.floor(local / MS_PER_DAY);
      return { dayNumber, minuteOfDay: (local - dayNumber * MS_PER_DAY) / MS_PER_MINUTE };
    },
  };
}

/** The person's "today" as a day number. */
export function todayNumber(now: Date, clock: ZoneClock): number {
  return clock.localTime(now.getTime()).dayNumber;
}
