/**
 * What the browser says about this site's storage: whether it is persistent (safe from being
 * evicted when the disk runs low), and how much is used and available.
 */

/** Remembers on this device that we asked once, so we never pester. */
export const PERSIST_ASKED_KEY = 'mull:persist-asked';

export class StorageState {
  persisted = $state<boolean | null>(null);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  readonly supported = typeof navigator !== 'undefined' && 'storage' in navigator;

  async refresh(): Promise<void> {
    if (!this.supported) return;
    const [persisted, estimate] = await Promise.all([
      navigator.storage.persisted?.() ?? Promise.resolve(false),
      navigator.storage.estimate?.() ?? Promise.resolve({} as StorageEstimate),
    ]);
    this.persisted = persisted;
    this.usage = estimate.usage ?? null;
    this.quota = estimate.quota ?? null;
  }

  /** Asks the browser to keep our data; some browsers ask the person, most decide alone. */
  async requestPersistence(): Promise<boolean> {
    if (!this.supported || !navigator.storage.persist) return false;
    localStorage.setItem(PERSIST_ASKED_KEY, '1');
    this.persisted = await navigator.storage.persist();
    return this.persisted;
  }

  /** Asks once, the first time there is something worth keeping. */
  async requestPersistenceOnce(): Promise<void> {
    if (!this.supported || localStorage.getItem(PERSIST_ASKED_KEY)) return;
    if (await navigator.storage.persisted()) return;
    await this.requestPersistence();
  }
}
