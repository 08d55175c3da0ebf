/**
 * Local dates and times for exports and Daylio imports, on the shared zone arithmetic in
 * ../util/zoned-time.ts. Exports write a check-in's date and time as the person saw them on
 * the clock; Daylio's CSV holds only such local times, which must become instants on the way in.
 */
import {
  isKnownTimeZone,
  offsetMsAt,
  readingsOf,
  systemTimeZone,
  wallClockAt,
  wallClockMs,
  MS_PER_DAY,
  type WallClock,
} from '../util/zoned-time';

export { isKnownTimeZone };
export type WallTime = WallClock;

/** The zone this runtime is in, for callers that have no better answer. */
export const runtimeTimeZone = (): string => systemTimeZone();

/** The wall-clock time in `timeZone` at `instant`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  return wallClockAt(instant, timeZone);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `{ date: "YYYY-MM-DD", time: "HH:MM" }` of an ISO instant on the clocks of `timeZone`. */
export function localDateAndTime(iso: string, timeZone: string): { date: string; time: string } {
  const w = wallTimeAt(new Date(iso), timeZone);
  return {
    date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
  };
}

/**
 * The instant at which clocks in `timeZone` show `wall`, or null when that calendar day does
 * not exist (30 February) or a field is out of range.
 *
 * Clocks skip an hour when they go forward: a time inside the gap is read as if the clocks had
 * not changed yet, which lands the same distance after the gap (02:30 → 03:30) — a log entry
 * typed then meant that much time after the jump. When clocks go back an hour happens twice;
 * the later of the two is used.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date | null {
  const { month, day, hour, minute, second } = wall;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const asUtc = wallClockMs(wall);
  const back = new Date(asUtc);
  if (back.getUTCFullYear() !== wall.year || back.getUTCMonth() + 1 !== month) return null;
  if (back.getUTCDate() !== day) return null;
  const readings = readingsOf(wall, timeZone);
  if (readings.length > 0) return new Date(readings[readings.length - 1]!);
  // In the gap no reading shows this time: read it with the offset from before the change.
  return new Date(asUtc - offsetMsAt(asUtc - MS_PER_DAY, timeZone));
}
