/**
 * When the optional daily reminder speaks up. It says something at most once a day, only
 * after its time, only if the person has not checked in that day, and never again that day
 * once dismissed. It never stacks up missed days.
 */
import type { ReminderSetting } from '../vault';

export interface ReminderContext {
  now: Date;
  reminder: ReminderSetting;
  checkedInToday: boolean;
  /** The local day key (YYYY-MM-DD) the person last said "Not today" on, if any. */
  dismissedOn: string | null;
  today: string;
}

/** Minutes since local midnight for "HH:MM". */
export function clockMinutes(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

export function reminderDue(ctx: ReminderContext): boolean {
  if (!ctx.reminder.enabled || ctx.checkedInToday || ctx.dismissedOn === ctx.today) return false;
  const minutesNow = ctx.now.getHours() * 60 + ctx.now.getMinutes();
  return minutesNow >= clockMinutes(ctx.reminder.time);
}

/** Milliseconds until the reminder's next local time (tomorrow's if today's has passed). */
export function msUntilReminder(now: Date, time: string): number {
  const next = new Date(now);
  const minutes = clockMinutes(time);
  next.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}
