// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LAST_SYNCED_KEY,
  LAST_SYNCED_STEP_MS,
  LastSynced,
  storedLastSynced,
} from '../../../src/lib/state/last-synced.svelte';
import type { PeerRoomStatus } from '../../../src/lib/sync/peer-room';

const START = Date.parse('2026-03-02T09:00:00.000Z');
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

  it('is what this device noted before, or null', () => {
    expect(note.at).toBeNull();
    localStorage.setItem(LAST_SYNCED_KEY('c2'), '12345');
    expect(new LastSynced('c2').at).toBe(12345);
    expect(storedLastSynced('c3')).toBeNull();
  });

  it('notes now while connected, renewing it every step, and keeps it across sessions', () => {
    note.follow(status(1));
    expect(note.at).toBe(START);
    vi.advanceTimersByTime(5 * LAST_SYNCED_STEP_MS);
    expect(note.at).toBe(START + 5 * LAST_SYNCED_STEP_MS);
    note.follow(status(0));
    vi.advanceTimersByTime(10 * LAST_SYNCED_STEP_MS);
    expect(note.at).toBe(START + 5 * LAST_SYNCED_STEP_MS);
    expect(storedLastSynced('c1')).toBe(note.at);
  });

  it('takes the time something last arrived, when not connected', () => {
    note.follow(status(0, START - 60_000));
    expect(note.at).toBe(START - 60_000);
    note.follow(status(0, null));
    expect(note.at).toBe(START - 60_000);
  });
});
