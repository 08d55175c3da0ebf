/**
 * Typed reads and validated writes of the vault's `settings` map. Reads never throw: a value
 * that is missing, or malformed by a buggy or newer device, reads as its default.
 */
import type * as Y from 'yjs';
import { settingsOf } from './doc';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { SETTING } from './schema';

export interface ReminderSetting {
  enabled: boolean;
  /** Local wall-clock time, "HH:MM", in whatever zone the device is in that day. */
  time: string;
}

/** Off until the person turns it on: Mull never nags by default. */
export const DEFAULT_REMINDER: ReminderSetting = { enabled: false, time: '20:00' };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isClockTime = (value: unknown): value is string =>
  typeof value === 'string' && HH_MM.test(value);

export function readReminder(doc: Y.Doc): ReminderSetting {
  const raw = settingsOf(doc).get(SETTING.reminder);
  if (typeof raw !== 'object' || raw === null) return DEFAULT_REMINDER;
  const { enabled, time } = raw as Record<string, unknown>;
  return {
    enabled: enabled === true,
    time: isClockTime(time) ? time : DEFAULT_REMINDER.time,
  };
}

export function setReminder(doc: Y.Doc, reminder: ReminderSetting): void {
  if (!isClockTime(reminder.time)) {
    throw new VaultError('invalid-date', `Reminder time must be HH:MM, got "${reminder.time}"`);
  }
  const value: ReminderSetting = { enabled: reminder.enabled, time: reminder.time };
  doc.transact(() => settingsOf(doc).set(SETTING.reminder, value), ORIGIN.local);
}
