/**
 * The filters a search can carry besides its text: a range of local calendar days, tags, and
 * a mood quadrant. Each is compiled once per query into a cheap test on an indexed entry.
 */
import { instantAt, isKnownTimeZone, systemTimeZone } from '../util/zoned-time';
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

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): [number, number, number] {
  const match = DAY.exec(day);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(2000, m - 1, d));
  probe.setUTCFullYear(y);
  if (!match || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new RangeError(`A day must be YYYY-MM-DD, got "${day}"`);
  }
  return [y, m, d];
}

/** Midnight UTC of a calendar date, for arithmetic on dates (never a moment in time). */
function utcMidnight(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getTime();
}

/**
 * The first moment of a local calendar day in `timeZone`. Usually local midnight; on a day
 * whose midnight is skipped by a daylight-saving change, the moment the clocks jump.
 */
export function startOfDayMs(day: string, timeZone: string): number {
  const [year, month, date] = parseDay(day);
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
  return instantAt({ year, month, day: date, hour: 0, minute: 0, second: 0 }, timeZone).getTime();
}

function nextDay(day: string): string {
  const next = new Date(utcMidnight(...parseDay(day)) + 86_400_000);
  const y = String(next.getUTCFullYear()).padStart(4, '0');
  const m = String(next.getUTCMonth() + 1).padStart(2, '0');
  const d = String(next.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The moments `[startMs, endMs)` covered by the local days `from` to `to`, both included.
 * Either end may be left open. `timeZone` defaults to the device's own.
 */
export function dayRangeMs(
  from: string | undefined,
  to: string | undefined,
  timeZone: string = systemTimeZone(),
): { startMs: number; endMs: number } {
  return {
    startMs: from === undefined ? -Infinity : startOfDayMs(from, timeZone),
    endMs: to === undefined ? Infinity : startOfDayMs(nextDay(to), timeZone),
  };
}
