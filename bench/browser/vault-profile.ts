/**
 * The ten-year vault as a real profile holds it, and the code that puts it there.
 *
 * A vault that has been written in for years is, in y-indexeddb's format, one compacted
 * snapshot plus the rows written since the last compaction (fewer than PREFERRED_TRIM_SIZE).
 * So the first 3,647 days are stored as one snapshot row and the last 3 days' typing as the
 * separate rows the editor wrote (≈ 380) — the app loads both, and the next ~120 keystrokes
 * trigger a real compaction of the whole ten years, as they would for a person.
 */
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { DEVICE_DB_NAME, DEVICE_KEY } from '../../src/lib/sync/device-store';
import { generateSyntheticVault } from '../synthetic-vault';

export interface BenchVault {
  /** Stored rows, oldest first: the snapshot, then one row per update. */
  rows: Uint8Array[];
  /** The same data as one doc, for Node-side figures. */
  doc: Y.Doc;
  bytes: number;
}

/** VaultState's database (src/lib/state/vault.svelte.ts; a rune module, so not importable here). */
export const VAULT_DB_NAME = 'mull-vault';
export const VAULT_DAYS = 3650;
/** Days typed after the last compaction, stored as separate rows. */
const TAIL_DAYS = 3;
const FIRST_DAY = '2016-01-01';

export function buildBenchVault(): BenchVault {
  const doc = generateSyntheticVault({ days: VAULT_DAYS - TAIL_DAYS, firstDay: FIRST_DAY });
  const snapshot = Y.encodeStateAsUpdate(doc);
  const tail: Uint8Array[] = [];
  const tailStart = new Date(
    Date.parse(`${FIRST_DAY}T00:00:00Z`) + (VAULT_DAYS - TAIL_DAYS) * 86_400_000,
  );
  generateSyntheticVault({
    doc,
    seed: 2,
    days: TAIL_DAYS,
    firstDay: tailStart.toISOString().slice(0, 10),
    onUpdate: (update) => tail.push(update),
  });
  const rows = [snapshot, ...tail];
  return { rows, doc, bytes: rows.reduce((sum, r) => sum + r.length, 0) };
}

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/**
 * Writes `rows` into the origin's `mull-vault` database and, when given, a vault secret into
 * `mull-device` (so two profiles are devices of one person without pairing through the UI),
 * before the app has ever run there.
 */
export async function seedProfile(
  page: Page,
  origin: string,
  rows: readonly Uint8Array[],
  vaultSecret?: Uint8Array,
): Promise<void> {
  // Any same-origin page reaches the origin's IndexedDB; /healthz is not the app.
  await page.goto(`${origin}/healthz`);
  await page.evaluate(
    async ({ rows, secret, vaultDb, deviceDb, secretKey }) => {
      const fromBase64 = (b64: string): Uint8Array => {
        const binary = atob(b64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes;
      };
      const open = (
        name: string,
        version: number | undefined,
        upgrade: (db: IDBDatabase) => void,
      ) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
          req.onupgradeneeded = () => upgrade(req.result);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const commit = (tx: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error);
        });
      // y-indexeddb's layout: an auto-increment `updates` store and a `custom` store.
      const vault = await open(vaultDb, undefined, (db) => {
        db.createObjectStore('updates', { autoIncrement: true });
        db.createObjectStore('custom');
      });
      const tx = vault.transaction('updates', 'readwrite');
      for (const row of rows) tx.objectStore('updates').add(fromBase64(row));
      await commit(tx);
      vault.close();
      if (secret) {
        // src/lib/sync/device-store.ts: version 1, one `keys` store.
        const device = await open(deviceDb, 1, (db) => db.createObjectStore('keys'));
        const keys = device.transaction('keys', 'readwrite');
        keys.objectStore('keys').put(fromBase64(secret), secretKey);
        await commit(keys);
        device.close();
      }
    },
    {
      rows: rows.map(toBase64),
      secret: vaultSecret ? toBase64(vaultSecret) : null,
      vaultDb: VAULT_DB_NAME,
      deviceDb: DEVICE_DB_NAME,
      secretKey: DEVICE_KEY.vaultSecret,
    },
  );
}
