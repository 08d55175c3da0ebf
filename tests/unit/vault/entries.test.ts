import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addEntry,
  bodyOf,
  compareNewestFirst,
  deleteEntryForever,
  discardIfEmpty,
  emptyTrash,
  ENTRY,
  entriesOf,
  getEntry,
  listEntries,
  MAX_EMOTIONS_PER_ENTRY,
  MAX_TAGS_PER_ENTRY,
  MOOD_MAX,
  MOOD_MIN,
  ORIGIN,
  restoreEntry,
  setEntryBody,
  touchEntry,
  trashEntry,
  updateEntry,
  VaultError,
  type EntryKind,
  type Mood,
  type VaultErrorCode,
} from '../../../src/lib/vault';
import { recordOrigins } from '../../helpers/origins';

const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T10:00:00.000Z';
const T2 = '2026-03-02T08:30:00.000Z';

/** Runs `fn`, expects a VaultError with `code`, and checks the doc did not change at all. */
function expectRefusal(doc: Y.Doc, code: VaultErrorCode, fn: () => unknown): void {
  const before = Y.encodeStateAsUpdate(doc);
  const { origins, stop } = recordOrigins(doc);
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  stop();
  expect(caught).toBeInstanceOf(VaultError);
  expect((caught as VaultError).code).toBe(code);
  expect((caught as VaultError).name).toBe('VaultError');
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  expect(origins).toEqual([]);
}

describe('vault entries', () => {
  let doc: Y.Doc;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(T2));
    doc = new Y.Doc();
  });

  afterEach(() => {
    vi.useRealTimers();
    doc.destroy();
  });

  describe('addEntry', () => {
    it('creates an entry with defaults: kind entry, empty body, no mood, now as times', () => {
      const id = addEntry(doc);
      expect(getEntry(doc, id)).toEqual({
        id,
        kind: 'entry',
        createdAt: T2,
        updatedAt: T2,
        body: '',
        mood: null,
        emotions: [],
        tags: [],
        trashedAt: null,
      });
    });

    it('returns a fresh unique id for each entry', () => {
      const ids = new Set(Array.from({ length: 50 }, () => addEntry(doc)));
      expect(ids.size).toBe(50);
      expect(entriesOf(doc).size).toBe(50);
    });

    it('stores every given field, with the body as a Y.Text', () => {
      const id = addEntry(doc, {
        id: 'e1',
        kind: 'checkin',
        body: 'A walk by the river',
        mood: { pleasantness: 3, energy: -2 },
        emotions: ['calm'],
        tags: ['walk'],
        createdAt: T0,
      });
      expect(id).toBe('e1');
      expect(getEntry(doc, 'e1')).toMatchObject({
        kind: 'checkin',
        body: 'A walk by the river',
        mood: { pleasantness: 3, energy: -2 },
        emotions: ['calm'],
        tags: ['walk'],
        createdAt: T0,
        updatedAt: T2,
      });
      expect(entriesOf(doc).get('e1')?.get(ENTRY.body)).toBeInstanceOf(Y.Text);
    });

    it('accepts a createdAt without milliseconds and both ends of the mood range', () => {
      const id = addEntry(doc, {
        createdAt: '2026-03-01T09:00:00Z',
        mood: { pleasantness: MOOD_MIN, energy: MOOD_MAX },
      });
      expect(getEntry(doc, id)?.mood).toEqual({ pleasantness: MOOD_MIN, energy: MOOD_MAX });
      expect(getEntry(doc, id)?.createdAt).toBe('2026-03-01T09:00:00Z');
    });

    it('normalises tags and emotions: trimmed, lower case, without duplicates', () => {
      const id = addEntry(doc, {
        tags: ['#Walk ', 'walk', '  Deep   Work ', ''],
        emotions: [' Calm', 'calm', 'TIRED', '   '],
      });
      expect(getEntry(doc, id)?.tags).toEqual(['walk', 'deep work']);
      expect(getEntry(doc, id)?.emotions).toEqual(['calm', 'tired']);
    });

    it('keeps at most MAX_TAGS_PER_ENTRY tags and MAX_EMOTIONS_PER_ENTRY emotions', () => {
      const many = Array.from({ length: 100 }, (_, i) => `t${i}`);
      const id = addEntry(doc, { tags: many, emotions: many });
      expect(getEntry(doc, id)?.tags).toEqual(many.slice(0, MAX_TAGS_PER_ENTRY));
      expect(getEntry(doc, id)?.emotions).toEqual(many.slice(0, MAX_EMOTIONS_PER_ENTRY));
    });

    it('writes in one transaction with the local origin', () => {
      const { origins } = recordOrigins(doc);
      addEntry(doc, { body: 'x', tags: ['a'] });
      expect(origins).toEqual([ORIGIN.local]);
    });

    it('refuses an unknown kind and leaves the doc unchanged', () => {
      addEntry(doc, { id: 'keep' });
      expectRefusal(doc, 'invalid-kind', () =>
        addEntry(doc, { kind: 'memo' as unknown as EntryKind }),
      );
    });

    it.each([
      ['a date without time', '2026-03-01'],
      ['a local time without Z', '2026-03-01T09:00:00'],
      ['an offset instead of Z', '2026-03-01T09:00:00+02:00'],
      ['an impossible month', '2026-13-01T09:00:00.000Z'],
      ['an impossible hour', '2026-03-01T25:00:00.000Z'],
      ['free text', 'yesterday'],
      ['an empty string', ''],
      ['microseconds', '2026-03-01T09:00:00.000000Z'],
    ])('refuses %s as createdAt and leaves the doc unchanged', (_label, createdAt) => {
      addEntry(doc, { id: 'keep' });
      expectRefusal(doc, 'invalid-date', () => addEntry(doc, { createdAt }));
    });

    it('refuses a calendar date that does not exist (30 February)', () => {
      addEntry(doc, { id: 'keep' });
      expectRefusal(doc, 'invalid-date', () =>
        addEntry(doc, { createdAt: '2026-02-30T00:00:00.000Z' }),
      );
    });

    it.each<[string, Mood]>([
      ['pleasantness above the range', { pleasantness: MOOD_MAX + 1, energy: 0 }],
      ['energy below the range', { pleasantness: 0, energy: MOOD_MIN - 0.5 }],
      ['NaN', { pleasantness: NaN, energy: 0 }],
      ['Infinity', { pleasantness: 0, energy: Infinity }],
      ['a string', { pleasantness: '3' as unknown as number, energy: 0 }],
      ['a missing axis', { pleasantness: 1 } as unknown as Mood],
    ])('refuses a mood with %s and leaves the doc unchanged', (_label, mood) => {
      addEntry(doc, { id: 'keep' });
      expectRefusal(doc, 'invalid-mood', () => addEntry(doc, { mood }));
    });
  });

  describe('updateEntry', () => {
    it('changes only the given fields and stamps updatedAt', () => {
      const id = addEntry(doc, { body: 'b', tags: ['a'], mood: { pleasantness: 1, energy: 1 } });
      vi.setSystemTime(new Date('2026-03-03T00:00:00.000Z'));
      updateEntry(doc, id, { tags: ['B', 'c'] });
      expect(getEntry(doc, id)).toMatchObject({
        body: 'b',
        tags: ['b', 'c'],
        mood: { pleasantness: 1, energy: 1 },
        createdAt: T2,
        updatedAt: '2026-03-03T00:00:00.000Z',
      });
    });

    it('sets mood, emotions and createdAt, and clears the mood with null', () => {
      const id = addEntry(doc);
      updateEntry(doc, id, {
        mood: { pleasantness: -4, energy: 2 },
        emotions: ['Sad', 'sad'],
        createdAt: T0,
      });
      expect(getEntry(doc, id)).toMatchObject({
        mood: { pleasantness: -4, energy: 2 },
        emotions: ['sad'],
        createdAt: T0,
      });
      updateEntry(doc, id, { mood: null });
      expect(getEntry(doc, id)?.mood).toBeNull();
    });

    it('caps tags at MAX_TAGS_PER_ENTRY', () => {
      const id = addEntry(doc);
      updateEntry(doc, id, { tags: Array.from({ length: 40 }, (_, i) => `t${i}`) });
      expect(getEntry(doc, id)?.tags).toHaveLength(MAX_TAGS_PER_ENTRY);
    });

    it('writes in one transaction with the local origin', () => {
      const id = addEntry(doc);
      const { origins } = recordOrigins(doc);
      updateEntry(doc, id, { tags: ['x'], emotions: ['y'], mood: null, createdAt: T0 });
      expect(origins).toEqual([ORIGIN.local]);
    });

    it('refuses an unknown id', () => {
      addEntry(doc, { id: 'keep' });
      expectRefusal(doc, 'not-found', () => updateEntry(doc, 'missing', { tags: ['x'] }));
    });

    it('refuses a bad mood without applying the rest of the patch', () => {
      const id = addEntry(doc, { tags: ['old'] });
      expectRefusal(doc, 'invalid-mood', () =>
        updateEntry(doc, id, { tags: ['new'], mood: { pleasantness: 0, energy: NaN } }),
      );
      expect(getEntry(doc, id)?.tags).toEqual(['old']);
    });

    it('refuses a bad createdAt without applying the rest of the patch', () => {
      const id = addEntry(doc, { tags: ['old'] });
      expectRefusal(doc, 'invalid-date', () =>
        updateEntry(doc, id, { tags: ['new'], createdAt: 'not a date' }),
      );
    });
  });

  describe('touchEntry', () => {
    it('stamps updatedAt now and nothing else', () => {
      const id = addEntry(doc, { body: 'x' });
      const before = getEntry(doc, id);
      vi.setSystemTime(new Date('2026-04-01T00:00:00.000Z'));
      const { origins } = recordOrigins(doc);
      touchEntry(doc, id);
      expect(origins).toEqual([ORIGIN.local]);
      expect(getEntry(doc, id)).toEqual({ ...before, updatedAt: '2026-04-01T00:00:00.000Z' });
    });

    it('refuses an unknown id', () => {
      expectRefusal(doc, 'not-found', () => touchEntry(doc, 'missing'));
    });
  });

  describe('setEntryBody and bodyOf', () => {
    it('replaces the whole body in place, keeping the same Y.Text', () => {
      const id = addEntry(doc, { body: 'first draft' });
      const text = bodyOf(doc, id);
      vi.setSystemTime(new Date('2026-04-01T00:00:00.000Z'));
      const { origins } = recordOrigins(doc);
      setEntryBody(doc, id, 'second');
      expect(origins).toEqual([ORIGIN.local]);
      expect(bodyOf(doc, id)).toBe(text);
      expect(text.toString()).toBe('second');
      expect(getEntry(doc, id)?.updatedAt).toBe('2026-04-01T00:00:00.000Z');
    });

    it('refuses an unknown id', () => {
      expectRefusal(doc, 'not-found', () => setEntryBody(doc, 'missing', 'x'));
      expectRefusal(doc, 'not-found', () => bodyOf(doc, 'missing'));
    });

    it('reports an entry whose body is not a Y.Text as not found, without writing', () => {
      const id = addEntry(doc);
      entriesOf(doc).get(id)?.set(ENTRY.body, 'plain string from a buggy peer');
      expectRefusal(doc, 'not-found', () => setEntryBody(doc, id, 'x'));
    });
  });

  describe('trash', () => {
    it('moves an entry to the Trash with the time it happened', () => {
      const id = addEntry(doc);
      vi.setSystemTime(new Date('2026-05-05T05:05:05.005Z'));
      const { origins } = recordOrigins(doc);
      trashEntry(doc, id);
      expect(origins).toEqual([ORIGIN.local]);
      expect(getEntry(doc, id)?.trashedAt).toBe('2026-05-05T05:05:05.005Z');
    });

    it('restores a trashed entry', () => {
      const id = addEntry(doc);
      trashEntry(doc, id);
      const { origins } = recordOrigins(doc);
      restoreEntry(doc, id);
      expect(origins).toEqual([ORIGIN.local]);
      expect(getEntry(doc, id)?.trashedAt).toBeNull();
      expect(entriesOf(doc).get(id)?.has(ENTRY.trashedAt)).toBe(false);
    });

    it('restoring an entry that is not in the Trash writes nothing', () => {
      const id = addEntry(doc);
      const before = Y.encodeStateAsUpdate(doc);
      const { origins } = recordOrigins(doc);
      restoreEntry(doc, id);
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    });

    it('refuses to trash or restore an unknown id', () => {
      expectRefusal(doc, 'not-found', () => trashEntry(doc, 'missing'));
      expectRefusal(doc, 'not-found', () => restoreEntry(doc, 'missing'));
    });

    it('deletes a trashed entry for good', () => {
      const id = addEntry(doc);
      trashEntry(doc, id);
      const { origins } = recordOrigins(doc);
      deleteEntryForever(doc, id);
      expect(origins).toEqual([ORIGIN.local]);
      expect(getEntry(doc, id)).toBeNull();
      expect(entriesOf(doc).has(id)).toBe(false);
    });

    it('refuses to delete for good an entry that is not in the Trash', () => {
      const id = addEntry(doc, { body: 'precious' });
      expectRefusal(doc, 'not-in-trash', () => deleteEntryForever(doc, id));
      expect(getEntry(doc, id)?.body).toBe('precious');
    });

    it('refuses to delete for good an unknown id', () => {
      expectRefusal(doc, 'not-found', () => deleteEntryForever(doc, 'missing'));
    });

    it('empties the Trash in one transaction and says how many went', () => {
      const keep = addEntry(doc, { body: 'keep' });
      const a = addEntry(doc);
      const b = addEntry(doc);
      trashEntry(doc, a);
      trashEntry(doc, b);
      const { origins } = recordOrigins(doc);
      expect(emptyTrash(doc)).toBe(2);
      expect(origins).toEqual([ORIGIN.local]);
      expect(listEntries(doc).map((e) => e.id)).toEqual([keep]);
    });

    it('emptying an empty Trash writes nothing', () => {
      addEntry(doc);
      const before = Y.encodeStateAsUpdate(doc);
      const { origins } = recordOrigins(doc);
      expect(emptyTrash(doc)).toBe(0);
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    });
  });

  describe('discardIfEmpty', () => {
    it('removes an entry with no text, tags, mood or emotions', () => {
      const id = addEntry(doc, { body: '  \n\t ' });
      const { origins } = recordOrigins(doc);
      expect(discardIfEmpty(doc, id)).toBe(true);
      expect(origins).toEqual([ORIGIN.local]);
      expect(entriesOf(doc).has(id)).toBe(false);
    });

    it.each([
      ['text', { body: 'a' }],
      ['a tag', { tags: ['t'] }],
      ['a mood', { mood: { pleasantness: 0, energy: 0 } }],
      ['an emotion', { emotions: ['calm'] }],
    ])('keeps an entry with %s', (_label, init) => {
      const id = addEntry(doc, init);
      const before = Y.encodeStateAsUpdate(doc);
      expect(discardIfEmpty(doc, id)).toBe(false);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    });

    it('returns false for an unknown id without writing', () => {
      const { origins } = recordOrigins(doc);
      expect(discardIfEmpty(doc, 'missing')).toBe(false);
      expect(origins).toEqual([]);
    });

    it('keeps an unreadable entry rather than guessing', () => {
      const map = new Y.Map<unknown>();
      entriesOf(doc).set('odd', map);
      map.set(ENTRY.kind, 'entry');
      expect(discardIfEmpty(doc, 'odd')).toBe(false);
      expect(entriesOf(doc).has('odd')).toBe(true);
    });
  });

  describe('listEntries', () => {
    it('lists newest first by createdAt, ties broken by id the same way everywhere', () => {
      addEntry(doc, { id: 'b', createdAt: T1 });
      addEntry(doc, { id: 'old', createdAt: T0 });
      addEntry(doc, { id: 'a', createdAt: T1 });
      addEntry(doc, { id: 'c', createdAt: T1 });
      addEntry(doc, { id: 'new', createdAt: T2 });
      expect(listEntries(doc).map((e) => e.id)).toEqual(['new', 'c', 'b', 'a', 'old']);
    });

    it('includes trashed entries (filtering is the caller’s choice)', () => {
      const id = addEntry(doc);
      trashEntry(doc, id);
      expect(listEntries(doc).map((e) => e.id)).toEqual([id]);
    });

    it('skips entries that cannot be read instead of failing', () => {
      addEntry(doc, { id: 'good' });
      entriesOf(doc).set('bad', new Y.Map());
      expect(listEntries(doc).map((e) => e.id)).toEqual(['good']);
    });

    it('compareNewestFirst treats an entry as equal to itself', () => {
      addEntry(doc, { id: 'x' });
      const [snap] = listEntries(doc);
      expect(snap).toBeDefined();
      if (snap) expect(compareNewestFirst(snap, snap)).toBe(0);
    });
  });

  describe('getEntry', () => {
    it('returns null for an unknown id', () => {
      expect(getEntry(doc, 'nope')).toBeNull();
    });

    it('returns a plain copy that later edits do not change', () => {
      const id = addEntry(doc, { body: 'one', tags: ['a'] });
      const snap = getEntry(doc, id);
      setEntryBody(doc, id, 'two');
      updateEntry(doc, id, { tags: ['b'] });
      expect(snap).toMatchObject({ body: 'one', tags: ['a'] });
    });
  });
});
