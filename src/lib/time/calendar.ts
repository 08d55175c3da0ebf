/**
 * Calendar days as whole numbers: a "day number" counts days since 1970-01-01 on the proleptic
 * Gregorian calendar, with no time zone in it. Walking a period is then `start + i`, which cannot
 * be fooled by daylight saving (a local day may last 23 or 25 hours; a day number is always one).
 *
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`.
 */

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A day key, `YYYY-MM-DD` (year 42 is "0042"): how days are named in the vault, search and exports. */
export function formatDayKey({ year, month, day }: CivilDate): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function dayKeyFromNumber(dayNumber: number): string {
  return formatDayKey(civilFromDayNumber(dayNumber));
}

/** The day number of a `YYYY-MM-DD` key; throws a RangeError for anything else. */
export function dayNumberFromKey(key: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) throw new RangeError(`Expected a day as YYYY-MM-DD, got "${key}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const n = dayNumberFromCivil(year, month, day);
  // Refuses 2026-02-30 and friends instead of rolling them into March.
  if (dayKeyFromNumber(n) !== key) throw new RangeError(`No such day: "${key}"`);
  return n;
}

/** The day key `days` calendar days after `key` (−1: the day before, whatever its length). */
export function addDaysToKey(key: string, days: number): string {
  return dayKeyFromNumber(dayNumberFromKey(key) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}
