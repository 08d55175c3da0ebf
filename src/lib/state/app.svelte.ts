/**
 * The app's start-up, as one object the root component creates once: this device's vault,
 * storage, connectivity, install and update states, the reminder once the vault has loaded,
 * sync started when the page is idle, and the first-screen cache kept current. Everything it
 * creates it destroys.
 *
 *   new AppState() ──▶ vault loads ──▶ journal, settings, reminder ──▶ idle ──▶ sync, people
 */
import { firstScreenJson, readFirstScreen, writeFirstScreen } from './first-screen';
import { AppUpdateState, trackPageActivity } from './app-update.svelte';
import { ConnectivityState } from './connectivity.svelte';
import { InstallState } from './install.svelte';
import { ReminderState } from './reminder.svelte';
import { StorageState } from './storage.svelte';
import { VaultState } from './vault.svelte';
import { onDeviceMessage } from '../sync/device-channel';
import type { EntrySnapshot } from '../vault';

/** Sync waits at most this long for an idle moment after the journal is on screen. */
export const SYNC_IDLE_TIMEOUT_MS = 2000;
/** Without `requestIdleCallback` (Safari), sync starts this long after the journal loads. */
export const SYNC_FALLBACK_DELAY_MS = 500;
/** The editor's code is fetched this long after the journal loads, when idle is unknown. */
export const EDITOR_PRELOAD_FALLBACK_MS = 1500;
/** The first-screen cache is rewritten this long after the list last changed. */
export const FIRST_SCREEN_WRITE_DELAY_MS = 1000;

export interface AppOptions {
  /** The vault's database; by default the one the device store names (tests name their own). */
  dbName?: string;
  /**
   * Reloads the page when another tab has switched this device to another vault (see
   * ./keep-apart.ts). Only for the device store's vault: a named one is never switched.
   */
  reload?: () => void;
  /** Register the service worker: it exists only in production builds (vite-plugin-pwa). */
  serviceWorker?: boolean;
}

export class AppState {
  readonly vault: VaultState;
  readonly storage = new StorageState();
  readonly connectivity = new ConnectivityState();
  readonly install = new InstallState();
  readonly update: AppUpdateState;
  /** The Journal as it was when the person left (a cache; see ./first-screen.ts), or null. */
  readonly firstScreen: EntrySnapshot[] | null = readFirstScreen();
  #reminder = $state.raw<ReminderState | null>(null);
  readonly #stopEffects: () => void;
  #cancelSyncStart: (() => void) | null = null;
  #stopFollowingSwitch: () => void = () => {};
  /** This page's vault is no longer this device's journal: it must not touch the cache. */
  #leaving = false;
  #destroyed = false;

  /**
   * While the vault loads, a returning person sees the app around them at once, and the
   * Journal as it was when they left.
   */
  readonly opening = $derived.by(
    () =>
      !this.vault.journal &&
      this.firstScreen !== null &&
      this.firstScreen.length > 0 &&
      (this.vault.persistence.load === 'loading' || this.vault.persistence.load === 'ready') &&
      this.vault.schema !== 'newer',
  );

  constructor({
    dbName,
    serviceWorker = false,
    reload = () => location.reload(),
  }: AppOptions = {}) {
    const vault = new VaultState(dbName);
    this.vault = vault;
    if (dbName === undefined) {
      this.#stopFollowingSwitch = onDeviceMessage((message, fromThisPage) => {
        if (message.type !== 'vault-switched') return;
        this.#leave();
        // This page's own switch reloads it at once (keep-apart.ts wrote everything first);
        // another tab's waits until what this page was saving has reached its database.
        if (!fromThisPage) void vault.whenSaved().then(reload);
      });
    }
    this.update = new AppUpdateState(
      trackPageActivity(() => vault.persistence.pendingWrites),
      () => vault.whenSaved(),
    );
    void vault.ready.then(
      () => this.#loaded(),
      () => {
        // The vault did not load: the load-failure screen explains it, and nothing syncs.
      },
    );
    if (serviceWorker) this.update.start();
    this.#stopEffects = $effect.root(() => this.#effects());
  }

  /** The daily reminder; created with the journal and settings, which never change after. */
  get reminder(): ReminderState | null {
    return this.#reminder;
  }

  #loaded(): void {
    const { journal, settings } = this.vault;
    if (this.#destroyed || this.#leaving || !journal || !settings) return;
    this.#reminder = new ReminderState(journal, settings);
    // Sync starts once the journal is on screen and the page is idle: joining rooms (and
    // y-webrtc's first exchange with other tabs) is real work that should not delay first paint.
    this.#cancelSyncStart = whenIdle(
      () => {
        this.vault.startSync().catch((err: unknown) => {
          // Mull keeps working on this device alone; Settings shows that sync is unavailable.
          console.warn('Sync could not start', err);
        });
      },
      SYNC_FALLBACK_DELAY_MS,
      SYNC_IDLE_TIMEOUT_MS,
    );
  }

  /**
   * The first-screen cache shows this vault's entries; the next start opens another one, so
   * the cache is emptied and never rewritten from here (not even on `pagehide`).
   */
  #leave(): void {
    this.#leaving = true;
    this.#cancelSyncStart?.();
    writeFirstScreen(firstScreenJson([]));
  }

  #effects(): void {
    // Load the editor while the person is reading, so the first edit is instant and an
    // update activated by another tab can never leave this page unable to fetch it.
    $effect(() => {
      if (!this.vault.journal) return;
      return whenIdle(
        () => void import('../editor/markdown-editor').catch(() => {}),
        EDITOR_PRELOAD_FALLBACK_MS,
      );
    });
    // The first-screen cache follows the list (and any text in it), a moment after it changes…
    $effect(() => {
      const entries = this.vault.journal?.entries;
      if (!entries) return;
      const timer = setTimeout(() => {
        if (!this.#leaving) writeFirstScreen(firstScreenJson(entries));
      }, FIRST_SCREEN_WRITE_DELAY_MS);
      return () => clearTimeout(timer);
    });
    // …and once more when the page goes away, so a change in its last second is not shown later.
    $effect(() => {
      const journal = this.vault.journal;
      if (!journal) return;
      const save = (): void => {
        if (!this.#leaving) writeFirstScreen(firstScreenJson(journal.entries));
      };
      addEventListener('pagehide', save);
      return () => removeEventListener('pagehide', save);
    });
    // Ask the browser to keep our storage once there is something worth keeping.
    $effect(() => {
      const journal = this.vault.journal;
      if (journal && journal.count > 0) void this.storage.requestPersistenceOnce();
    });
  }

  destroy(): void {
    this.#destroyed = true;
    this.#stopFollowingSwitch();
    this.#stopEffects();
    this.#cancelSyncStart?.();
    this.#reminder?.destroy();
    this.connectivity.destroy();
    this.install.destroy();
    this.vault.destroy();
  }
}

/**
 * Runs `fn` when the page is idle (at most `timeout` ms later), or after `fallback` ms where
 * idle callbacks do not exist; returns a cancel.
 */
function whenIdle(fn: () => void, fallback: number, timeout?: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, timeout === undefined ? undefined : { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(fn, fallback);
  return () => clearTimeout(id);
}
