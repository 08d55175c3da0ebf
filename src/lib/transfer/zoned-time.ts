/**
 * Wall-clock time in a named time zone ↔ UTC instants, with nothing but `Intl`.
 *
 * Exports write a check-in's date and time as the person saw them on the clock; Daylio's CSV
 * holds only such local times, which must become UTC instants on the way in.
 */

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Building a formatter is slow, so each zone gets one. h23: midnight is 00, never 24.
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
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone this runtime is in, for callers that have no better answer. */
export const runtimeTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `Date.UTC` without its habit of reading years 0–99 as 1900–1999. */
function utcMs(wall: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  d.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return d.getTime();
}

function wallOfUtcMs(ms: number): WallTime {
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

/** How far `timeZone`'s clocks are ahead of UTC at instant `ms`, in milliseconds. */
function offsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(whole))) parts[p.type] = p.value;
  const year = Number(parts.year);
  const wall: WallTime = {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
  return utcMs(wall) - whole;
}

/** The wall-clock time in `timeZone` at `instant`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const ms = instant.getTime();
  return wallOfUtcMs(ms + offsetMs(ms, timeZone));
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
 * not changed yet, which lands the same distance after the gap (02:30 → 03:30). When clocks go
 * back an hour happens twice; the later of the two is used.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date | null {
  const { month, day, hour, minute, second } = wall;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const asUtc = utcMs(wall);
  const back = wallOfUtcMs(asUtc);
  if (back.year !== wall.year || back.month !== month || back.day !== day) return null;

  // The zone's offsets a day either side cover any one change of the clocks.
  const before = offsetMs(asUtc - DAY_MS, timeZone);
  const after = offsetMs(asUtc + DAY_MS, timeZone);
  const readings = [asUtc - before, asUtc - after].filter(
    (ms) => ms + offsetMs(ms, timeZone) === asUtc,
  );
  // In the gap no reading shows this time: read it with the offset from before the change.
  return new Date(readings.length > 0 ? Math.max(...readings) : asUtc - before);
}

const DAY_MS = 24 * 60 * 60 * 1000;
