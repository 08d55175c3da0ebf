/**
 * The few IndexedDB helpers Mull needs, as promises. The stores are y-indexeddb's own layout
 * (`updates` with auto-increment keys, `custom`), so either implementation can open the data.
 */

export const UPDATES_STORE = 'updates';
export const CUSTOM_STORE = 'custom';

export const requestToPromise = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

/** Resolves when the transaction has committed; rejects with its error if it aborts. */
export const transactionDone = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // A failed request aborts its transaction (we never preventDefault its error event), so
    // every failure, a request's or the transaction's own (quota), arrives here.
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });

/**
 * Opens (creating when absent) a y-indexeddb-compatible database. Rejects if IndexedDB is
 * unavailable or refuses; `onBlocked` is told when another tab holds the database in a way
 * that stops it opening (the promise then waits until that tab lets go).
 */
export function openYDatabase(name: string, onBlocked?: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
      request = indexedDB.open(name);
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(UPDATES_STORE)) {
        db.createObjectStore(UPDATES_STORE, { autoIncrement: true });
      }
      if (!db.objectStoreNames.contains(CUSTOM_STORE)) db.createObjectStore(CUSTOM_STORE);
    };
    request.onblocked = () => onBlocked?.();
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open'));
    request.onsuccess = () => resolve(request.result);
  });
}

/** Every stored row with its key, oldest first, exactly as stored (normally Uint8Array). */
export async function readAllRows(
  db: IDBDatabase,
): Promise<{ keys: IDBValidKey[]; values: unknown[] }> {
  const tx = db.transaction([UPDATES_STORE], 'readonly');
  const store = tx.objectStore(UPDATES_STORE);
  const [keys, values] = await Promise.all([
    requestToPromise(store.getAllKeys()),
    requestToPromise(store.getAll() as IDBRequest<unknown[]>),
  ]);
  return { keys, values };
}

/**
 * The bytes of a stored row. Binary rows (any typed array or ArrayBuffer, from any realm)
 * give their bytes; anything else gives its JSON, so a rescue never drops a row.
 */
export function rowBytes(value: unknown): { bytes: Uint8Array; binary: boolean } {
  if (
    value instanceof ArrayBuffer ||
    Object.prototype.toString.call(value) === '[object ArrayBuffer]'
  ) {
    return { bytes: new Uint8Array(value as ArrayBuffer), binary: true };
  }
  if (ArrayBuffer.isView(value)) {
    return {
      bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
      binary: true,
    };
  }
  return { bytes: new TextEncoder().encode(JSON.stringify(value) ?? String(value)), binary: false };
}
