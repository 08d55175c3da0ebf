/**
 * Where a UTC instant falls on a person's own wall clock: a local day number and the minutes
 * into it. The zone arithmetic (and its per-day offset cache) is ../util/zoned-time.ts.
 */
import {
  systemTimeZone,
  zoneClock as baseClock,
  type ZoneClock as BaseClock,
} from '../util/zoned-time';
import { MS_PER_DAY, MS_PER_MINUTE } from './calendar';

export { systemTimeZone };

export interface LocalTime {
  /** The local calendar day, as a day number (see calendar.ts). */
  dayNumber: number;
  /** Minutes since local midnight on the wall clock, 0 ≤ m < 1440 (seconds as a fraction). */
  minuteOfDay: number;
}

export interface ZoneClock extends BaseClock {
  localTime(utcMs: number): LocalTime;
}

const clocks = new Map<string, ZoneClock>();

/**
 * The clock for `timeZone` (default: the device's zone), created once per zone.
 * Throws a RangeError naming the zone when Intl does not know it.
 */
export function zoneClock(timeZone: string = systemTimeZone()): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    const base = baseClock(timeZone);
    clock = {
      timeZone,
      offsetMs: (utcMs) => base.offsetMs(utcMs),
      localTime(utcMs: number): LocalTime {
        const local = utcMs + base.offsetMs(utcMs);
        const dayNumber = Math.floor(local / MS_PER_DAY);
        return { dayNumber, minuteOfDay: (local - dayNumber * MS_PER_DAY) / MS_PER_MINUTE };
      },
    };
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The person's "today" as a day number. */
export function todayNumber(now: Date, clock: ZoneClock): number {
  return clock.localTime(now.getTime()).dayNumber;
}
