import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { onThisDay } from '../../../src/lib/today/on-this-day';
import {
  EVENING_FROM_HOUR,
  EVENING_PROMPTS,
  MORNING_PROMPTS,
  promptOfTheDay,
  promptsFor,
} from '../../../src/lib/today/prompts';
import { msUntilReminder, reminderDue } from '../../../src/lib/today/reminder';
import {
  addEntry,
  DEFAULT_REMINDER,
  listEntries,
  readReminder,
  setReminder,
  settingsOf,
  trashEntry,
  VaultError,
} from '../../../src/lib/vault';

const local = (y: number, m: number, d: number, h = 12, min = 0): Date =>
  new Date(y, m - 1, d, h, min);

describe('reflection prompts', () => {
  it('has at least 30, in a morning and an evening set, without repeats', () => {
    expect(MORNING_PROMPTS.length + EVENING_PROMPTS.length).toBeGreaterThanOrEqual(30);
    const all = [...MORNING_PROMPTS, ...EVENING_PROMPTS];
    expect(new Set(all).size).toBe(all.length);
  });

  it('offers morning prompts before the evening hour and evening ones after', () => {
    expect(promptsFor(local(2026, 11, 26, 8))).toBe(MORNING_PROMPTS);
    expect(promptsFor(local(2026, 11, 26, EVENING_FROM_HOUR))).toBe(EVENING_PROMPTS);
  });

  it('keeps the same prompt all morning and changes it from day to day', () => {
    expect(promptOfTheDay(local(2026, 11, 26, 7))).toBe(promptOfTheDay(local(2026, 11, 26, 11)));
    expect(promptOfTheDay(local(2026, 11, 26, 7))).not.toBe(promptOfTheDay(local(2026, 11, 27, 7)));
  });

  it('steps through every prompt with "Another" and wraps around', () => {
    const day = local(2026, 11, 26, 8);
    const seen = new Set(MORNING_PROMPTS.map((_, i) => promptOfTheDay(day, i)));
    expect(seen.size).toBe(MORNING_PROMPTS.length);
    expect(promptOfTheDay(day, MORNING_PROMPTS.length)).toBe(promptOfTheDay(day, 0));
    expect(promptOfTheDay(day, -1)).toBe(promptOfTheDay(day, MORNING_PROMPTS.length - 1));
  });
});

describe('on this day', () => {
  const doc = new Y.Doc();
  const at = (d: Date): string => d.toISOString();
  addEntry(doc, { body: 'last year', createdAt: at(local(2025, 11, 26, 9)) });
  addEntry(doc, { body: 'two years ago', createdAt: at(local(2024, 11, 26, 21)) });
  addEntry(doc, { body: 'today', createdAt: at(local(2026, 11, 26, 9)) });
  addEntry(doc, { body: 'other day', createdAt: at(local(2025, 11, 25, 9)) });
  const trashed = addEntry(doc, { body: 'trashed', createdAt: at(local(2023, 11, 26, 9)) });
  trashEntry(doc, trashed);
  addEntry(doc, { body: 'leap day', createdAt: at(local(2024, 2, 29, 9)) });

  it('finds entries of the same date in earlier years only, skipping the Trash', () => {
    const found = onThisDay(listEntries(doc), local(2026, 11, 26, 8)).map((e) => e.body);
    expect(found.sort()).toEqual(['last year', 'two years ago']);
  });

  it('remembers 29 February on 28 February in a non-leap year', () => {
    const found = onThisDay(listEntries(doc), local(2026, 2, 28, 8)).map((e) => e.body);
    expect(found).toEqual(['leap day']);
  });

  it('is empty when there is nothing from earlier years', () => {
    expect(onThisDay(listEntries(doc), local(2026, 6, 1))).toEqual([]);
  });
});

describe('the daily reminder', () => {
  const base = {
    reminder: { enabled: true, time: '20:00' },
    checkedInToday: false,
    dismissedOn: null,
    today: '2026-11-26',
  };

  it('is due after its time on a day without a check-in', () => {
    expect(reminderDue({ ...base, now: local(2026, 11, 26, 20, 0) })).toBe(true);
    expect(reminderDue({ ...base, now: local(2026, 11, 26, 19, 59) })).toBe(false);
  });

  it('is never due when off, after a check-in, or after "Not today"', () => {
    const now = local(2026, 11, 26, 21);
    expect(reminderDue({ ...base, now, reminder: { enabled: false, time: '20:00' } })).toBe(false);
    expect(reminderDue({ ...base, now, checkedInToday: true })).toBe(false);
    expect(reminderDue({ ...base, now, dismissedOn: '2026-11-26' })).toBe(false);
    expect(reminderDue({ ...base, now, dismissedOn: '2026-11-25' })).toBe(true);
  });

  it('waits until the next occurrence of its time', () => {
    expect(msUntilReminder(local(2026, 11, 26, 19, 30), '20:00')).toBe(30 * 60_000);
    expect(msUntilReminder(local(2026, 11, 26, 20, 0), '20:00')).toBe(24 * 60 * 60_000);
  });
});

describe('reminder setting', () => {
  it('is off by default and reads malformed values as the default', () => {
    const doc = new Y.Doc();
    expect(readReminder(doc)).toEqual(DEFAULT_REMINDER);
    settingsOf(doc).set('reminder', { enabled: 'yes', time: '25:99' });
    expect(readReminder(doc)).toEqual(DEFAULT_REMINDER);
    settingsOf(doc).set('reminder', 'nonsense');
    expect(readReminder(doc)).toEqual(DEFAULT_REMINDER);
  });

  it('round-trips a valid value and refuses a bad time without writing', () => {
    const doc = new Y.Doc();
    setReminder(doc, { enabled: true, time: '07:30' });
    expect(readReminder(doc)).toEqual({ enabled: true, time: '07:30' });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => setReminder(doc, { enabled: true, time: '7:30' })).toThrow(VaultError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
