/**
 * Quiet hours: a daily window, on the person's own clock, when nothing should reach them.
 *
 *   { start: '22:00', end: '07:30', timeZone: 'Europe/London' }   crosses midnight
 *   { start: '13:00', end: '14:00', timeZone: 'Asia/Kathmandu' }  same day
 *   { start: '09:00', end: '09:00', … }                           start == end: no quiet hours
 *
 * Each day's window runs from the first moment the clock reads `start` until the last moment it
 * reads `end` (see ../time/zoned-time.ts): on a fall-back night a window ending at 01:30 lasts
 * until the second 01:30, so the clock never shows a time inside the window while quiet hours are
 * over. On a spring-forward night a time the clock skips is moved on by the length of the jump,
 * as a calendar moves an event: a window ending at 02:30 ends at 03:30, the same time after its
 * start as on any other night.
 */
import { addCalendarDays, instantAt, wallClockAt, type WallClock } from '../time/zoned-time';
import { ReflectError } from './errors';
import { assertInstant, assertTimeZone } from './zoned-time';

export interface QuietHours {
  /** "HH:MM", 24-hour, on the clock of `timeZone`. */
  start: string;
  end: string;
  /** IANA time zone, e.g. "America/New_York". */
  timeZone: string;
}

const HH_MM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for "HH:MM"; a clear error for anything else ("7:30", "24:00"). */
export function parseClockTime(value: unknown, field = 'time'): { hour: number; minute: number } {
  const match = typeof value === 'string' ? HH_MM_RE.exec(value) : null;
  if (!match) {
    throw new ReflectError(
      'invalid-time',
      `${field} must be a 24-hour time "HH:MM" from 00:00 to 23:59, got ${JSON.stringify(value)}`,
    );
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Throws a ReflectError naming the bad field unless `qh` is well-formed. */
export function assertQuietHours(qh: QuietHours): void {
  if (typeof qh !== 'object' || qh === null) {
    throw new ReflectError('invalid-time', 'quiet hours must be { start, end, timeZone }');
  }
  parseClockTime(qh.start, 'quiet hours start');
  parseClockTime(qh.end, 'quiet hours end');
  assertTimeZone(qh.timeZone);
}

/** One night's (or one day's) quiet hours, as instants: `start` included, `end` excluded. */
interface QuietWindow {
  start: Date;
  end: Date;
}

/** The window that begins on the local calendar day `day` (its end may fall on the next day). */
function windowStartingOn(day: WallClock, qh: QuietHours): QuietWindow | null {
  const start = parseClockTime(qh.start);
  const end = parseClockTime(qh.end);
  const startMinutes = start.hour * 60 + start.minute;
  const endMinutes = end.hour * 60 + end.minute;
  if (startMinutes === endMinutes) return null;
  const endDay = endMinutes > startMinutes ? day : addCalendarDays(day, 1);
  const quiet = {
    start: instantAt({ ...day, ...start, second: 0 }, qh.timeZone, 'earlier'),
    end: instantAt({ ...endDay, ...end, second: 0 }, qh.timeZone, 'later'),
  };
  // A start moved past the end by a clock change (start in a gap, end just after it) is no window.
  return quiet.end > quiet.start ? quiet : null;
}

/** The window `now` falls in, if any: one that began today or yesterday on the local clock. */
function windowAround(now: Date, qh: QuietHours): QuietWindow | null {
  assertInstant(now, 'now');
  assertQuietHours(qh);
  const today = wallClockAt(now, qh.timeZone);
  for (const day of [addCalendarDays(today, -1), today]) {
    const quiet = windowStartingOn(day, qh);
    if (quiet && now >= quiet.start && now < quiet.end) return quiet;
  }
  return null;
}

/** True when `now` is inside the quiet hours (start included, end excluded). */
export function isInQuietHours(now: Date, qh: QuietHours): boolean {
  return windowAround(now, qh) !== null;
}

/** The next moment the current quiet hours end, or `now` itself when outside them. */
export function quietHoursEnd(now: Date, qh: QuietHours): Date {
  return new Date((windowAround(now, qh)?.end ?? now).getTime());
}
