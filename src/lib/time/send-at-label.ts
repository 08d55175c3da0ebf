/**
 * When a scheduled reply will go, as a person reads it: "today at 14:30", "tomorrow at 09:00",
 * "Tuesday 9 December at 09:00". Unlike `formatWhen` (made for the past), a day ahead keeps
 * its time: "on 9 Dec" is not enough to decide whether to take a reply back.
 */
import { addDaysToKey } from './calendar';
import { dateTimeFormat, localDayKey, timeLabel } from './dates';

export function sendAtLabel(iso: string, now = new Date(), locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'a time that couldn’t be read';
  const time = timeLabel(iso, locale);
  const day = localDayKey(at);
  const today = localDayKey(now);
  if (day === today) return `today at ${time}`;
  if (day === addDaysToKey(today, 1)) return `tomorrow at ${time}`;
  if (day === addDaysToKey(today, -1)) return `yesterday at ${time}`;
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
  if (at.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  return `${dateTimeFormat(locale, options).format(at)} at ${time}`;
}
