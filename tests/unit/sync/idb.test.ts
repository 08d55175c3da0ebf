import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CUSTOM_STORE,
  openYDatabase,
  readAllRows,
  rowBytes,
  requestToPromise,
  transactionDone,
  UPDATES_STORE,
} from '../../../src/lib/sync/idb';
import { freshDbName } from '../../helpers/db-name';
import { addRows } from '../../helpers/raw-idb';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('idb helpers', () => {
  it('openYDatabase creates y-indexeddb’s two stores', async () => {
    const db = await openYDatabase(freshDbName());
    expect([...db.objectStoreNames].sort()).toEqual([CUSTOM_STORE, UPDATES_STORE].sort());
    db.close();
  });

  it('openYDatabase rejects when IndexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    await expect(openYDatabase(freshDbName())).rejects.toThrow(/not available/);
  });

  it('openYDatabase rejects with the error indexedDB.open throws, wrapped if not an Error', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw 'plain string';
    });
    await expect(openYDatabase(freshDbName())).rejects.toThrow('plain string');
  });

  it('readAllRows returns every row oldest first, exactly as stored', async () => {
    const name = freshDbName();
    await addRows(name, [new Uint8Array([1]), 'text', new Uint8Array([2, 3])]);
    const db = await openYDatabase(name);
    const { keys, values } = await readAllRows(db);
    db.close();
    expect(keys).toEqual([1, 2, 3]);
    expect(values.map((v) => rowBytes(v))).toEqual([
      { bytes: new Uint8Array([1]), binary: true },
      { bytes: new TextEncoder().encode('"text"'), binary: false },
      { bytes: new Uint8Array([2, 3]), binary: true },
    ]);
  });

  it('rowBytes keeps the bytes of ArrayBuffers and typed-array views', () => {
    const bytes = new Uint8Array([9, 8, 7, 6]);
    expect(rowBytes(bytes.buffer)).toEqual({ bytes, binary: true });
    expect(rowBytes(new Uint8Array(bytes.buffer, 1, 2))).toEqual({
      bytes: new Uint8Array([8, 7]),
      binary: true,
    });
  });

  it('transactionDone rejects when the transaction aborts', async () => {
    const db = await openYDatabase(freshDbName());
    const tx = db.transaction([UPDATES_STORE], 'readwrite');
    const done = transactionDone(tx);
    tx.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    db.close();
  });

  it('requestToPromise rejects with the request’s error', async () => {
    const db = await openYDatabase(freshDbName());
    const tx = db.transaction([CUSTOM_STORE], 'readwrite');
    const store = tx.objectStore(CUSTOM_STORE);
    await requestToPromise(store.add('v', 'k'));
    await expect(requestToPromise(store.add('again', 'k'))).rejects.toMatchObject({
      name: 'ConstraintError',
    });
    db.close();
  });

  it('transactionDone rejects when a request inside the transaction fails', async () => {
    const name = freshDbName();
    const db = await openYDatabase(name);
    const tx = db.transaction([CUSTOM_STORE], 'readwrite');
    const store = tx.objectStore(CUSTOM_STORE);
    store.add('first', 'k');
    store.add('second', 'k'); // ConstraintError: the key exists
    store.add('third', 'other');
    await expect(transactionDone(tx)).rejects.toMatchObject({ name: 'ConstraintError' });
    db.close();
  });
});
