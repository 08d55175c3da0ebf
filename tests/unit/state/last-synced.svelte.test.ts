// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LAST_SYNCED_KEY,
  LAST_SYNCED_STEP_MS,
  LastSynced,
  lastSyncedLabel,
  storedLastSynced,
} from '../../../src/lib/state/last-synced.svelte';
import type { PeerRoomStatus } from '../../../src/lib/sync/peer-room';

// Local noon, so the day is the same in whatever zone the tests run.
const START = new Date(2026, 2, 4, 12, 0, 0).getTime();
const TODAY = '2026-03-04';
const status = (peers: number, lastReceivedAt: number | null = null): PeerRoomStatus => ({
  signalingConnected: 1,
  signalingTotal: 1,
  peers,
  lastReceivedAt,
});

describe('LastSynced', () => {
  let note: LastSynced;

  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    localStorage.clear();
    note = new LastSynced('c1');
  });

  afterEach(() => {
    note.destroy();
    vi.useRealTimers();
  });

  it('is the day this device noted before, or null', () => {
    expect(note.day).toBeNull();
    localStorage.setItem(LAST_SYNCED_KEY('c2'), '2026-02-27');
    expect(new LastSynced('c2').day).toBe('2026-02-27');
    expect(storedLastSynced('c3')).toBeNull();
    localStorage.setItem(LAST_SYNCED_KEY('c4'), 'not a day');
    expect(storedLastSynced('c4')).toBeNull();
  });

  it('stores only the day, never the time', () => {
    note.follow(status(1));
    expect(note.day).toBe(TODAY);
    expect(localStorage.getItem(LAST_SYNCED_KEY('c1'))).toBe(TODAY);
  });

  it('an exact time stored by an older Mull is read as its day and stored again as only that', () => {
    localStorage.setItem(LAST_SYNCED_KEY('old'), String(START - 2 * 60_000));
    expect(storedLastSynced('old')).toBe(TODAY);
    expect(localStorage.getItem(LAST_SYNCED_KEY('old'))).toBe(TODAY);
  });

  it('while connected, writes nothing more that day, and moves to the next day after midnight', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    note.follow(status(1));
    expect(setItem).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(11 * LAST_SYNCED_STEP_MS); // 23:00, still the same day
    note.follow(status(2));
    expect(setItem).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(LAST_SYNCED_STEP_MS); // past midnight
    expect(note.day).toBe('2026-03-05');
    expect(setItem).toHaveBeenCalledTimes(2);
    note.follow(status(0));
    vi.advanceTimersByTime(48 * LAST_SYNCED_STEP_MS);
    expect(note.day).toBe('2026-03-05');
    expect(storedLastSynced('c1')).toBe('2026-03-05');
    setItem.mockRestore();
  });

  it('takes the day something last arrived, when not connected, and never goes back', () => {
    note.follow(status(0, START - 3 * 24 * 3_600_000));
    expect(note.day).toBe('2026-03-01');
    note.follow(status(0, null));
    expect(note.day).toBe('2026-03-01');
    note.follow(status(1));
    note.follow(status(0, START - 5 * 24 * 3_600_000));
    expect(note.day).toBe(TODAY);
  });
});

describe('lastSyncedLabel', () => {
  const now = new Date(START);

  it('says today, this week, or a date — never minutes or hours', () => {
    expect(lastSyncedLabel('Sam', TODAY, now)).toBe('Last synced with Sam: today');
    expect(lastSyncedLabel('Sam', '2026-03-03', now)).toBe('Last synced with Sam: this week');
    expect(lastSyncedLabel('Sam', '2026-02-26', now)).toBe('Last synced with Sam: this week');
    expect(lastSyncedLabel('Sam', '2026-02-25', now)).toMatch(
      /^Last synced with Sam: 25 February$|^Last synced with Sam: February 25$/,
    );
    expect(lastSyncedLabel('Sam', '2025-12-31', now)).toMatch(/2025/);
    expect(lastSyncedLabel('Sam', TODAY, now)).not.toMatch(/\d+ (min|h)\b|just now/);
  });

  it('a day ahead of this clock reads as today; nothing yet reads as not synced', () => {
    expect(lastSyncedLabel('Sam', '2026-03-05', now)).toBe('Last synced with Sam: today');
    expect(lastSyncedLabel('Sam', null, now)).toBe('Not synced with Sam yet');
    expect(lastSyncedLabel('Sam', '12345', now)).toBe('Not synced with Sam yet');
  });
});
