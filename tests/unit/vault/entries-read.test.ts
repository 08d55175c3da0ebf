import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ENTRY, entriesOf, getEntry, listEntries, readEntry } from '../../../src/lib/vault';

/** Writes a raw entry map, as a buggy or newer peer might, and returns it. */
function rawEntry(doc: Y.Doc, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    entriesOf(doc).set(id, map);
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
  });
  return map;
}

const CREATED = '2026-01-01T00:00:00.000Z';

describe('readEntry on maps written by someone else', () => {
  it('reads a map with only id and createdAt, filling sensible defaults', () => {
    const doc = new Y.Doc();
    const map = rawEntry(doc, 'x', { [ENTRY.id]: 'x', [ENTRY.createdAt]: CREATED });
    expect(readEntry(map)).toEqual({
      id: 'x',
      kind: 'entry',
      createdAt: CREATED,
      updatedAt: CREATED,
      body: '',
      mood: null,
      emotions: [],
      tags: [],
      trashedAt: null,
    });
  });

  it.each([
    ['no id', { [ENTRY.createdAt]: CREATED }],
    ['no createdAt', { [ENTRY.id]: 'x' }],
    ['a numeric id', { [ENTRY.id]: 7, [ENTRY.createdAt]: CREATED }],
    ['a numeric createdAt', { [ENTRY.id]: 'x', [ENTRY.createdAt]: 1700000000000 }],
    ['an empty map', {}],
  ])('skips a map with %s (null, not an exception)', (_label, fields) => {
    const doc = new Y.Doc();
    const map = rawEntry(doc, 'x', fields);
    expect(readEntry(map)).toBeNull();
    expect(getEntry(doc, 'x')).toBeNull();
    expect(listEntries(doc)).toEqual([]);
  });

  it('falls back to defaults for every field of the wrong type', () => {
    const doc = new Y.Doc();
    const map = rawEntry(doc, 'x', {
      [ENTRY.id]: 'x',
      [ENTRY.createdAt]: CREATED,
      [ENTRY.kind]: 'poem',
      [ENTRY.updatedAt]: 12345,
      [ENTRY.body]: 'a plain string, not a Y.Text',
      [ENTRY.mood]: 'happy',
      [ENTRY.emotions]: 'calm',
      [ENTRY.tags]: { 0: 'walk' },
      [ENTRY.trashedAt]: true,
    });
    expect(readEntry(map)).toEqual({
      id: 'x',
      kind: 'entry',
      createdAt: CREATED,
      updatedAt: CREATED,
      body: '',
      mood: null,
      emotions: [],
      tags: [],
      trashedAt: null,
    });
  });

  it('keeps only the strings of a mixed tag or emotion array', () => {
    const doc = new Y.Doc();
    const map = rawEntry(doc, 'x', {
      [ENTRY.id]: 'x',
      [ENTRY.createdAt]: CREATED,
      [ENTRY.tags]: ['walk', 3, null, { t: 1 }, 'sea'],
      [ENTRY.emotions]: [true, 'calm'],
    });
    expect(readEntry(map)).toMatchObject({ tags: ['walk', 'sea'], emotions: ['calm'] });
  });

  it.each([
    ['null', null],
    ['a number', 4],
    ['an array', [1, 2]],
    ['one axis missing', { pleasantness: 2 }],
    ['a string axis', { pleasantness: '2', energy: 1 }],
  ])('reads a mood of %s as no mood', (_label, mood) => {
    const doc = new Y.Doc();
    const map = rawEntry(doc, 'x', {
      [ENTRY.id]: 'x',
      [ENTRY.createdAt]: CREATED,
      [ENTRY.mood]: mood,
    });
    expect(readEntry(map)?.mood).toBeNull();
  });

  it('reads a check-in kind and a string trashedAt', () => {
    const doc = new Y.Doc();
    const map = rawEntry(doc, 'x', {
      [ENTRY.id]: 'x',
      [ENTRY.createdAt]: CREATED,
      [ENTRY.kind]: 'checkin',
      [ENTRY.trashedAt]: '2026-01-02T00:00:00.000Z',
    });
    expect(readEntry(map)).toMatchObject({
      kind: 'checkin',
      trashedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('reads a malformed entry next to good ones without hiding the good ones', () => {
    const doc = new Y.Doc();
    rawEntry(doc, 'good', { [ENTRY.id]: 'good', [ENTRY.createdAt]: CREATED });
    rawEntry(doc, 'bad', { [ENTRY.id]: null, [ENTRY.createdAt]: CREATED });
    expect(listEntries(doc).map((e) => e.id)).toEqual(['good']);
  });
});
