/**
 * Runs INSIDE the browser (bundled by ./raw-load.ts): the cold-start baseline. Opens the vault's
 * IndexedDB database, reads every stored row, and applies them to a fresh Y.Doc — what
 * y-indexeddb's `fetchUpdates` does, with no app around it. Timed from the first IndexedDB call
 * to the last decoded byte.
 */
import * as Y from 'yjs';

export interface RawLoadResult {
  total_ms: number;
  open_ms: number;
  read_ms: number;
  decode_ms: number;
  rows: number;
  bytes: number;
  entries: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * @param keep leave the decoded doc reachable (on `globalThis`) afterwards, so the heap it
 *   takes alone can be read: the heap figure's baseline.
 */
export async function rawLoad(name: string, keep = false): Promise<RawLoadResult> {
  const t0 = performance.now();
  const db = await request(indexedDB.open(name));
  const t1 = performance.now();
  const tx = db.transaction(['updates'], 'readonly');
  const rows = (await request(
    tx.objectStore('updates').getAll(IDBKeyRange.lowerBound(0, false)),
  )) as Uint8Array[];
  const t2 = performance.now();
  const doc = new Y.Doc();
  Y.transact(doc, () => rows.forEach((row) => Y.applyUpdate(doc, row)), null, false);
  const t3 = performance.now();
  db.close();
  const result: RawLoadResult = {
    total_ms: t3 - t0,
    open_ms: t1 - t0,
    read_ms: t2 - t1,
    decode_ms: t3 - t2,
    rows: rows.length,
    bytes: rows.reduce((sum, row) => sum + row.byteLength, 0),
    entries: doc.getMap('entries').size,
  };
  if (keep) (globalThis as unknown as { mullBenchDoc: Y.Doc }).mullBenchDoc = doc;
  else doc.destroy();
  return result;
}
