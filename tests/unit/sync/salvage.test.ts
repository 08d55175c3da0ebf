import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { salvage, SALVAGE_TIMEOUT_MS } from '../../../src/lib/sync/salvage';
import { TimeoutError } from '../../../src/lib/util/with-timeout';
import { freshDbName } from '../../helpers/db-name';
import { addRows, databaseExists, readRows } from '../../helpers/raw-idb';
import { stubHangingOpen } from '../../helpers/stuck-open';

/** Independent updates, each setting one key of map `m`, so each row stands on its own. */
function independentUpdates(keys: string[]): Uint8Array[] {
  return keys.map((key) => {
    const doc = new Y.Doc();
    doc.getMap('m').set(key, `value of ${key}`);
    return Y.encodeStateAsUpdate(doc);
  });
}

const GARBAGE = new Uint8Array([255, 255, 255, 255, 255]);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('salvage', () => {
  it('reads every row of a healthy database', async () => {
    const name = freshDbName();
    const rows = independentUpdates(['a', 'b']);
    await addRows(name, rows);
    const result = await salvage(name);
    expect(result.rowsRead).toBe(2);
    expect(result.unreadableRows).toBe(0);
    expect(result.doc.getMap('m').toJSON()).toEqual({ a: 'value of a', b: 'value of b' });
    expect(result.rawRows).toEqual(rows.map(toBase64));
  });

  it('reads the good rows around a corrupt one and counts the corrupt one', async () => {
    const name = freshDbName();
    const [a, b] = independentUpdates(['a', 'b']) as [Uint8Array, Uint8Array];
    await addRows(name, [a, GARBAGE, b]);
    const result = await salvage(name);
    expect(result.rowsRead).toBe(3);
    expect(result.unreadableRows).toBe(1);
    expect(result.doc.getMap('m').toJSON()).toEqual({ a: 'value of a', b: 'value of b' });
  });

  it('keeps every raw row, readable or not, as base64 in stored order', async () => {
    const name = freshDbName();
    const [a] = independentUpdates(['a']) as [Uint8Array];
    await addRows(name, [GARBAGE, a]);
    const result = await salvage(name);
    expect(result.rawRows).toEqual([toBase64(GARBAGE), toBase64(a)]);
    expect(Uint8Array.from(atob(result.rawRows[0] ?? ''), (c) => c.charCodeAt(0))).toEqual(GARBAGE);
  });

  it('counts several unreadable rows, including a truncated update and a non-bytes value', async () => {
    const name = freshDbName();
    const [a, b] = independentUpdates(['a', 'b']) as [Uint8Array, Uint8Array];
    await addRows(name, [b.slice(0, 4), a, GARBAGE, 'not bytes']);
    const result = await salvage(name);
    expect(result.rowsRead).toBe(4);
    expect(result.unreadableRows).toBe(3);
    expect(result.doc.getMap('m').toJSON()).toEqual({ a: 'value of a' });
  });

  it('keeps the bytes of a row stored as an ArrayBuffer', async () => {
    const name = freshDbName();
    const bytes = new Uint8Array([9, 8, 7, 6]);
    await addRows(name, [bytes.buffer]);
    const result = await salvage(name);
    expect(result.unreadableRows).toBe(1);
    expect(result.rawRows).toEqual([toBase64(bytes)]);
  });

  it('does not change the stored rows', async () => {
    const name = freshDbName();
    await addRows(name, [...independentUpdates(['a']), GARBAGE]);
    const before = await readRows(name);
    await salvage(name);
    expect(await readRows(name)).toEqual(before);
  });

  it('does not create a database that did not exist', async () => {
    const name = freshDbName();
    await expect(salvage(name)).rejects.toThrow();
    expect(await databaseExists(name)).toBe(false);
  });

  it('returns nothing for a database without the updates store', async () => {
    const name = freshDbName();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onupgradeneeded = () => req.result.createObjectStore('other');
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    const result = await salvage(name);
    expect(result).toMatchObject({ rowsRead: 0, unreadableRows: 0, rawRows: [] });
    expect(result.doc.share.size).toBe(0);
  });

  it('gives up with a TimeoutError after SALVAGE_TIMEOUT_MS when the database hangs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    stubHangingOpen();
    const result = salvage(freshDbName());
    const settled = expect(result).rejects.toBeInstanceOf(TimeoutError);
    vi.advanceTimersByTime(SALVAGE_TIMEOUT_MS);
    await settled;
  });

  it('closes the database when done, so it can be deleted without being blocked', async () => {
    const name = freshDbName();
    await addRows(name, independentUpdates(['a']));
    await salvage(name);
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onblocked = () => reject(new Error('blocked: salvage left the database open'));
    });
  });
});
