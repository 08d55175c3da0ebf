/**
 * Direct IndexedDB access for tests: look at or tamper with what a persistence layer stored,
 * without going through the code under test.
 */

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Opens an existing database (or creates it empty, with y-indexeddb's stores). */
export function openRaw(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains('updates')) {
      db.createObjectStore('updates', { autoIncrement: true });
    }
    if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
  };
  return request(req);
}

export interface RawRow {
  key: IDBValidKey;
  value: unknown;
}

/** Every row of the `updates` store, oldest first. */
export async function readRows(name: string): Promise<RawRow[]> {
  const db = await openRaw(name);
  try {
    const tx = db.transaction(['updates'], 'readonly');
    const store = tx.objectStore('updates');
    const [keys, values] = await Promise.all([
      request(store.getAllKeys()),
      request(store.getAll() as IDBRequest<unknown[]>),
    ]);
    await done(tx);
    return keys.map((key, i) => ({ key, value: values[i] }));
  } finally {
    db.close();
  }
}

/** Appends `values` as new rows of the `updates` store, as a buggy writer or bad disk might. */
export async function addRows(name: string, values: readonly unknown[]): Promise<void> {
  const db = await openRaw(name);
  try {
    const tx = db.transaction(['updates'], 'readwrite');
    for (const value of values) tx.objectStore('updates').add(value);
    await done(tx);
  } finally {
    db.close();
  }
}

/** Whether a database of this name exists at all. */
export async function databaseExists(name: string): Promise<boolean> {
  const all = await indexedDB.databases();
  return all.some((info) => info.name === name);
}
