/**
 * Calendar helpers in the person's own time zone. Entries store UTC instants; a "day" is the
 * local calendar day the moment fell on, which is what a person means by "today".
 */
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
  if (timeZone === undefined) {
    return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  }
  const wall = wallClockAt(date, timeZone);
  return `${String(wall.year).padStart(4, '0')}-${pad2(wall.month)}-${pad2(wall.day)}`;
}

/** "Today", "Yesterday", or a full date such as "Tuesday, 24 November 2026". */
export function dayLabel(dayKey: string, now = new Date(), locale?: string): string {
  if (dayKey === localDayKey(now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey === localDayKey(yesterday)) return 'Yesterday';
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
  const day = (d: Date): string => d.toDateString();
  const yesterday = new Date(now.getTime() - 86_400_000);
  if (day(at) === day(now)) return `at ${time}`;
  if (day(at) === day(yesterday)) return `yesterday at ${time}`;
  return `on ${dateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(at)}`;
}
