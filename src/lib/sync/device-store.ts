/**
 * What belongs to this device alone and never syncs: the vault secret, this device's id and
 * its name. Kept in an IndexedDB database of its own (`mull-device`), apart from the vault,
 * so the vault's data can be exported or rescued without its keys, and vice versa.
 */
import { requestToPromise, transactionDone } from './idb';

export const DEVICE_DB_NAME = 'mull-device';
const STORE = 'keys';

export const DEVICE_KEY = {
  vaultSecret: 'vaultSecret',
  deviceId: 'deviceId',
  deviceName: 'deviceName',
} as const;

export class DeviceStore {
  readonly #dbName: string;
  #db: Promise<IDBDatabase> | null = null;

  constructor(dbName = DEVICE_DB_NAME) {
    this.#dbName = dbName;
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
    return (await requestToPromise(tx.objectStore(STORE).get(key))) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, key);
    await transactionDone(tx);
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
