/**
 * The home peer's store: every acknowledged update survives a reopen and a SIGKILL, compaction
 * replaces rows with one snapshot without losing anything, unreadable rows are kept aside
 * (never deleted) while the rest loads, and a failed write is made good by a full write.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocStore, STORE_FILE } from '../../../server/home-peer/doc-store';
import {
  COMPACT_AFTER_ROWS,
  COMPACT_DEBOUNCE_MS,
  PersistedDoc,
} from '../../../server/home-peer/persisted-doc';
import { WRITE_RETRY_MS } from '../../../src/lib/sync/local-persistence';
import { createPrng } from '../../helpers/prng';

const APPENDER = fileURLToPath(
  new URL('../../helpers/home-peer/append-until-killed.ts', import.meta.url),
);

let dir: string;
let path: string;
const open: DocStore[] = [];

function openStore(): DocStore {
  const store = DocStore.open(path);
  open.push(store);
  return store;
}

function reopen(store: DocStore): DocStore {
  store.close();
  return openStore();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mull-store-'));
  path = join(dir, STORE_FILE);
});

afterEach(() => {
  vi.useRealTimers();
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `count` seeded random edits into `doc` (a map and a text), one transaction each. */
function edit(doc: Y.Doc, count: number, seed: number): void {
  const prng = createPrng(seed);
  for (let i = 0; i < count; i++) {
    doc.transact(() => {
      const text = doc.getText('t');
      if (text.length > 0 && prng.int(0, 3) === 0) {
        text.delete(prng.int(0, text.length - 1), 1);
      } else {
        text.insert(prng.int(0, text.length), String.fromCharCode(prng.int(97, 122)));
      }
      doc.getMap('m').set(`k${prng.int(0, 40)}`, i);
    });
  }
}

const sameContent = (a: Y.Doc, b: Y.Doc): void => {
  expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  expect(b.getMap('m').toJSON()).toEqual(a.getMap('m').toJSON());
};

describe('DocStore', () => {
  it('uses a WAL journal that is fsynced on every commit', () => {
    expect(openStore().durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
  });

  it('gives back every update of a document after a reopen, and only that document', () => {
    let store = openStore();
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.append('vault-a', u));
    edit(doc, 200, 1);
    store.append('conv-b', Y.encodeStateAsUpdate(new Y.Doc()));
    store = reopen(store);

    const loaded = new Y.Doc();
    const result = store.load('vault-a', (u) => Y.applyUpdate(loaded, u));
    expect(result.rows).toBe(200);
    expect(result.quarantined).toBe(0);
    sameContent(doc, loaded);
    expect(store.docs()).toEqual(['conv-b', 'vault-a']);
    expect(store.stats('vault-a').rows).toBe(200);
  });

  it('keeps every acknowledged update when the writing process is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', APPENDER, path, 'vault-k'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await vi.waitFor(() => expect(output.split('\n').length).toBeGreaterThan(300), {
      timeout: 20_000,
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const acked = output
      .split('\n')
      .filter((l) => l.startsWith('ack '))
      .map((l) => Number(l.slice(4)));
    const last = Math.max(...acked);

    const store = openStore();
    const doc = new Y.Doc();
    store.load('vault-k', (u) => Y.applyUpdate(doc, u));
    const map = doc.getMap('m');
    for (let n = 0; n <= last; n++) expect(map.get(String(n))).toBe(`value ${n}`);
  }, 30_000);

  it('moves a row whose bytes changed on disk to the quarantine table and loads the rest', () => {
    let store = openStore();
    const updates: Uint8Array[] = [];
    const mine = new Y.Doc();
    mine.on('update', (u: Uint8Array) => updates.push(u));
    mine.getMap('m').set('first', 1);
    mine.getMap('m').set('second', 2);
    mine.getText('t').insert(0, 'kept');
    const theirs = new Y.Doc();
    theirs.on('update', (u: Uint8Array) => updates.push(u));
    theirs.getMap('m').set('independent', true);
    for (const u of updates) store.append('vault-q', u);
    store.close();
    // Flip one byte of the second row, as bit rot would.
    const raw = new Database(path);
    const row = raw.prepare('SELECT id, data FROM updates ORDER BY id LIMIT 1 OFFSET 1').get() as {
      id: number;
      data: Buffer;
    };
    const damaged = Buffer.from(row.data);
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0xff;
    raw.prepare('UPDATE updates SET data = ? WHERE id = ?').run(damaged, row.id);
    raw.close();

    store = openStore();
    const seen: unknown[] = [];
    const persisted = PersistedDoc.open(store, 'vault-q', (q) => seen.push(q));
    expect(persisted.loaded).toMatchObject({ rows: 3, quarantined: 1 });
    const loaded = persisted.doc;
    expect(loaded.getMap('m').toJSON()).toEqual({ first: 1, independent: true });
    // The text came after the lost row from the same writer: Yjs holds it back as pending.
    expect(loaded.getText('t').toString()).toBe('');
    expect(seen).toEqual([
      { id: row.id, doc: 'vault-q', bytes: damaged.length, reason: 'checksum' },
    ]);
    expect(store.quarantined()).toEqual(seen);
    // The damaged bytes are kept exactly as found, for a rescue.
    const check = new Database(path, { readonly: true });
    const kept = check.prepare('SELECT data FROM quarantine WHERE id = ?').get(row.id) as {
      data: Buffer;
    };
    check.close();
    expect(Buffer.compare(kept.data, damaged)).toBe(0);

    // Pending parts survive compaction and a reopen, and complete once a peer that has the
    // lost update sends it again (as a sync does).
    persisted.compact();
    persisted.destroy();
    store = reopen(store);
    const again = PersistedDoc.open(store, 'vault-q');
    expect(again.loaded.rows).toBe(1);
    Y.applyUpdate(again.doc, updates[1] as Uint8Array);
    expect(again.doc.getText('t').toString()).toBe('kept');
    expect(again.doc.getMap('m').toJSON()).toEqual({ first: 1, second: 2, independent: true });
    again.destroy();
  });

  it('keeps aside a row that passes its checksum but is not a Yjs update', () => {
    const store = openStore();
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.append('vault-g', u));
    doc.getMap('m').set('good', true);
    store.append('vault-g', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    doc.getMap('m').set('after', true);

    const loaded = new Y.Doc();
    const result = store.load('vault-g', (u) => Y.applyUpdate(loaded, u));
    expect(result).toMatchObject({ rows: 2, quarantined: 1 });
    expect(loaded.getMap('m').toJSON()).toEqual({ good: true, after: true });
    expect(store.quarantined().map((q) => q.reason)).toEqual(['unreadable']);
    // A second load finds nothing left to quarantine.
    expect(store.load('vault-g', () => {}).quarantined).toBe(0);
  });
});

describe('PersistedDoc', () => {
  it('stores every change as it happens and loads it back into a new doc', () => {
    let store = openStore();
    const first = PersistedDoc.open(store, 'vault-p');
    edit(first.doc, 50, 2);
    first.destroy();
    store = reopen(store);
    const second = PersistedDoc.open(store, 'vault-p');
    sameContent(first.doc, second.doc);
    expect(second.loaded.rows).toBe(50);
    second.destroy();
  });

  it('does not write back what it loaded', () => {
    const store = openStore();
    const first = PersistedDoc.open(store, 'vault-l');
    edit(first.doc, 10, 3);
    first.destroy();
    const second = PersistedDoc.open(store, 'vault-l');
    expect(store.stats('vault-l').rows).toBe(10);
    second.destroy();
  });

  it(`compacts after ${COMPACT_AFTER_ROWS} rows and a quiet moment, losing nothing`, () => {
    vi.useFakeTimers();
    let store = openStore();
    const persisted = PersistedDoc.open(store, 'vault-c');
    const compacted: { rowsReplaced: number }[] = [];
    persisted.on('compacted', (info) => compacted.push(info));
    edit(persisted.doc, COMPACT_AFTER_ROWS + 10, 4);
    expect(store.stats('vault-c').rows).toBe(COMPACT_AFTER_ROWS + 10);
    vi.advanceTimersByTime(COMPACT_DEBOUNCE_MS);
    expect(compacted).toEqual([
      { bytes: expect.any(Number), rowsReplaced: COMPACT_AFTER_ROWS + 10 },
    ]);
    expect(store.stats('vault-c').rows).toBe(1);
    edit(persisted.doc, 5, 5);
    persisted.destroy();

    store = reopen(store);
    const reloaded = PersistedDoc.open(store, 'vault-c');
    sameContent(persisted.doc, reloaded.doc);
    expect(reloaded.loaded.rows).toBe(6);
    reloaded.destroy();
  });

  it('compacts even while writing never pauses, at twice the threshold', () => {
    const store = openStore();
    const persisted = PersistedDoc.open(store, 'vault-f');
    edit(persisted.doc, COMPACT_AFTER_ROWS * 2 + 3, 6);
    expect(store.stats('vault-f').rows).toBeLessThan(10);
    persisted.destroy();
  });

  it('compaction touches neither other documents nor quarantined rows', () => {
    const store = openStore();
    store.append('vault-x', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    const other = PersistedDoc.open(store, 'conv-o');
    other.doc.getMap('m').set('other', 1);
    const persisted = PersistedDoc.open(store, 'vault-x');
    expect(persisted.loaded.quarantined).toBe(1);
    persisted.doc.getMap('m').set('x', 1);
    persisted.compact();
    expect(store.stats('vault-x').rows).toBe(1);
    expect(store.stats('conv-o').rows).toBe(1);
    expect(store.quarantined()).toHaveLength(1);
    other.destroy();
    persisted.destroy();
  });

  it('says when it cannot write, and writes the whole doc once it can again', () => {
    vi.useFakeTimers();
    let store = openStore();
    const persisted = PersistedDoc.open(store, 'vault-w');
    const events: string[] = [];
    persisted.on('write-failed', (err) => events.push(`failed: ${err.message}`));
    persisted.on('write-ok', () => events.push('ok'));
    persisted.doc.getMap('m').set('before', 1);

    const append = vi.spyOn(store, 'append').mockImplementation(() => {
      throw new Error('database or disk is full');
    });
    persisted.doc.getMap('m').set('during-1', 1);
    persisted.doc.getMap('m').set('during-2', 2);
    expect(persisted.failing).toBe(true);
    expect(events).toEqual(['failed: database or disk is full']);

    const compact = vi.spyOn(store, 'compact').mockImplementationOnce(() => {
      throw new Error('database or disk is full');
    });
    vi.advanceTimersByTime(WRITE_RETRY_MS[0]); // the first retry fails too
    expect(persisted.failing).toBe(true);
    append.mockRestore();
    compact.mockRestore();
    vi.advanceTimersByTime(WRITE_RETRY_MS[1]);
    expect(events).toEqual(['failed: database or disk is full', 'ok']);
    expect(persisted.failing).toBe(false);
    persisted.destroy();

    store = reopen(store);
    const reloaded = PersistedDoc.open(store, 'vault-w');
    expect(reloaded.doc.getMap('m').toJSON()).toEqual({ before: 1, 'during-1': 1, 'during-2': 2 });
    reloaded.destroy();
  });
});
