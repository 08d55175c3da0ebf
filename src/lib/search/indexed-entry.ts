/**
 * What the search index keeps per entry: the fields it indexed (so it can remove exactly them
 * later) and what the filters and sorting need, read once instead of per query.
 */
import * as Y from 'yjs';
import { normalizeTag, readEntry, type EntryKind, type EntryMap, type Mood } from '../vault';
import type { SearchDocument } from './matching';

export interface IndexedEntry extends SearchDocument {
  kind: EntryKind;
  createdAt: string;
  /** `createdAt` as epoch milliseconds; NaN sorts last and never matches a date filter. */
  createdMs: number;
  mood: Mood | null;
  tags: string[];
  emotions: string[];
  /** Tags as the tag filter compares them, even if a peer stored them un-normalized. */
  tagKeys: string[];
}

/**
 * The searchable view of an entry, or null when it should not be searchable: unreadable, or in
 * the Trash. The map key is the id, even if a buggy peer wrote a different `id` field, so the
 * index can never hold one entry twice.
 */
export function toIndexedEntry(key: string, map: EntryMap | undefined): IndexedEntry | null {
  // A hostile or buggy peer can put anything under `entries`; only a Y.Map is an entry.
  if (!(map instanceof Y.Map)) return null;
  const snap = readEntry(map);
  if (!snap || snap.trashedAt !== null) return null;
  const createdMs = Date.parse(snap.createdAt);
  return {
    id: key,
    kind: snap.kind,
    createdAt: snap.createdAt,
    createdMs: Number.isNaN(createdMs) ? -Infinity : createdMs,
    mood: snap.mood,
    body: snap.body,
    tags: snap.tags,
    emotions: snap.emotions,
    tagKeys: snap.tags.map(normalizeTag),
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Whether the words MiniSearch holds for the entry are unchanged. */
export const sameText = (a: IndexedEntry, b: IndexedEntry): boolean =>
  a.body === b.body && sameList(a.tags, b.tags) && sameList(a.emotions, b.emotions);

/** Whether anything a search can see changed (not, say, just `updatedAt`). */
export const sameForSearch = (a: IndexedEntry, b: IndexedEntry): boolean =>
  sameText(a, b) &&
  a.kind === b.kind &&
  a.createdAt === b.createdAt &&
  a.mood?.pleasantness === b.mood?.pleasantness &&
  a.mood?.energy === b.mood?.energy;

/** Newest first; ties by id, descending, like the journal's own order. */
export function compareNewest(a: IndexedEntry, b: IndexedEntry): number {
  if (a.createdMs !== b.createdMs) return b.createdMs - a.createdMs;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
