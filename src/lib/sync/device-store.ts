/**
 * What belongs to this device alone and never syncs: the vault secret, this device's id and
 * its name, which database holds the vault, and the journals kept apart on this device. Kept
 * in an IndexedDB database of its own (`mull-device`), apart from the vault, so the vault's
 * data can be exported or rescued without its keys, and vice versa.
 */
import { requestToPromise, transactionDone } from './idb';

export const DEVICE_DB_NAME = 'mull-device';
/** The vault's database when the device store names none: every install from before `vaultDb`. */
export const VAULT_DB_NAME = 'mull-vault';
const STORE = 'keys';

export const DEVICE_KEY = {
  vaultSecret: 'vaultSecret',
  deviceId: 'deviceId',
  deviceName: 'deviceName',
  /** The IndexedDB database of the vault this device opens (absent: `VAULT_DB_NAME`). */
  vaultDb: 'vaultDb',
  /** Journals kept apart on this device (../state/keep-apart.ts). */
  keptApart: 'keptApart',
} as const;

/** The vault's database, given the stored `vaultDb` value (anything but a name: the default). */
export const vaultDbNameOf = (stored: unknown): string =>
  typeof stored === 'string' && stored !== '' ? stored : VAULT_DB_NAME;

/** What `update` writes: a value per key; `undefined` deletes the key. */
export type DevicePatch = Record<string, unknown>;

/** Why a page whose vault is no longer this device's journal is not given the vault secret. */
export class VaultSwitchedError extends Error {
  constructor() {
    super('This device opens another journal now; this page will reload into it.');
    this.name = 'VaultSwitchedError';
  }
}

export class DeviceStore {
  readonly #dbName: string;
  readonly #pinnedVaultDb: string | null;
  #db: Promise<IDBDatabase> | null = null;

  constructor(dbName = DEVICE_DB_NAME, pinnedVaultDb: string | null = null) {
    this.#dbName = dbName;
    this.#pinnedVaultDb = pinnedVaultDb;
  }

  /**
   * The same store, as a page that opened the vault in `vaultDb` sees it: the vault secret is
   * read and written only together with `vaultDb` (one transaction), and refused with a
   * `VaultSwitchedError` once another database is this device's journal. A page left open on
   * a journal kept apart can then never sync it under the secret of the one that replaced it.
   */
  /** The vault database this store was pinned to (`pinnedTo`), or null. */
  get pinnedVaultDb(): string | null {
    return this.#pinnedVaultDb;
  }

  pinnedTo(vaultDb: string): DeviceStore {
    return new DeviceStore(this.#dbName, vaultDb);
  }

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(this.#dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('Could not open device storage'));
    });
    return this.#db;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const db = await this.#open();
    const tx = db.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    if (key === DEVICE_KEY.vaultSecret && this.#pinnedVaultDb !== null) {
      const [value, vaultDb] = await Promise.all([
        requestToPromise(store.get(key)),
        requestToPromise(store.get(DEVICE_KEY.vaultDb)),
      ]);
      if (vaultDbNameOf(vaultDb) !== this.#pinnedVaultDb) throw new VaultSwitchedError();
      return value as T | undefined;
    }
    return (await requestToPromise(store.get(key))) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    if (key === DEVICE_KEY.vaultSecret && this.#pinnedVaultDb !== null) {
      const pinned = this.#pinnedVaultDb;
      return this.update([DEVICE_KEY.vaultDb], (current) => {
        if (vaultDbNameOf(current.vaultDb) !== pinned) throw new VaultSwitchedError();
        return { [key]: value };
      });
    }
    const db = await this.#open();
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, key);
    await transactionDone(tx);
  }

  /**
   * Reads `keys`, and writes what `change` makes of them, in ONE readwrite transaction: either
   * every key of the patch is stored or, if anything fails (or `change` throws), none is.
   * `change` runs inside the transaction, so it must be synchronous.
   */
  async update<K extends string>(
    keys: readonly K[],
    change: (current: Partial<Record<K, unknown>>) => DevicePatch,
  ): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const done = transactionDone(tx);
    const current: Partial<Record<K, unknown>> = {};
    let failure: unknown = null;
    const write = (): void => {
      try {
        for (const [key, value] of Object.entries(change(current))) {
          if (value === undefined) store.delete(key);
          else store.put(value, key);
        }
      } catch (err) {
        failure = err;
        tx.abort();
      }
    };
    // Reads and writes chained by callbacks, not awaits: the transaction must not see a
    // moment with no request pending, or it commits before the writes are made.
    let left = keys.length;
    if (left === 0) write();
    for (const key of keys) {
      const request = store.get(key);
      request.onsuccess = () => {
        current[key] = request.result as unknown;
        if (--left === 0) write();
      };
    }
    try {
      await done;
    } catch (err) {
      throw failure ?? err;
    }
  }

  /** The database this device's vault lives in. */
  async vaultDbName(): Promise<string> {
    return vaultDbNameOf(await this.get<unknown>(DEVICE_KEY.vaultDb));
  }

  /** Reads `key`, or stores and returns `create()` when absent (first run). */
  async getOrCreate<T>(key: string, create: () => T): Promise<T> {
    const found = await this.get<T>(key);
    if (found !== undefined) return found;
    const value = create();
    await this.set(key, value);
    return value;
  }

  async close(): Promise<void> {
    if (this.#db) (await this.#db).close();
    this.#db = null;
  }
}

/** A name a person recognises in a device list: "Chrome on Android", "Firefox on Mac". */
export function guessDeviceName(userAgent: string): string {
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(userAgent)
      ? 'iPhone'
      : /Mac OS X|Macintosh/.test(userAgent)
        ? 'Mac'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /CrOS/.test(userAgent)
            ? 'Chromebook'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : 'this device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  return `${browser} on ${os}`;
}
