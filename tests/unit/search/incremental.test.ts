import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DELAY_MS, SearchIndex } from '../../../src/lib/search';
import {
  ENTRY,
  addEntry,
  bodyOf,
  deleteEntryForever,
  entriesOf,
  restoreEntry,
  setEntryBody,
  trashEntry,
  updateEntry,
} from '../../../src/lib/vault';
import { syncAll } from '../../helpers/sync-docs';
import { covered, vaultWith } from './fixtures';

const open: SearchIndex[] = [];
function follow(doc: Y.Doc, options?: ConstructorParameters<typeof SearchIndex>[1]): SearchIndex {
  const index = new SearchIndex(doc, options);
  open.push(index);
  return index;
}
afterEach(() => {
  open.splice(0).forEach((index) => index.destroy());
  vi.useRealTimers();
});

const ids = (index: SearchIndex, text: string): string[] =>
  index
    .search({ text })
    .hits.map((h) => h.id)
    .sort();

describe('following the vault', () => {
  it('finds a word the moment it is typed, with no flush and no waiting', () => {
    const doc = vaultWith({ a: { body: 'morning' } });
    const index = follow(doc, { delayMs: 60_000 });
    const body = bodyOf(doc, 'a');
    for (const ch of ' pelican') body.insert(body.length, ch);
    expect(index.pending).toBe(1);
    expect(ids(index, 'pelican')).toEqual(['a']);
    expect(index.pending).toBe(0);
  });

  it('forgets words that were deleted', () => {
    const doc = vaultWith({ a: { body: 'a grey heron' } });
    const index = follow(doc);
    expect(ids(index, 'heron')).toEqual(['a']);
    bodyOf(doc, 'a').delete(7, 5);
    expect(ids(index, 'heron')).toEqual([]);
    expect(ids(index, 'grey')).toEqual(['a']);
  });

  it('follows a new entry, a replaced body, and changed tags, emotions, mood and time', () => {
    const doc = vaultWith({});
    const index = follow(doc);
    expect(index.search({}).total).toBe(0);
    const id = addEntry(doc, { body: 'first draft', createdAt: '2026-05-01T10:00:00.000Z' });
    expect(ids(index, 'draft')).toEqual([id]);
    setEntryBody(doc, id, 'second version');
    expect(ids(index, 'draft')).toEqual([]);
    expect(ids(index, 'version')).toEqual([id]);
    updateEntry(doc, id, {
      tags: ['garden'],
      emotions: ['proud'],
      mood: { pleasantness: 3, energy: 3 },
    });
    expect(ids(index, 'garden proud')).toEqual([id]);
    expect(index.search({ quadrant: 'pleasant-high' }).total).toBe(1);
    updateEntry(doc, id, { createdAt: '2025-05-01T10:00:00.000Z' });
    expect(index.search({ from: '2026-01-01', timeZone: 'UTC' }).total).toBe(0);
    expect(index.search({ to: '2025-12-31', timeZone: 'UTC' }).total).toBe(1);
  });

  it('drops an entry moved to the Trash, brings it back on restore, and forgets it when deleted', () => {
    const doc = vaultWith({ a: { body: 'lantern' }, b: { body: 'lantern too' } });
    const index = follow(doc);
    trashEntry(doc, 'a');
    expect(ids(index, 'lantern')).toEqual(['b']);
    expect(index.size).toBe(1);
    restoreEntry(doc, 'a');
    expect(ids(index, 'lantern')).toEqual(['a', 'b']);
    trashEntry(doc, 'a');
    deleteEntryForever(doc, 'a');
    expect(ids(index, 'lantern')).toEqual(['b']);
    expect(index.size).toBe(1);
  });

  it('keeps an edit made while the entry was in the Trash once it is restored', () => {
    const doc = vaultWith({ a: { body: 'before' } });
    const index = follow(doc);
    trashEntry(doc, 'a');
    setEntryBody(doc, 'a', 'after');
    expect(ids(index, 'after')).toEqual([]);
    restoreEntry(doc, 'a');
    expect(ids(index, 'after')).toEqual(['a']);
    expect(ids(index, 'before')).toEqual([]);
  });

  it('follows changes that arrive from another device', () => {
    const here = vaultWith({ shared: { body: 'we both have this' } });
    const there = new Y.Doc();
    syncAll(here, there);
    const index = follow(here);

    const remoteId = addEntry(there, { body: 'written on the phone', tags: ['train'] });
    bodyOf(there, 'shared').insert(0, 'Edited remotely: ');
    Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)), 'remote');
    expect(ids(index, 'phone')).toEqual([remoteId]);
    expect(ids(index, 'train')).toEqual([remoteId]);
    expect(ids(index, 'remotely')).toEqual(['shared']);

    trashEntry(there, remoteId);
    Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)), 'remote');
    expect(ids(index, 'phone')).toEqual([]);
  });

  it('keeps both sides of a concurrent offline edit after the merge', () => {
    const here = vaultWith({ a: { body: 'middle' } });
    const there = new Y.Doc();
    syncAll(here, there);
    const index = follow(here);
    bodyOf(here, 'a').insert(0, 'kestrel ');
    bodyOf(there, 'a').insert(bodyOf(there, 'a').length, ' osprey');
    syncAll(here, there);
    expect(ids(index, 'kestrel osprey')).toEqual(['a']);
  });

  it('ignores a write that changes nothing searchable (updatedAt)', async () => {
    const doc = vaultWith({ a: { body: 'x' } });
    const index = follow(doc);
    const listener = vi.fn();
    index.onUpdate(listener);
    entriesOf(doc).get('a')?.set(ENTRY.updatedAt, '2030-01-01T00:00:00.000Z');
    index.flush();
    await Promise.resolve();
    expect(listener).not.toHaveBeenCalled();
  });

  it('ignores a value under entries that is not an entry at all', () => {
    const doc = vaultWith({ a: { body: 'fine' } });
    (entriesOf(doc) as unknown as Y.Map<unknown>).set('junk', 'not a map');
    const index = follow(doc);
    (entriesOf(doc) as unknown as Y.Map<unknown>).set('more junk', 42);
    expect(index.search({}).hits.map((h) => h.id)).toEqual(['a']);
  });

  it('survives an entry a peer wrote badly, and indexes it once repaired', () => {
    const doc = vaultWith({});
    const index = follow(doc);
    const broken = new Y.Map<unknown>();
    entriesOf(doc).set('odd', broken);
    broken.set(ENTRY.body, new Y.Text('no id yet'));
    expect(index.search({}).total).toBe(0);
    doc.transact(() => {
      broken.set(ENTRY.id, 'odd');
      broken.set(ENTRY.createdAt, '2026-01-01T00:00:00.000Z');
    });
    expect(ids(index, 'yet')).toEqual(['odd']);
  });
});

describe('batching and notifications', () => {
  it(`indexes a burst of keystrokes once, ${INDEX_DELAY_MS} ms after the first`, () => {
    vi.useFakeTimers();
    const doc = vaultWith({ a: { body: '' } });
    const index = follow(doc);
    const body = bodyOf(doc, 'a');
    for (const ch of 'otter') {
      body.insert(body.length, ch);
      vi.advanceTimersByTime(50);
    }
    expect(index.pending).toBe(1);
    vi.advanceTimersByTime(INDEX_DELAY_MS);
    expect(index.pending).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(ids(index, 'otter')).toEqual(['a']);
  });

  it('flush() indexes pending changes at once', () => {
    const doc = vaultWith({ a: { body: '' } });
    const index = follow(doc, { delayMs: 60_000 });
    bodyOf(doc, 'a').insert(0, 'badger');
    expect(index.pending).toBe(1);
    index.flush();
    expect(index.pending).toBe(0);
    expect(ids(index, 'badger')).toEqual(['a']);
  });

  it('tells listeners after the index changed, once per batch, never during a search', async () => {
    const doc = vaultWith({ a: { body: '' } });
    const index = follow(doc, { delayMs: 60_000 });
    let calls = 0;
    let resultsSeen = -1;
    const stop = index.onUpdate(() => {
      calls++;
      resultsSeen = index.search({ text: 'stoat' }).total;
    });
    bodyOf(doc, 'a').insert(0, 'sto');
    bodyOf(doc, 'a').insert(3, 'at');
    expect(index.search({ text: 'stoat' }).total).toBe(1);
    expect(calls).toBe(0);
    await Promise.resolve();
    expect(calls).toBe(1);
    expect(resultsSeen).toBe(1);

    stop();
    bodyOf(doc, 'a').insert(0, 'more ');
    index.flush();
    await Promise.resolve();
    expect(calls).toBe(1);
  });
});

describe('destroy', () => {
  it('stops following the vault and leaves no timer behind', () => {
    vi.useFakeTimers();
    const doc = vaultWith({ a: { body: 'before' } });
    const index = follow(doc);
    bodyOf(doc, 'a').insert(0, 'pending ');
    index.destroy();
    expect(vi.getTimerCount()).toBe(0);
    bodyOf(doc, 'a').insert(0, 'after ');
    addEntry(doc, { body: 'after' });
    expect(index.pending).toBe(0);
    expect(index.search({ text: 'after' }).total).toBe(0);
    expect(ids(index, 'before')).toEqual(['a']);
  });

  it('can be called twice', () => {
    const index = follow(vaultWith({}));
    index.destroy();
    expect(() => index.destroy()).not.toThrow();
  });
});

describe('background build', () => {
  const bigVault = (n: number): Y.Doc =>
    vaultWith(
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`e${i}`, { body: `entry number ${i} about owls` }]),
      ),
    );

  it('fills the index in slices and resolves whenBuilt when complete', async () => {
    const index = follow(bigVault(600), { background: true });
    expect(index.size).toBe(0);
    const listener = vi.fn();
    index.onUpdate(listener);
    await index.whenBuilt;
    expect(index.size).toBe(600);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(listener).toHaveBeenCalled();
  });

  it('completes the build first when a search comes before it is done', () => {
    const index = follow(bigVault(600), { background: true });
    expect(index.search({ text: 'owls' }).total).toBe(600);
  });

  it('indexes the latest text of an entry edited during the build', async () => {
    const doc = bigVault(600);
    const index = follow(doc, { background: true, delayMs: 0 });
    bodyOf(doc, 'e0').insert(0, 'ibis ');
    trashEntry(doc, 'e1');
    await index.whenBuilt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ids(index, 'ibis')).toEqual(['e0']);
    expect(index.search({ text: 'owls' }).total).toBe(599);
  });

  it('stops when destroyed', async () => {
    const index = follow(bigVault(600), { background: true });
    index.destroy();
    await index.whenBuilt;
    expect(index.size).toBeLessThan(600);
  });
});

describe('highlights after edits', () => {
  it('point into the current text', () => {
    const doc = vaultWith({ a: { body: 'the fox' } });
    const index = follow(doc);
    expect(covered(index.search({ text: 'fox' }).hits[0]!.body)).toEqual(['fox']);
    bodyOf(doc, 'a').insert(0, '🦊 a quick ');
    const hit = index.search({ text: 'fox' }).hits[0]!;
    expect(hit.body.text).toBe('🦊 a quick the fox');
    expect(covered(hit.body)).toEqual(['fox']);
  });
});
