/**
 * The filters a search can carry besides its text: a range of local calendar days, tags, and
 * a mood quadrant. Each is compiled once per query into a cheap test on an indexed entry.
 */
import { dayNumberFromKey } from '../time/calendar';
import { isKnownTimeZone, startOfDayMs, systemTimeZone } from '../time/zoned-time';
import type { Mood } from '../vault';

import type { Quadrant } from '../mood/quadrant';

export { QUADRANTS, type Quadrant } from '../mood/quadrant';

/**
 * Whether a mood lies in a quadrant. A mood on an axis (a value of 0) sits on the border and
 * belongs to both neighbouring quadrants — the centre to all four — because a person who put
 * the dot on the line meant neither side more than the other. No mood is in no quadrant.
 */
export function inQuadrant(mood: Mood | null, quadrant: Quadrant): boolean {
  if (!mood) return false;
  const pleasantSide = quadrant.startsWith('pleasant')
    ? mood.pleasantness >= 0
    : mood.pleasantness <= 0;
  const energySide = quadrant.endsWith('high') ? mood.energy >= 0 : mood.energy <= 0;
  return pleasantSide && energySide;
}

/**
 * The moments `[startMs, endMs)` covered by the local days `from` to `to` (`YYYY-MM-DD`), both
 * included. Either end may be left open. `timeZone` defaults to the device's own. Throws a
 * RangeError for a day that does not exist or a zone Intl does not know.
 */
export function dayRangeMs(
  from: string | undefined,
  to: string | undefined,
  timeZone: string = systemTimeZone(),
): { startMs: number; endMs: number } {
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
  return {
    startMs: from === undefined ? -Infinity : startOfDayMs(dayNumberFromKey(from), timeZone),
    endMs: to === undefined ? Infinity : startOfDayMs(dayNumberFromKey(to) + 1, timeZone),
  };
}
