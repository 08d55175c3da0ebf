// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { JournalState } from '../../../src/lib/state/journal.svelte';
import { REMINDER_DISMISSED_KEY, ReminderState } from '../../../src/lib/state/reminder.svelte';
import { SettingsState } from '../../../src/lib/state/settings.svelte';
import { watch } from '../../helpers/watch.svelte';

/** 2 March 2026 at this local time (the reminder speaks in the device's own zone). */
const local = (hours: number, minutes = 0): Date => new Date(2026, 2, 2, hours, minutes);

describe('ReminderState', () => {
  let journal: JournalState;
  let settings: SettingsState;
  let reminder: ReminderState;

  beforeEach(() => {
    vi.useFakeTimers({ now: local(18) });
    localStorage.clear();
    const doc = new Y.Doc();
    journal = new JournalState(doc);
    settings = new SettingsState(doc);
    settings.setReminder({ enabled: true, time: '19:00' });
    reminder = new ReminderState(journal, settings);
  });

  afterEach(() => {
    reminder.destroy();
    vi.useRealTimers();
  });

  it('becomes due at its time without being asked again', () => {
    const due = watch(() => reminder.due);
    expect(reminder.due).toBe(false);
    vi.advanceTimersByTime(60 * 60_000 + 1_000);
    flushSync();
    expect(reminder.due).toBe(true);
    expect(due.values).toEqual([false, true]);
    due.stop();
  });

  it('is not due once I checked in today', () => {
    vi.advanceTimersByTime(2 * 60 * 60_000);
    expect(reminder.due).toBe(true);
    journal.create({ kind: 'checkin', createdAt: local(20).toISOString() });
    expect(reminder.checkedInToday).toBe(true);
    expect(reminder.due).toBe(false);
  });

  it('stays quiet for the rest of the day after "Not today", and says so on this device', () => {
    vi.advanceTimersByTime(2 * 60 * 60_000);
    reminder.dismissToday();
    expect(reminder.due).toBe(false);
    expect(localStorage.getItem(REMINDER_DISMISSED_KEY)).toBe(reminder.today);
  });

  it('is never due when turned off', () => {
    settings.setReminder({ enabled: false, time: '19:00' });
    vi.advanceTimersByTime(3 * 60 * 60_000);
    expect(reminder.due).toBe(false);
  });

  it('leaves no timer behind once destroyed', () => {
    expect(vi.getTimerCount()).toBe(1);
    reminder.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('notifies once that day when due while Mull is in the background', () => {
    const shown: string[] = [];
    vi.stubGlobal(
      'Notification',
      class {
        static permission = 'granted';
        constructor(title: string) {
          shown.push(title);
        }
      },
    );
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const background = new ReminderState(journal, settings);
    vi.advanceTimersByTime(3 * 60 * 60_000);
    background.destroy();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    expect(shown).toEqual(['Mull']);
  });
});
