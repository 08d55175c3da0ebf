import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  COMPACT_DEBOUNCE_MS,
  LOAD_SLOW_MS,
  LoadError,
  LocalPersistence,
  PREFERRED_TRIM_SIZE,
  WRITE_RETRY_MS,
  type PersistenceStatus,
} from '../../../src/lib/sync/local-persistence';
import { freshDbName } from '../../helpers/db-name';
import { eventually, tick, ticks } from '../../helpers/eventually';
import { addRows, readRows } from '../../helpers/raw-idb';
import { stubHangingOpen } from '../../helpers/stuck-open';

const opened: LocalPersistence[] = [];

/** A LocalPersistence that is destroyed after the test. */
function persist(name: string, doc = new Y.Doc()): LocalPersistence {
  const p = new LocalPersistence(name, doc);
  opened.push(p);
  return p;
}

async function openLoaded(name: string): Promise<LocalPersistence> {
  const p = persist(name);
  await p.whenReady;
  return p;
}

/** Loads `name` into a fresh doc, as a reload would, and returns the doc's text `t`. */
async function reloadText(name: string): Promise<string> {
  const p = await openLoaded(name);
  const text = p.doc.getText('t').toString();
  p.destroy();
  return text;
}

function recordStatus(p: LocalPersistence): PersistenceStatus[] {
  const seen: PersistenceStatus[] = [];
  p.on('status', (s) => seen.push(s));
  return seen;
}

const quotaError = (): DOMException => new DOMException('The disk is full', 'QuotaExceededError');

/** Makes every `transaction()` on the persistence's current database throw until restored. */
function breakTransactions(p: LocalPersistence) {
  const db = p.db;
  if (!db) throw new Error('no database open');
  return vi.spyOn(db, 'transaction').mockImplementation(() => {
    throw quotaError();
  });
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const p of opened.splice(0)) p.destroy();
});

describe('LocalPersistence: loading', () => {
  it('starts loading, then becomes ready with no failure', async () => {
    const p = persist(freshDbName());
    expect(p.status.load).toBe('loading');
    const seen = recordStatus(p);
    await p.whenReady;
    expect(p.status).toMatchObject({ load: 'ready', failure: null, writeError: null });
    expect(seen.map((s) => s.load)).toEqual(['ready']);
  });

  it('creates an empty y-indexeddb database when none exists', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    expect(p.doc.share.size).toBe(0);
    expect([...(p.db?.objectStoreNames ?? [])].sort()).toEqual(['custom', 'updates']);
    expect(await readRows(name)).toEqual([]);
  });

  it('round-trips a document through a destroy and a reload into a new doc', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.doc.getText('t').insert(0, 'hello, journal');
    p.doc.getMap('m').set('k', { nested: [1, 2, 3] });
    await p.whenIdle();
    const saved = Y.encodeStateAsUpdate(p.doc);
    p.destroy();

    const again = await openLoaded(name);
    expect(again.doc.getText('t').toString()).toBe('hello, journal');
    expect(again.doc.getMap('m').get('k')).toEqual({ nested: [1, 2, 3] });
    expect(Y.encodeStateAsUpdate(again.doc)).toEqual(saved);
  });

  it('applies stored rows with itself as origin and does not write them back', async () => {
    const name = freshDbName();
    const first = await openLoaded(name);
    first.doc.getText('t').insert(0, 'abc');
    await first.whenIdle();
    first.destroy();
    const rowsBefore = await readRows(name);

    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const p = persist(name, doc);
    await p.whenReady;
    await ticks(5);
    expect(origins).toEqual([p]);
    expect(await readRows(name)).toEqual(rowsBefore);
  });

  it('stores edits made before loading finished once it has', async () => {
    const name = freshDbName();
    const first = await openLoaded(name);
    first.doc.getText('t').insert(0, 'stored ');
    await first.whenIdle();
    first.destroy();

    const p = persist(name);
    p.doc.getText('t').insert(0, 'early ');
    await p.whenReady;
    await p.whenIdle();
    p.destroy();
    const text = await reloadText(name);
    expect(text).toContain('early ');
    expect(text).toContain('stored ');
  });
});

describe('LocalPersistence: writing', () => {
  it('stores each update as one row and reports pending writes until they commit', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    const seen = recordStatus(p);
    p.doc.getText('t').insert(0, 'a');
    p.doc.getText('t').insert(1, 'b');
    expect(p.status.pendingWrites).toBe(2);
    await p.whenIdle();
    expect(p.status.pendingWrites).toBe(0);
    expect(p.status.lastCommittedAt).toEqual(expect.any(Number));
    expect(seen.map((s) => s.pendingWrites)).toEqual([1, 2, 2, 1, 1, 0]);
    expect(await readRows(name)).toHaveLength(2);
  });

  it('whenIdle resolves at once when nothing is pending', async () => {
    const p = await openLoaded(freshDbName());
    let resolved = false;
    void p.whenIdle().then(() => (resolved = true));
    await tick();
    expect(resolved).toBe(true);
  });

  it('whenIdle waits for every write issued so far', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    for (let i = 0; i < 20; i++) p.doc.getText('t').insert(i, 'x');
    await p.whenIdle();
    expect(await readRows(name)).toHaveLength(20);
  });

  it('writes nothing after destroy, and destroying the doc destroys it too', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.doc.getText('t').insert(0, 'kept');
    await p.whenIdle();
    p.destroy();
    p.doc.getText('t').insert(0, 'lost ');
    await ticks(5);
    expect(await readRows(name)).toHaveLength(1);

    const q = await openLoaded(name);
    q.doc.destroy();
    expect(q.db).toBeNull();
    expect(await reloadText(name)).toBe('kept');
  });

  it('keeps content intact through 2,000 single-character updates and compacts the rows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const name = freshDbName();
    const p = await openLoaded(name);
    const text = p.doc.getText('t');
    let expected = '';
    for (let i = 0; i < 2000; i++) {
      const ch = String.fromCharCode(97 + (i % 26));
      text.insert(text.length, ch);
      expected += ch;
    }
    await p.whenIdle();
    expect(2000).toBeGreaterThan(PREFERRED_TRIM_SIZE);
    expect(await readRows(name)).toHaveLength(2000);

    vi.advanceTimersByTime(COMPACT_DEBOUNCE_MS);
    await eventually(async () => expect(await readRows(name)).toHaveLength(1));
    expect(text.toString()).toBe(expected);
    p.destroy();
    expect(await reloadText(name)).toBe(expected);
  });

  it('waits for a pause in writing before compacting', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const name = freshDbName();
    const p = await openLoaded(name);
    const text = p.doc.getText('t');
    for (let i = 0; i < PREFERRED_TRIM_SIZE; i++) text.insert(i, 'x');
    await p.whenIdle();
    vi.advanceTimersByTime(COMPACT_DEBOUNCE_MS - 1);
    text.insert(0, 'y'); // another write restarts the wait
    await p.whenIdle();
    vi.advanceTimersByTime(COMPACT_DEBOUNCE_MS - 1);
    await ticks(20);
    expect(await readRows(name)).toHaveLength(PREFERRED_TRIM_SIZE + 1);
    vi.advanceTimersByTime(1);
    await eventually(async () => expect(await readRows(name)).toHaveLength(1));
  });

  it('a database loaded with many rows compacts after its next write', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const name = freshDbName();
    const first = await openLoaded(name);
    for (let i = 0; i < PREFERRED_TRIM_SIZE + 10; i++) first.doc.getText('t').insert(0, 'z');
    await first.whenIdle();
    first.destroy();

    const p = await openLoaded(name);
    expect(p.doc.getText('t').length).toBe(PREFERRED_TRIM_SIZE + 10);
    p.doc.getText('t').insert(0, 'A');
    await p.whenIdle();
    vi.advanceTimersByTime(COMPACT_DEBOUNCE_MS);
    await eventually(async () => expect(await readRows(name)).toHaveLength(1));
    p.destroy();
    expect(await reloadText(name)).toBe('A' + 'z'.repeat(PREFERRED_TRIM_SIZE + 10));
  });

  it('compaction merges rows written by another tab instead of deleting them', async () => {
    const name = freshDbName();
    const tabA = await openLoaded(name);
    const tabB = await openLoaded(name);
    tabA.doc.getMap('m').set('a', 'from tab A');
    tabB.doc.getMap('m').set('b', 'from tab B');
    tabB.doc.getText('t').insert(0, 'typed in B');
    await Promise.all([tabA.whenIdle(), tabB.whenIdle()]);
    expect(tabA.doc.getMap('m').has('b')).toBe(false);

    await tabA.compact();
    expect(await readRows(name)).toHaveLength(1);
    expect(tabA.doc.getMap('m').toJSON()).toEqual({ a: 'from tab A', b: 'from tab B' });
    tabA.destroy();
    tabB.destroy();

    const fresh = await openLoaded(name);
    expect(fresh.doc.getMap('m').toJSON()).toEqual({ a: 'from tab A', b: 'from tab B' });
    expect(fresh.doc.getText('t').toString()).toBe('typed in B');
  });

  it('rows added after a compaction load together with its snapshot', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.doc.getText('t').insert(0, 'before');
    await p.whenIdle();
    await p.compact();
    p.doc.getText('t').insert(6, ' after');
    await p.whenIdle();
    expect(await readRows(name)).toHaveLength(2);
    p.destroy();
    expect(await reloadText(name)).toBe('before after');
  });

  it('a failed compaction is reported and keeps every row', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.doc.getText('t').insert(0, 'abc');
    p.doc.getText('t').insert(3, 'def');
    await p.whenIdle();
    const rows = await readRows(name);
    breakTransactions(p);
    await p.compact();
    expect(p.status.writeError).toMatch(/QuotaExceededError/);
    vi.restoreAllMocks();
    expect(await readRows(name)).toEqual(rows);
  });
});

describe('LocalPersistence: load failures', () => {
  it('rejects with a corrupt LoadError on a row that cannot be decoded, and fails', async () => {
    const name = freshDbName();
    const first = await openLoaded(name);
    first.doc.getText('t').insert(0, 'good');
    await first.whenIdle();
    first.destroy();
    await addRows(name, [new Uint8Array([255, 255, 255, 255, 255])]);
    const rowsBefore = await readRows(name);

    const p = persist(name);
    const seen = recordStatus(p);
    const error = await p.whenReady.then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).kind).toBe('corrupt');
    expect(p.status.load).toBe('failed');
    expect(p.status.failure).toEqual({ kind: 'corrupt', message: (error as LoadError).message });
    expect(seen.map((s) => s.load)).toEqual(['failed']);
    expect(await readRows(name)).toEqual(rowsBefore);
  });

  it('after a corrupt load, editing the doc writes nothing to the store', async () => {
    const name = freshDbName();
    await addRows(name, [new Uint8Array([1, 2, 3])]);
    const p = persist(name);
    await expect(p.whenReady).rejects.toMatchObject({ name: 'LoadError', kind: 'corrupt' });
    const rowsBefore = await readRows(name);
    p.doc.getText('t').insert(0, 'typed after the failure');
    p.doc.getMap('m').set('k', 1);
    await p.whenIdle();
    await ticks(10);
    expect(p.status.pendingWrites).toBe(0);
    expect(await readRows(name)).toEqual(rowsBefore);
  });

  it('treats a truncated update as corrupt', async () => {
    const source = new Y.Doc();
    source.getText('t').insert(0, 'a sentence that will be cut short');
    const update = Y.encodeStateAsUpdate(source);
    const name = freshDbName();
    await addRows(name, [update.slice(0, Math.floor(update.length / 2))]);
    const p = persist(name);
    await expect(p.whenReady).rejects.toMatchObject({ kind: 'corrupt' });
  });

  it('rejects with an unavailable LoadError when indexedDB.open throws', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('Access denied', 'SecurityError');
    });
    const p = persist(freshDbName());
    const error = await p.whenReady.then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(LoadError);
    expect(error).toMatchObject({ kind: 'unavailable', name: 'LoadError' });
    expect((error as LoadError).message).toMatch(/SecurityError: Access denied/);
    expect(p.status).toMatchObject({
      load: 'failed',
      failure: { kind: 'unavailable', message: expect.stringMatching(/Access denied/) },
    });
  });

  it('rejects with an unavailable LoadError when there is no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const p = persist(freshDbName());
    await expect(p.whenReady).rejects.toMatchObject({ kind: 'unavailable' });
    expect(p.status.load).toBe('failed');
  });

  it('rejects with an unavailable LoadError when the open request fails', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      const request = {
        error: new DOMException('Version mismatch', 'VersionError'),
      } as unknown as IDBOpenDBRequest;
      setImmediate(() => request.onerror?.(new Event('error')));
      return request;
    });
    const p = persist(freshDbName());
    await expect(p.whenReady).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/VersionError/),
    });
  });

  it('says the load is slow after LOAD_SLOW_MS when the open hangs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    stubHangingOpen();
    const p = persist(freshDbName());
    const seen = recordStatus(p);
    vi.advanceTimersByTime(LOAD_SLOW_MS - 1);
    expect(p.status.load).toBe('loading');
    vi.advanceTimersByTime(1);
    expect(p.status.load).toBe('slow');
    expect(seen.map((s) => s.load)).toEqual(['slow']);
  });

  it('never reports slow once loaded', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const p = await openLoaded(freshDbName());
    vi.advanceTimersByTime(LOAD_SLOW_MS * 2);
    expect(p.status.load).toBe('ready');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects whenReady when destroyed before loading finished', async () => {
    const p = persist(freshDbName());
    p.destroy();
    await expect(p.whenReady).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('LocalPersistence: write failures', () => {
  it('reports a failed write and stores everything once a later write succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const name = freshDbName();
    const p = await openLoaded(name);
    const text = p.doc.getText('t');
    text.insert(0, 'one ');
    await p.whenIdle();

    const broken = breakTransactions(p);
    text.insert(text.length, 'two ');
    text.insert(text.length, 'three ');
    await p.whenIdle();
    expect(p.status.writeError).toMatch(/QuotaExceededError: The disk is full/);
    expect(p.status.pendingWrites).toBe(0);
    expect(await readRows(name)).toHaveLength(1);

    broken.mockRestore();
    text.insert(text.length, 'four');
    await eventually(() => expect(p.status.writeError).toBeNull());
    await p.whenIdle();
    p.destroy();
    expect(await reloadText(name)).toBe('one two three four');
  });

  it('tries again on its own after WRITE_RETRY_MS[0]', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const name = freshDbName();
    const p = await openLoaded(name);
    const broken = breakTransactions(p);
    p.doc.getText('t').insert(0, 'written while the disk was full');
    await p.whenIdle();
    expect(p.status.writeError).not.toBeNull();
    broken.mockRestore();

    vi.advanceTimersByTime(WRITE_RETRY_MS[0] - 1);
    await ticks(10);
    expect(await readRows(name)).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await eventually(() => expect(p.status.writeError).toBeNull());
    await p.whenIdle();
    p.destroy();
    expect(await reloadText(name)).toBe('written while the disk was full');
  });

  it('backs off between attempts as WRITE_RETRY_MS says, the last wait repeating', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const p = await openLoaded(freshDbName());
    const broken = breakTransactions(p);
    p.doc.getText('t').insert(0, 'x');
    await p.whenIdle();
    expect(broken).toHaveBeenCalledTimes(1);
    const waits = [...WRITE_RETRY_MS, WRITE_RETRY_MS[WRITE_RETRY_MS.length - 1] as number];
    for (const [i, wait] of waits.entries()) {
      vi.advanceTimersByTime(wait - 1);
      await ticks(3);
      expect(broken).toHaveBeenCalledTimes(i + 1);
      vi.advanceTimersByTime(1);
      await ticks(3);
      expect(broken).toHaveBeenCalledTimes(i + 2);
    }
    expect(p.status.writeError).toMatch(/QuotaExceededError/);
  });

  it('retryWrites tries at once, and a success clears the error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const name = freshDbName();
    const p = await openLoaded(name);
    const broken = breakTransactions(p);
    p.doc.getText('t').insert(0, 'abc');
    await p.whenIdle();
    broken.mockRestore();
    p.retryWrites();
    await p.whenIdle();
    expect(p.status.writeError).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
    p.destroy();
    expect(await reloadText(name)).toBe('abc');
  });

  it('retryWrites does nothing when no write has failed', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.retryWrites();
    expect(p.status.pendingWrites).toBe(0);
    await ticks(5);
    expect(await readRows(name)).toEqual([]);
  });

  it('reopens the database after the browser closed it', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    const db = p.db as IDBDatabase;
    db.close();
    // What a browser does when it closes a connection itself (site data cleared, disk error).
    db.onclose?.call(db, new Event('close'));
    expect(p.db).toBeNull();
    p.doc.getText('t').insert(0, 'after the close');
    await p.whenIdle();
    expect(p.status.writeError).toBeNull();
    expect(p.db).not.toBeNull();
    expect(p.db).not.toBe(db);
    p.destroy();
    expect(await reloadText(name)).toBe('after the close');
  });

  it('lets go of the database when another tab deletes it', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.doc.getText('t').insert(0, 'x');
    await p.whenIdle();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error('delete failed'));
      req.onblocked = () => reject(new Error('blocked: the connection was not let go'));
    });
    expect(p.db).toBeNull();
  });

  it('after the database was deleted, the next write stores the whole document', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.doc.getText('t').insert(0, 'before ');
    await p.whenIdle();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error('delete failed'));
    });
    p.doc.getText('t').insert(7, 'after');
    await p.whenIdle();
    expect(p.status.writeError).toBeNull();
    p.destroy();
    expect(await reloadText(name)).toBe('before after');
  });

  it('an update that fails while a full rewrite is in flight is still stored', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const name = freshDbName();
    const p = await openLoaded(name);
    const text = p.doc.getText('t');
    const broken = breakTransactions(p);
    text.insert(0, 'one ');
    await p.whenIdle();
    broken.mockRestore();

    p.retryWrites(); // full write of "one " is now in flight
    const brokenAgain = breakTransactions(p);
    text.insert(text.length, 'two'); // fails at once, before the full write commits
    brokenAgain.mockRestore();
    await p.whenIdle();
    vi.runAllTimers();
    await p.whenIdle();

    expect(p.status.writeError).toBeNull();
    p.destroy();
    expect(await reloadText(name)).toBe('one two');
  });
});

describe('LocalPersistence and y-indexeddb', () => {
  it('y-indexeddb loads what LocalPersistence stored', async () => {
    const name = freshDbName();
    const p = await openLoaded(name);
    p.doc.getText('t').insert(0, 'written by Mull');
    p.doc.getMap('m').set('k', 'v');
    await p.whenIdle();
    p.destroy();

    const doc = new Y.Doc();
    const theirs = new IndexeddbPersistence(name, doc);
    await theirs.whenSynced;
    expect(doc.getText('t').toString()).toBe('written by Mull');
    expect(doc.getMap('m').get('k')).toBe('v');
    await theirs.destroy();
  });

  it('LocalPersistence loads what y-indexeddb stored', async () => {
    const name = freshDbName();
    const doc = new Y.Doc();
    const theirs = new IndexeddbPersistence(name, doc);
    await theirs.whenSynced;
    doc.getText('t').insert(0, 'written by y-indexeddb');
    doc.getText('t').insert(0, '» ');
    await theirs.destroy();

    const p = await openLoaded(name);
    expect(p.doc.getText('t').toString()).toBe('» written by y-indexeddb');
  });
});
