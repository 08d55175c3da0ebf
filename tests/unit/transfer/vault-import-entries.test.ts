// Tests of src/lib/vault/import-entries.ts, the vault-side writer used by imports. They live
// here, next to the import tests, because the transfer work owns that module.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  bodyOf,
  checkImportedEntry,
  ENTRY,
  entriesOf,
  getEntry,
  ImportedEntryError,
  MAX_TAGS_PER_ENTRY,
  normalizeImportedEntry,
  ORIGIN,
  putImportedEntries,
  replaceTextMinimally,
  sameEntryContent,
} from '../../../src/lib/vault';
import { syncAll } from '../../helpers/sync-docs';
import { fingerprint, expectUntouched, snapshot, vaultWith, watchWrites } from './fixtures';

describe('putImportedEntries', () => {
  it('adds entries with their own id, times and Trash state, in one import transaction', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const a = snapshot({
      id: 'a',
      body: 'words',
      createdAt: '2020-01-01T08:00:00.000Z',
      updatedAt: '2020-01-02T08:00:00.000Z',
      trashedAt: '2020-01-03T08:00:00.000Z',
      mood: { pleasantness: -2, energy: 3 },
      emotions: ['calm'],
      tags: ['walk'],
    });
    const b = snapshot({ id: 'b', kind: 'checkin' });
    expect(putImportedEntries(doc, [a, b])).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(getEntry(doc, 'a')).toEqual(a);
    expect(getEntry(doc, 'b')).toEqual(b);
    expect(origins).toEqual([ORIGIN.import]);
  });

  it('joins the transaction the caller has open', () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    doc.transact(() => {
      putImportedEntries(doc, [snapshot({ id: 'a' })]);
      putImportedEntries(doc, [snapshot({ id: 'b' })]);
    }, ORIGIN.import);
    expect(origins).toEqual([ORIGIN.import]);
  });

  it('writes nothing at all, not even an empty transaction, when every entry is already so', () => {
    const a = snapshot({
      id: 'a',
      body: 'same',
      tags: ['x'],
      trashedAt: '2026-11-21T00:00:00.000Z',
    });
    const doc = vaultWith(a);
    const writes = watchWrites(doc);
    expect(putImportedEntries(doc, [a])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(writes.transactions()).toBe(0);
  });

  it('rewrites only the fields that differ, and clears trashedAt by removing it', () => {
    const doc = vaultWith(
      snapshot({ id: 'a', body: 'one', trashedAt: '2026-11-21T00:00:00.000Z' }),
    );
    const changed: string[] = [];
    entriesOf(doc)
      .get('a')
      ?.observe((event) => changed.push(...event.keysChanged));
    const target = snapshot({
      id: 'a',
      body: 'one',
      tags: ['new'],
      updatedAt: '2026-11-22T00:00:00.000Z',
    });
    expect(putImportedEntries(doc, [target])).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(changed.sort()).toEqual([ENTRY.tags, ENTRY.trashedAt, ENTRY.updatedAt].sort());
    expect(entriesOf(doc).get('a')?.has(ENTRY.trashedAt)).toBe(false);
    expect(getEntry(doc, 'a')).toEqual(target);
  });

  it('edits the body in place, so text typed concurrently elsewhere survives', () => {
    const a = new Y.Doc();
    putImportedEntries(a, [snapshot({ id: 'x', body: 'morning walk by the sea' })]);
    const b = new Y.Doc();
    syncAll(a, b);
    bodyOf(b, 'x').insert('morning walk by the sea'.length, ' at dawn');
    putImportedEntries(a, [snapshot({ id: 'x', body: 'evening walk by the sea' })]);
    syncAll(a, b);
    expect(getEntry(a, 'x')?.body).toBe('evening walk by the sea at dawn');
    expect(getEntry(b, 'x')?.body).toBe('evening walk by the sea at dawn');
  });

  it('repairs an entry map that a buggy peer left without a readable shape', () => {
    const doc = new Y.Doc();
    const broken = new Y.Map<unknown>();
    entriesOf(doc).set('a', broken);
    broken.set(ENTRY.body, 'not a Y.Text');
    broken.set(ENTRY.mood, { pleasantness: 1, energy: 1, extra: true });
    broken.set(ENTRY.tags, [1, 2]);
    const target = snapshot({ id: 'a', body: 'fixed', mood: { pleasantness: 1, energy: 1 } });
    putImportedEntries(doc, [target]);
    expect(getEntry(doc, 'a')).toEqual(target);
  });

  it.each([
    ['id', { id: '../etc' }],
    ['id', { id: '' }],
    ['kind', { kind: 'note' as never }],
    ['createdAt', { createdAt: '2026-02-30T00:00:00.000Z' }],
    ['updatedAt', { updatedAt: '2026-11-20' }],
    ['trashedAt', { trashedAt: 'yesterday' }],
    ['mood.pleasantness', { mood: { pleasantness: 6, energy: 0 } }],
    ['mood.energy', { mood: { pleasantness: 0, energy: Number.NaN } }],
    ['tags[0]', { tags: ['Walk'] }],
    ['tags[0]', { tags: ['x'.repeat(49)] }],
    ['tags', { tags: Array.from({ length: MAX_TAGS_PER_ENTRY + 1 }, (_, i) => `t${i}`) }],
    ['emotions[1]', { emotions: ['calm', 'calm'] }],
    ['body', { body: 'x'.repeat(1_000_001) }],
  ])('refuses the whole batch before writing when %s is wrong', (field, overrides) => {
    const doc = vaultWith(snapshot({ id: 'kept' }));
    const before = fingerprint(doc);
    const good = snapshot({ id: 'good' });
    const bad = { ...snapshot({ id: 'bad' }), ...overrides };
    let caught: unknown;
    try {
      putImportedEntries(doc, [good, bad]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportedEntryError);
    expect((caught as ImportedEntryError).field).toBe(field);
    expectUntouched(doc, before);
  });

  it('refuses a batch that names one id twice', () => {
    const doc = new Y.Doc();
    const before = fingerprint(doc);
    expect(() => putImportedEntries(doc, [snapshot({ id: 'a' }), snapshot({ id: 'a' })])).toThrow(
      ImportedEntryError,
    );
    expectUntouched(doc, before);
  });
});

describe('normalizeImportedEntry and checkImportedEntry', () => {
  it('stores tags and emotions as the vault does, without shortening anything', () => {
    const entry = normalizeImportedEntry(
      snapshot({
        id: 'a',
        tags: [' #Walk ', 'walk', 'Long  Road'],
        emotions: [' Calm', 'calm', ''],
      }),
    );
    expect(entry.tags).toEqual(['walk', 'long road']);
    expect(entry.emotions).toEqual(['calm']);
    const long = normalizeImportedEntry(snapshot({ id: 'a', tags: ['x'.repeat(60)] }));
    expect(long.tags[0]).toHaveLength(60);
    expect(checkImportedEntry(long)).toEqual([
      { field: 'tags[0]', message: 'must be at most 48 characters' },
    ]);
  });

  it('compares content without updatedAt', () => {
    const a = snapshot({ id: 'a', body: 'x', updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(sameEntryContent(a, { ...a, updatedAt: '2027-01-01T00:00:00.000Z' })).toBe(true);
    expect(sameEntryContent(a, { ...a, tags: ['y'] })).toBe(false);
    expect(sameEntryContent(a, { ...a, mood: { pleasantness: 0, energy: 0 } })).toBe(false);
  });
});

describe('replaceTextMinimally', () => {
  it('never splits an emoji in two', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'a😀b');
    replaceTextMinimally(text, 'a😃b');
    expect(text.toString()).toBe('a😃b');
    replaceTextMinimally(text, '');
    expect(text.toString()).toBe('');
  });
});
