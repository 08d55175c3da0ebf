// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { JournalState, TOUCH_INTERVAL_MS } from '../../../src/lib/state/journal.svelte';
import {
  addEntry,
  ENTRY,
  entriesOf,
  getEntry,
  ORIGIN,
  setEntryBody,
  trashEntry,
  VaultError,
  type EntrySnapshot,
} from '../../../src/lib/vault';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';
import { watch } from '../../helpers/watch.svelte';

const at = (iso: string): void => {
  vi.setSystemTime(new Date(iso));
};
const ids = (list: EntrySnapshot[]): string[] => list.map((e) => e.id);

describe('JournalState', () => {
  let doc: Y.Doc;
  let journal: JournalState;
  const cleanups: (() => void)[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-06-01T12:00:00.000Z');
    doc = new Y.Doc();
    journal = new JournalState(doc);
  });

  afterEach(() => {
    cleanups.splice(0).forEach((c) => c());
    journal.destroy();
    doc.destroy();
    vi.useRealTimers();
  });

  it('shows entries that were already in the doc', () => {
    const other = new Y.Doc();
    addEntry(other, { id: 'old', body: 'already here' });
    const j = new JournalState(other);
    expect(ids(j.entries)).toEqual(['old']);
    expect(j.get('old')?.body).toBe('already here');
    j.destroy();
  });

  it('lists live entries newest first, ties by id', () => {
    journal.create({ id: 'b', createdAt: '2026-05-01T00:00:00.000Z' });
    journal.create({ id: 'a', createdAt: '2026-05-01T00:00:00.000Z' });
    journal.create({ id: 'new', createdAt: '2026-05-03T00:00:00.000Z' });
    journal.create({ id: 'old', createdAt: '2026-04-01T00:00:00.000Z' });
    expect(ids(journal.entries)).toEqual(['new', 'b', 'a', 'old']);
  });

  it('updates effects once per change, with the new list', () => {
    const seen = watch(() => ids(journal.entries));
    cleanups.push(seen.stop);
    const id = journal.create({ id: 'x' });
    flushSync();
    journal.moveToTrash(id);
    flushSync();
    expect(seen.values).toEqual([[], ['x'], []]);
  });

  it('keeps trashed entries out of entries and lists them most recently trashed first', () => {
    for (const id of ['a', 'b', 'c', 'keep']) journal.create({ id });
    at('2026-06-02T00:00:00.000Z');
    journal.moveToTrash('b');
    at('2026-06-04T00:00:00.000Z');
    journal.moveToTrash('a');
    at('2026-06-03T00:00:00.000Z');
    journal.moveToTrash('c');
    expect(ids(journal.entries)).toEqual(['keep']);
    expect(ids(journal.trash)).toEqual(['a', 'c', 'b']);
  });

  it('restores, deletes for good and empties the Trash', () => {
    for (const id of ['a', 'b', 'c']) journal.create({ id });
    for (const id of ['a', 'b', 'c']) journal.moveToTrash(id);
    journal.restore('a');
    expect(ids(journal.entries)).toEqual(['a']);
    journal.deleteForever('b');
    expect(ids(journal.trash)).toEqual(['c']);
    expect(journal.get('b')).toBeNull();
    expect(journal.emptyTrash()).toBe(1);
    expect(journal.trash).toEqual([]);
    expect(ids(journal.entries)).toEqual(['a']);
  });

  it('passes refusals through without changing anything', () => {
    journal.create({ id: 'live' });
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => journal.deleteForever('live')).toThrow(VaultError);
    expect(() => journal.moveToTrash('missing')).toThrow(VaultError);
    expect(() => journal.setTags('missing', ['x'])).toThrow(VaultError);
    expect(() => journal.create({ mood: { pleasantness: 9, energy: 0 } })).toThrow(VaultError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(ids(journal.entries)).toEqual(['live']);
  });

  it('counts tags of live entries, most used first', () => {
    journal.create({ id: 'a', tags: ['walk', 'sea'] });
    journal.create({ id: 'b', tags: ['walk'] });
    journal.create({ id: 'c', tags: ['sea', 'gone'] });
    journal.moveToTrash('c');
    expect(journal.tags).toEqual([
      { tag: 'walk', count: 2 },
      { tag: 'sea', count: 1 },
    ]);
    journal.setTags('b', ['#Sea']);
    expect(journal.tags).toEqual([
      { tag: 'sea', count: 2 },
      { tag: 'walk', count: 1 },
    ]);
  });

  it('get(id) returns the current snapshot and reacts to changes', () => {
    const id = journal.create({ body: 'first' });
    const seen = watch(() => journal.get(id)?.body);
    cleanups.push(seen.stop);
    setEntryBody(doc, id, 'second');
    flushSync();
    expect(journal.get(id)?.body).toBe('second');
    expect(journal.get('missing')).toBeNull();
    expect(seen.values).toEqual(['first', 'second']);
  });

  it('re-reads only entries that changed: untouched snapshots keep their identity', () => {
    journal.create({ id: 'a', body: 'a' });
    journal.create({ id: 'b', body: 'b' });
    const a = journal.get('a');
    const b = journal.get('b');
    setEntryBody(doc, 'b', 'b, edited');
    expect(journal.get('a')).toBe(a);
    expect(journal.get('b')).not.toBe(b);
    expect(journal.entries.find((e) => e.id === 'a')).toBe(a);
  });

  it('sees typing into the body Y.Text', () => {
    const id = journal.create({ body: 'hello' });
    journal.bodyText(id).insert(5, ' world');
    expect(journal.get(id)?.body).toBe('hello world');
  });

  it('shows entries, edits and deletions arriving from another device', () => {
    const remote = new Y.Doc();
    syncAll(doc, remote);
    const seen = watch(() => ids(journal.entries));
    cleanups.push(seen.stop);
    addEntry(remote, { id: 'r', body: 'from the phone' });
    syncAll(doc, remote);
    flushSync();
    expect(journal.get('r')?.body).toBe('from the phone');
    setEntryBody(remote, 'r', 'edited on the phone');
    trashEntry(remote, 'r');
    syncAll(doc, remote);
    flushSync();
    expect(journal.get('r')).toMatchObject({ body: 'edited on the phone' });
    expect(ids(journal.trash)).toEqual(['r']);
    expect(seen.values).toEqual([[], ['r'], []]);
  });

  it('ignores a malformed entry from a peer instead of failing', () => {
    journal.create({ id: 'good' });
    const bad = new Y.Map<unknown>();
    entriesOf(doc).set('bad', bad);
    bad.set(ENTRY.id, 42);
    expect(ids(journal.entries)).toEqual(['good']);
    expect(journal.get('bad')).toBeNull();
    bad.set(ENTRY.id, 'bad');
    bad.set(ENTRY.createdAt, '2026-01-01T00:00:00.000Z');
    expect(ids(journal.entries)).toEqual(['good', 'bad']);
  });

  it('noteEdited stamps updatedAt at most once per TOUCH_INTERVAL_MS per entry', () => {
    const a = journal.create({ id: 'a' });
    const b = journal.create({ id: 'b' });
    const { origins, stop } = recordOrigins(doc);
    cleanups.push(stop);
    const t = 1_800_000_000_000;
    at('2026-06-01T12:00:01.000Z');
    journal.noteEdited(a, t);
    expect(journal.get(a)?.updatedAt).toBe('2026-06-01T12:00:01.000Z');
    at('2026-06-01T12:00:02.000Z');
    journal.noteEdited(a, t + 1);
    journal.noteEdited(a, t + TOUCH_INTERVAL_MS - 1);
    expect(journal.get(a)?.updatedAt).toBe('2026-06-01T12:00:01.000Z');
    journal.noteEdited(b, t + 1); // another entry has its own clock
    expect(journal.get(b)?.updatedAt).toBe('2026-06-01T12:00:02.000Z');
    at('2026-06-01T12:00:06.000Z');
    journal.noteEdited(a, t + TOUCH_INTERVAL_MS);
    expect(journal.get(a)?.updatedAt).toBe('2026-06-01T12:00:06.000Z');
    expect(origins).toEqual([ORIGIN.local, ORIGIN.local, ORIGIN.local]);
  });

  it('finishEditing stamps updatedAt once if there were unstamped edits, and not otherwise', () => {
    const a = journal.create({ id: 'a' });
    const t = 1_800_000_000_000;
    at('2026-06-01T12:00:01.000Z');
    journal.noteEdited(a, t);
    at('2026-06-01T12:00:09.000Z');
    journal.finishEditing(a, t + 8000);
    // Nothing was edited since the stamp: no new write.
    expect(journal.get(a)?.updatedAt).toBe('2026-06-01T12:00:01.000Z');
    journal.noteEdited(a, t + 9000);
    at('2026-06-01T12:00:12.000Z');
    journal.finishEditing(a, t + 11_000);
    expect(journal.get(a)?.updatedAt).toBe('2026-06-01T12:00:12.000Z');
    const { origins, stop } = recordOrigins(doc);
    cleanups.push(stop);
    journal.finishEditing(a, t + 12_000);
    expect(origins).toEqual([]);
  });

  it('discardIfEmpty removes an abandoned entry and keeps a written one', () => {
    const empty = journal.create();
    const written = journal.create({ body: 'words' });
    expect(journal.discardIfEmpty(empty)).toBe(true);
    expect(journal.discardIfEmpty(written)).toBe(false);
    expect(ids(journal.entries)).toEqual([written]);
  });

  it('follows one entry without re-running for typing in another', () => {
    journal.create({ id: 'a', body: 'a' });
    journal.create({ id: 'b', body: 'b' });
    const one = watch(() => journal.get('a')?.body);
    const count = watch(() => journal.count);
    const tags = watch(() => journal.tags.length);
    cleanups.push(one.stop, count.stop, tags.stop);
    journal.bodyText('b').insert(1, ' typed');
    flushSync();
    expect(one.values).toEqual(['a']);
    expect(count.values).toEqual([2]);
    expect(tags.values).toEqual([0]);
    journal.bodyText('a').insert(1, '!');
    journal.create({ id: 'c' });
    flushSync();
    expect(one.values).toEqual(['a', 'a!']);
    expect(count.values).toEqual([2, 3]);
  });

  it('stays current when read outside any effect, after readers came and went', async () => {
    journal.create({ id: 'a', body: 'a', createdAt: '2026-05-01T00:00:00.000Z' });
    const seen = watch(() => ids(journal.entries));
    seen.stop();
    await Promise.resolve(); // the observer is let go a microtask after the last reader
    journal.create({ id: 'b', body: 'b', createdAt: '2026-05-02T00:00:00.000Z', tags: ['t'] });
    setEntryBody(doc, 'a', 'a, edited while nobody watched');
    trashEntry(doc, 'a');
    expect(ids(journal.entries)).toEqual(['b']);
    expect(journal.count).toBe(1);
    expect(ids(journal.trash)).toEqual(['a']);
    expect(journal.get('a')?.body).toBe('a, edited while nobody watched');
    expect(journal.tags.map((t) => t.tag)).toEqual(['t']);
  });

  it('stops following the doc after destroy', () => {
    const j = new JournalState(doc);
    j.destroy();
    addEntry(doc, { id: 'after' });
    expect(j.get('after')).toBeNull();
    expect(getEntry(doc, 'after')).not.toBeNull();
  });
});
