/**
 * Reads what it can from a vault database that failed to load, without writing to it.
 *
 * Each stored row is applied on its own, so one unreadable row costs only itself. The raw rows
 * go into the result too (base64), so even what cannot be read today is not thrown away.
 */
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { withTimeout } from '../util/with-timeout';
import { readAllRows, rowBytes, UPDATES_STORE } from './idb';

/** Reading a hung database must not hang the rescue as well. */
export const SALVAGE_TIMEOUT_MS = 5000;

export interface SalvageResult {
  doc: Y.Doc;
  rowsRead: number;
  unreadableRows: number;
  rawRows: string[];
}

function openExisting(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // A database that does not exist yet holds nothing to rescue: do not create its stores.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => reject(request.error ?? new Error('Could not open the database'));
    request.onsuccess = () => resolve(request.result);
  });
}

async function read(name: string): Promise<SalvageResult> {
  const db = await openExisting(name);
  try {
    if (!db.objectStoreNames.contains(UPDATES_STORE)) {
      return { doc: new Y.Doc(), rowsRead: 0, unreadableRows: 0, rawRows: [] };
    }
    const { values } = await readAllRows(db);
    const rows = values.map(rowBytes);
    const doc = new Y.Doc();
    let unreadableRows = 0;
    for (const { bytes, binary } of rows) {
      try {
        if (!binary) throw new Error('not binary');
        Y.applyUpdate(doc, bytes);
      } catch {
        unreadableRows++;
      }
    }
    return {
      doc,
      rowsRead: rows.length,
      unreadableRows,
      rawRows: rows.map(({ bytes }) => toBase64(bytes)),
    };
  } finally {
    db.close();
  }
}

export function salvage(name: string, timeoutMs = SALVAGE_TIMEOUT_MS): Promise<SalvageResult> {
  return withTimeout(read(name), timeoutMs, 'Reading the stored data did not finish in time');
}
