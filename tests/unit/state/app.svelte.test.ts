// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AppState,
  FIRST_SCREEN_WRITE_DELAY_MS,
  SYNC_FALLBACK_DELAY_MS,
} from '../../../src/lib/state/app.svelte';
import { readFirstScreen } from '../../../src/lib/state/first-screen';
import { freshDbName } from '../../helpers/db-name';

/** Lets the vault's load, and what waits on it, finish (IndexedDB runs on setImmediate). */
async function loaded(app: AppState): Promise<void> {
  await app.vault.ready;
  await Promise.resolve();
  flushSync();
}

describe('AppState', () => {
  let app: AppState;

  beforeEach(() => {
    // Only timers are faked: fake-indexeddb schedules its work with setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    localStorage.clear();
    // jsdom has no media queries; the install state asks whether Mull runs standalone.
    vi.stubGlobal('matchMedia', (media: string) => ({
      matches: false,
      media,
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    app = new AppState({ dbName: freshDbName('app') });
  });

  afterEach(() => {
    app.destroy();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('has the reminder once the vault has loaded, not before', async () => {
    expect(app.reminder).toBeNull();
    expect(app.vault.journal).toBeNull();
    await loaded(app);
    expect(app.vault.journal).not.toBeNull();
    expect(app.reminder?.due).toBe(false);
  });

  it('keeps the first screen cached a moment after the list changes', async () => {
    await loaded(app);
    const journal = app.vault.journal;
    journal?.create({ id: 'one', body: 'first words' });
    flushSync();
    expect(readFirstScreen()).toBeNull();
    vi.advanceTimersByTime(FIRST_SCREEN_WRITE_DELAY_MS);
    expect(readFirstScreen()?.map((e) => e.id)).toEqual(['one']);
  });

  it('shows the cached first screen while a returning person’s vault loads', async () => {
    await loaded(app);
    app.vault.journal?.create({ id: 'kept', body: 'from last time' });
    flushSync();
    vi.advanceTimersByTime(FIRST_SCREEN_WRITE_DELAY_MS);
    const next = new AppState({ dbName: freshDbName('app') });
    expect(next.firstScreen?.map((e) => e.id)).toEqual(['kept']);
    expect(next.opening).toBe(true);
    await loaded(next);
    expect(next.opening).toBe(false);
    next.destroy();
  });

  it('destroys what it owns: the reminder stops, and sync does not start later', async () => {
    await loaded(app);
    const reminder = app.reminder;
    if (!reminder) throw new Error('no reminder');
    const stopped = vi.spyOn(reminder, 'destroy');
    const startSync = vi.spyOn(app.vault, 'startSync');
    app.destroy();
    expect(stopped).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(SYNC_FALLBACK_DELAY_MS * 10);
    expect(startSync).not.toHaveBeenCalled();
  });
});
