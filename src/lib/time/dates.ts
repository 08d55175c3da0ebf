/**
 * Days and times as a person reads them, in their own time zone. Entries store UTC instants; a
 * "day" is the local calendar day the moment fell on, which is what a person means by "today".
 * "Yesterday" is the calendar day before, never 24 hours ago: a day with a clock change is 23 or
 * 25 hours long.
 */
import { addDaysToKey, formatDayKey } from './calendar';
import { wallClockAt } from './zoned-time';

const pad2 = (n: number): string => String(n).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl formatter, made once per locale and options. `toLocaleDateString(locale, options)`
 * builds a new one on every call, which costs far more than formatting: labels are redrawn on
 * every keystroke and every synced edit.
 */
export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** `YYYY-MM-DD` of the calendar day `iso` falls on: locally, or in `timeZone` when given. */
export function localDayKey(iso: string | Date, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  // Without a zone, Date's own local fields: the same answer as the device's zone, faster.
  if (timeZone === undefined) {
    return formatDayKey({
      year: date.getFullYear(),
      month: date.getMonth() + 1,
      day: date.getDate(),
    });
  }
  return formatDayKey(wallClockAt(date, timeZone));
}

/**
 * `{ date: "YYYY-MM-DD", time: "HH:MM" }` of an instant on the clocks of `timeZone`, as exports
 * write a check-in.
 */
export function localDateAndTime(iso: string, timeZone: string): { date: string; time: string } {
  const wall = wallClockAt(new Date(iso), timeZone);
  return { date: formatDayKey(wall), time: `${pad2(wall.hour)}:${pad2(wall.minute)}` };
}

/** "Today", "Yesterday", or a full date such as "Tuesday, 24 November 2026". */
export function dayLabel(dayKey: string, now = new Date(), locale?: string): string {
  const today = localDayKey(now);
  if (dayKey === today) return 'Today';
  if (dayKey === addDaysToKey(today, -1)) return 'Yesterday';
  const [y, m, d] = dayKey.split('-').map(Number);
  const noon = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
  if (noon.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  return dateTimeFormat(locale, options).format(noon);
}

export function timeLabel(iso: string, locale?: string): string {
  return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export interface DayGroup<T> {
  day: string;
  items: T[];
}

/** Groups items (already sorted newest first) by local day, keeping their order. */
export function groupByDay<T extends { createdAt: string }>(items: readonly T[]): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const day = localDayKey(item.createdAt);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

/** "at 14:02" today, "yesterday at 09:10", or "on 3 Nov". */
export function formatWhen(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const time = timeLabel(iso);
  const day = localDayKey(at);
  const today = localDayKey(now);
  if (day === today) return `at ${time}`;
  if (day === addDaysToKey(today, -1)) return `yesterday at ${time}`;
  return `on ${dateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(at)}`;
}
