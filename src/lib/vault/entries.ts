/**
 * Intent functions for journal entries and check-ins. Each one is a single
 * `doc.transact(fn, ORIGIN.local)`; each validates before it writes, so a refused call leaves the
 * vault exactly as it was.
 */
import * as Y from 'yjs';
import { isCanonicalUtcIso } from '../time/iso';
import { entriesOf, type EntryMap } from './doc';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import {
  ENTRY,
  ENTRY_KINDS,
  MAX_EMOTIONS_PER_ENTRY,
  MAX_TAGS_PER_ENTRY,
  MOOD_MAX,
  MOOD_MIN,
  type EntryKind,
} from './schema';
import { normalizeTags } from './tags';

export interface Mood {
  pleasantness: number;
  energy: number;
}

/** A plain, immutable copy of an entry: what the UI and exports read. */
export interface EntrySnapshot {
  id: string;
  kind: EntryKind;
  createdAt: string;
  updatedAt: string;
  body: string;
  mood: Mood | null;
  emotions: string[];
  tags: string[];
  trashedAt: string | null;
}

export interface NewEntry {
  kind?: EntryKind;
  body?: string;
  mood?: Mood | null;
  emotions?: string[];
  tags?: string[];
  /** When the moment happened; defaults to now. Lets a person log an earlier moment. */
  createdAt?: string;
  id?: string;
}

export interface EntryPatch {
  tags?: string[];
  mood?: Mood | null;
  emotions?: string[];
  createdAt?: string;
}

/**
 * Typing stamps an entry's `updatedAt` at most this often (and once more when editing ends;
 * state/journal.svelte.ts). Every stamp is a permanent record in the document's history, so
 * stamping often makes a years-old vault measurably bigger and slower to load.
 */
export const TOUCH_INTERVAL_MS = 60_000;

const nowIso = (): string => new Date().toISOString();

function assertIsoDate(value: string, field: string): void {
  // Only canonical UTC ISO strings: they sort correctly as text, which the journal relies on.
  if (!isCanonicalUtcIso(value)) {
    throw new VaultError('invalid-date', `${field} must be an ISO-8601 UTC time, got "${value}"`);
  }
}

function assertMood(mood: Mood | null | undefined): void {
  if (mood == null) return;
  for (const axis of ['pleasantness', 'energy'] as const) {
    const v = mood[axis];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < MOOD_MIN || v > MOOD_MAX) {
      throw new VaultError(
        'invalid-mood',
        `mood.${axis} must be a number from ${MOOD_MIN} to ${MOOD_MAX}`,
      );
    }
  }
}

function normalizeEmotions(emotions: readonly string[]): string[] {
  const out = [...new Set(emotions.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  return out.slice(0, MAX_EMOTIONS_PER_ENTRY);
}

function requireEntry(doc: Y.Doc, id: string): EntryMap {
  const entry = entriesOf(doc).get(id);
  if (!entry) throw new VaultError('not-found', `No entry with id ${id}`);
  return entry;
}

export const newId = (): string => crypto.randomUUID();

export function addEntry(doc: Y.Doc, init: NewEntry = {}): string {
  const kind = init.kind ?? 'entry';
  if (!ENTRY_KINDS.includes(kind)) throw new VaultError('invalid-kind', `Unknown kind ${kind}`);
  const createdAt = init.createdAt ?? nowIso();
  assertIsoDate(createdAt, 'createdAt');
  assertMood(init.mood);
  const id = init.id ?? newId();
  const entry: EntryMap = new Y.Map();
  doc.transact(() => {
    entriesOf(doc).set(id, entry);
    entry.set(ENTRY.id, id);
    entry.set(ENTRY.kind, kind);
    entry.set(ENTRY.createdAt, createdAt);
    entry.set(ENTRY.updatedAt, nowIso());
    entry.set(ENTRY.body, new Y.Text(init.body ?? ''));
    entry.set(ENTRY.mood, init.mood ?? null);
    entry.set(ENTRY.emotions, normalizeEmotions(init.emotions ?? []));
    entry.set(ENTRY.tags, normalizeTags(init.tags ?? []).slice(0, MAX_TAGS_PER_ENTRY));
  }, ORIGIN.local);
  return id;
}

export function updateEntry(doc: Y.Doc, id: string, patch: EntryPatch): void {
  const entry = requireEntry(doc, id);
  if (patch.createdAt !== undefined) assertIsoDate(patch.createdAt, 'createdAt');
  assertMood(patch.mood);
  doc.transact(() => {
    if (patch.tags !== undefined) {
      entry.set(ENTRY.tags, normalizeTags(patch.tags).slice(0, MAX_TAGS_PER_ENTRY));
    }
    if (patch.emotions !== undefined) entry.set(ENTRY.emotions, normalizeEmotions(patch.emotions));
    if (patch.mood !== undefined) entry.set(ENTRY.mood, patch.mood);
    if (patch.createdAt !== undefined) entry.set(ENTRY.createdAt, patch.createdAt);
    entry.set(ENTRY.updatedAt, nowIso());
  }, ORIGIN.local);
}

/** Marks an entry as edited now; the editor calls this (throttled) while a person types. */
export function touchEntry(doc: Y.Doc, id: string): void {
  const entry = requireEntry(doc, id);
  doc.transact(() => entry.set(ENTRY.updatedAt, nowIso()), ORIGIN.local);
}

/** Replaces the whole body. For imports and tests; the editor edits the Y.Text in place. */
export function setEntryBody(doc: Y.Doc, id: string, body: string): void {
  const text = bodyOf(doc, id);
  doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, body);
    requireEntry(doc, id).set(ENTRY.updatedAt, nowIso());
  }, ORIGIN.local);
}

export function trashEntry(doc: Y.Doc, id: string): void {
  const entry = requireEntry(doc, id);
  doc.transact(() => entry.set(ENTRY.trashedAt, nowIso()), ORIGIN.local);
}

export function restoreEntry(doc: Y.Doc, id: string): void {
  const entry = requireEntry(doc, id);
  if (entry.get(ENTRY.trashedAt) == null) return;
  doc.transact(() => entry.delete(ENTRY.trashedAt), ORIGIN.local);
}

/** Deletes for good. Only an entry already in the Trash can be deleted this way. */
export function deleteEntryForever(doc: Y.Doc, id: string): void {
  const entry = requireEntry(doc, id);
  if (entry.get(ENTRY.trashedAt) == null) {
    throw new VaultError('not-in-trash', 'Only an entry in the Trash can be deleted for good');
  }
  doc.transact(() => entriesOf(doc).delete(id), ORIGIN.local);
}

/** Deletes every entry in the Trash for good, in one transaction. Returns how many. */
export function emptyTrash(doc: Y.Doc): number {
  const trashed: string[] = [];
  entriesOf(doc).forEach((entry, id) => {
    if (entry.get(ENTRY.trashedAt) != null) trashed.push(id);
  });
  if (trashed.length === 0) return 0;
  doc.transact(() => trashed.forEach((id) => entriesOf(doc).delete(id)), ORIGIN.local);
  return trashed.length;
}

/**
 * Removes an entry that was created but never written in (an abandoned "New entry").
 * Returns whether it was removed; an entry with any text, tag or mood is always kept.
 */
export function discardIfEmpty(doc: Y.Doc, id: string): boolean {
  const entry = entriesOf(doc).get(id);
  if (!entry) return false;
  const snap = readEntry(entry);
  if (!snap || snap.body.trim() !== '' || snap.tags.length > 0 || snap.mood !== null) return false;
  if (snap.emotions.length > 0) return false;
  doc.transact(() => entriesOf(doc).delete(id), ORIGIN.local);
  return true;
}

export function bodyOf(doc: Y.Doc, id: string): Y.Text {
  const body = requireEntry(doc, id).get(ENTRY.body);
  if (!(body instanceof Y.Text)) throw new VaultError('not-found', `Entry ${id} has no body`);
  return body;
}

const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** A stored mood, or null for anything that is not one (a peer may have written anything). */
export function readMood(value: unknown): Mood | null {
  if (typeof value !== 'object' || value === null) return null;
  const { pleasantness, energy } = value as Record<string, unknown>;
  return typeof pleasantness === 'number' && typeof energy === 'number'
    ? { pleasantness, energy }
    : null;
}

/**
 * Reads an entry defensively: a map written by a buggy or newer peer yields `null` (skipped)
 * or sensible defaults, never an exception that would blank the journal.
 */
export function readEntry(entry: EntryMap): EntrySnapshot | null {
  const id = entry.get(ENTRY.id);
  const createdAt = entry.get(ENTRY.createdAt);
  if (typeof id !== 'string' || typeof createdAt !== 'string') return null;
  const kind = entry.get(ENTRY.kind);
  const body = entry.get(ENTRY.body);
  const updatedAt = entry.get(ENTRY.updatedAt);
  const trashedAt = entry.get(ENTRY.trashedAt);
  return {
    id,
    kind: kind === 'checkin' ? 'checkin' : 'entry',
    createdAt,
    updatedAt: typeof updatedAt === 'string' ? updatedAt : createdAt,
    body: body instanceof Y.Text ? body.toString() : '',
    mood: readMood(entry.get(ENTRY.mood)),
    emotions: stringArray(entry.get(ENTRY.emotions)),
    tags: stringArray(entry.get(ENTRY.tags)),
    trashedAt: typeof trashedAt === 'string' ? trashedAt : null,
  };
}

export function getEntry(doc: Y.Doc, id: string): EntrySnapshot | null {
  const entry = entriesOf(doc).get(id);
  return entry ? readEntry(entry) : null;
}

/** Newest first by `createdAt`; ties broken by id so the order is the same on every device. */
export function compareNewestFirst(a: EntrySnapshot, b: EntrySnapshot): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function listEntries(doc: Y.Doc): EntrySnapshot[] {
  const out: EntrySnapshot[] = [];
  entriesOf(doc).forEach((entry) => {
    const snap = readEntry(entry);
    if (snap) out.push(snap);
  });
  return out.sort(compareNewestFirst);
}
