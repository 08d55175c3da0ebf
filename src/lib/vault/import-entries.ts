/**
 * The vault side of an import: writes whole entries — id, `createdAt`, `updatedAt` and Trash
 * state exactly as given — instead of stamping them "now" as the intent functions do.
 *
 * Deciding *what* to write (merge rules, file formats) belongs to `lib/transfer`. This module
 * only makes sure that whatever is written is a well-formed entry, and that a batch is checked
 * in full before the first write: Yjs has no rollback, so a refusal halfway through a
 * transaction would leave half an import behind.
 */
import * as Y from 'yjs';
import { isCanonicalUtcIso } from '../time/iso';
import { entriesOf, type EntryMap } from './doc';
import type { EntrySnapshot, Mood } from './entries';
import { ORIGIN } from './origins';
import {
  ENTRY,
  ENTRY_KINDS,
  MAX_EMOTIONS_PER_ENTRY,
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_ENTRY,
  MOOD_MAX,
  MOOD_MIN,
} from './schema';
import { normalizeTag } from './tags';

/** Ids are map keys and end up in file names of exports: kept to a safe alphabet. */
export const IMPORTED_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** About 500 pages of text: far beyond any entry, small enough that one cannot bloat a vault. */
export const MAX_IMPORTED_BODY_CHARS = 1_000_000;
/** The vault does not bound emotion words; imports do, with the same bound as tags. */
export const MAX_EMOTION_LENGTH = MAX_TAG_LENGTH;

/** One reason an entry cannot be written: the field (as a path inside the entry) and why. */
export interface EntryProblem {
  field: string;
  message: string;
}

/** Refusal of a batch: nothing was written. */
export class ImportedEntryError extends Error {
  readonly entryId: string;
  readonly field: string;

  constructor(entryId: string, problem: EntryProblem) {
    super(`Entry ${entryId}: ${problem.field} ${problem.message}`);
    this.name = 'ImportedEntryError';
    this.entryId = entryId;
    this.field = problem.field;
  }
}

export const normalizeEmotion = (raw: string): string => raw.trim().toLowerCase();

const unique = (items: readonly string[]): string[] => [...new Set(items.filter(Boolean))];

/**
 * The entry as the vault would store it: tags and emotions trimmed, lower-cased and without
 * repeats. Nothing is cut short here — an over-long list or tag is for `checkImportedEntry` to
 * refuse, never for an import to shorten silently.
 */
export function normalizeImportedEntry(entry: EntrySnapshot): EntrySnapshot {
  return {
    id: entry.id,
    kind: entry.kind,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    body: entry.body,
    mood: entry.mood === null ? null : { ...entry.mood },
    emotions: unique(entry.emotions.map(normalizeEmotion)),
    tags: unique(entry.tags.map(tagWithoutTruncation)),
    trashedAt: entry.trashedAt,
  };
}

/** `normalizeTag` shortens to MAX_TAG_LENGTH; an import must see the full length to refuse it. */
function tagWithoutTruncation(raw: string): string {
  return raw.trim().replace(/^#+/, '').replace(/\s+/g, ' ').toLowerCase().trim();
}

function moodProblems(mood: unknown): EntryProblem[] {
  if (mood === null) return [];
  if (typeof mood !== 'object') return [{ field: 'mood', message: 'must be an object or null' }];
  const out: EntryProblem[] = [];
  for (const axis of ['pleasantness', 'energy'] as const) {
    const v = (mood as Record<string, unknown>)[axis];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < MOOD_MIN || v > MOOD_MAX) {
      out.push({
        field: `mood.${axis}`,
        message: `must be a number from −${-MOOD_MIN} to ${MOOD_MAX}`,
      });
    }
  }
  return out;
}

function listProblems(
  field: 'tags' | 'emotions',
  items: unknown,
  max: number,
  maxLength: number,
  normalize: (s: string) => string,
): EntryProblem[] {
  if (!Array.isArray(items)) return [{ field, message: 'must be a list of text' }];
  if (items.length > max) return [{ field, message: `must have at most ${max} items` }];
  const out: EntryProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (typeof item === 'string' && item.length > maxLength) {
      out.push({ field: `${field}[${i}]`, message: `must be at most ${maxLength} characters` });
    } else if (typeof item !== 'string' || item === '' || normalize(item) !== item) {
      out.push({ field: `${field}[${i}]`, message: 'must be non-empty, trimmed, lower-case text' });
    } else if (seen.has(item)) {
      out.push({ field: `${field}[${i}]`, message: `repeats "${item}"` });
    }
    if (typeof item === 'string') seen.add(item);
  });
  return out;
}

/**
 * Every reason `entry` cannot be written as it is; empty when it can. Expects the output of
 * `normalizeImportedEntry` (a list that is not normalized is refused, not repaired).
 */
export function checkImportedEntry(entry: EntrySnapshot): EntryProblem[] {
  const out: EntryProblem[] = [];
  if (typeof entry.id !== 'string' || !IMPORTED_ID_PATTERN.test(entry.id)) {
    out.push({ field: 'id', message: 'must be 1–128 letters, digits, "-" or "_"' });
  }
  if (!ENTRY_KINDS.includes(entry.kind)) {
    out.push({ field: 'kind', message: `must be one of ${ENTRY_KINDS.join(', ')}` });
  }
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (!isCanonicalUtcIso(entry[field])) {
      out.push({ field, message: 'must be an ISO-8601 UTC time' });
    }
  }
  if (entry.trashedAt !== null && !isCanonicalUtcIso(entry.trashedAt)) {
    out.push({ field: 'trashedAt', message: 'must be an ISO-8601 UTC time or null' });
  }
  if (typeof entry.body !== 'string') {
    out.push({ field: 'body', message: 'must be text' });
  } else if (entry.body.length > MAX_IMPORTED_BODY_CHARS) {
    out.push({ field: 'body', message: `must be at most ${MAX_IMPORTED_BODY_CHARS} characters` });
  }
  out.push(...moodProblems(entry.mood));
  out.push(
    ...listProblems('tags', entry.tags, MAX_TAGS_PER_ENTRY, MAX_TAG_LENGTH, normalizeTag),
    ...listProblems(
      'emotions',
      entry.emotions,
      MAX_EMOTIONS_PER_ENTRY,
      MAX_EMOTION_LENGTH,
      normalizeEmotion,
    ),
  );
  return out;
}

const sameMood = (a: Mood | null, b: Mood | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.pleasantness === b.pleasantness && a.energy === b.energy);

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Same words, time, mood, emotions, tags, kind and Trash state; `updatedAt` is not compared. */
export function sameEntryContent(a: EntrySnapshot, b: EntrySnapshot): boolean {
  return (
    a.kind === b.kind &&
    a.createdAt === b.createdAt &&
    a.body === b.body &&
    sameMood(a.mood, b.mood) &&
    sameList(a.emotions, b.emotions) &&
    sameList(a.tags, b.tags) &&
    a.trashedAt === b.trashedAt
  );
}

/** Which stored fields differ from `target`; an empty list means the entry is already it. */
function fieldsToWrite(map: EntryMap, target: EntrySnapshot): (keyof typeof ENTRY)[] {
  const out: (keyof typeof ENTRY)[] = [];
  const stored = (key: keyof typeof ENTRY): unknown => map.get(ENTRY[key]);
  if (stored('id') !== target.id) out.push('id');
  if (stored('kind') !== target.kind) out.push('kind');
  if (stored('createdAt') !== target.createdAt) out.push('createdAt');
  if (stored('updatedAt') !== target.updatedAt) out.push('updatedAt');
  const body = stored('body');
  if (!(body instanceof Y.Text) || body.toString() !== target.body) out.push('body');
  const mood = stored('mood');
  const moodOk =
    mood === null
      ? target.mood === null
      : typeof mood === 'object' &&
        target.mood !== null &&
        sameMood(mood as Mood, target.mood) &&
        Object.keys(mood as object).length === 2;
  if (!moodOk) out.push('mood');
  for (const key of ['emotions', 'tags'] as const) {
    const list = stored(key);
    const ok =
      Array.isArray(list) &&
      list.every((v) => typeof v === 'string') &&
      sameList(list, target[key]);
    if (!ok) out.push(key);
  }
  const trashedAt = stored('trashedAt');
  if (target.trashedAt === null ? map.has(ENTRY.trashedAt) : trashedAt !== target.trashedAt) {
    out.push('trashedAt');
  }
  return out;
}

/**
 * Replaces the text of `text` with `next` by editing only the part that differs, so words that
 * another device typed concurrently into the unchanged parts survive the merge.
 */
export function replaceTextMinimally(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--;
    endNext--;
  }
  // Never cut between the two halves of a surrogate pair (an emoji, say).
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  if (endPrev > start) text.delete(start, endPrev - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

function writeField(map: EntryMap, field: keyof typeof ENTRY, target: EntrySnapshot): void {
  switch (field) {
    case 'body': {
      const body = map.get(ENTRY.body);
      if (body instanceof Y.Text) replaceTextMinimally(body, target.body);
      else map.set(ENTRY.body, new Y.Text(target.body));
      return;
    }
    case 'mood':
      map.set(ENTRY.mood, target.mood === null ? null : { ...target.mood });
      return;
    case 'emotions':
    case 'tags':
      map.set(ENTRY[field], [...target[field]]);
      return;
    case 'trashedAt':
      if (target.trashedAt === null) map.delete(ENTRY.trashedAt);
      else map.set(ENTRY.trashedAt, target.trashedAt);
      return;
    default:
      map.set(ENTRY[field], target[field]);
  }
}

export interface ImportedEntryCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Makes each entry in the vault exactly as given: adds it when its id is new, otherwise
 * rewrites only the fields that differ (the body by a minimal edit). An entry that is already
 * exactly as given is not touched, and when none needs a write no transaction is opened.
 *
 * Every entry is checked first; any problem (or an id given twice) throws an
 * `ImportedEntryError` before anything is written. The writes are one
 * `doc.transact(…, ORIGIN.import)`, which joins the caller's transaction when there is one.
 * `onWritten(done, total)` is called after each entry that needed a write.
 */
export function putImportedEntries(
  doc: Y.Doc,
  entries: readonly EntrySnapshot[],
  onWritten?: (done: number, total: number) => void,
): ImportedEntryCounts {
  const seen = new Set<string>();
  for (const entry of entries) {
    const problem = checkImportedEntry(entry)[0];
    if (problem) throw new ImportedEntryError(String(entry.id), problem);
    if (seen.has(entry.id)) {
      throw new ImportedEntryError(entry.id, { field: 'id', message: 'is given twice' });
    }
    seen.add(entry.id);
  }

  const map = entriesOf(doc);
  const work: { entry: EntrySnapshot; existing: EntryMap | undefined; fields: string[] }[] = [];
  let unchanged = 0;
  for (const entry of entries) {
    const existing = map.get(entry.id);
    const fields = existing ? fieldsToWrite(existing, entry) : Object.keys(ENTRY);
    if (fields.length === 0) unchanged++;
    else work.push({ entry, existing, fields });
  }
  const counts = { added: 0, updated: 0, unchanged };
  if (work.length === 0) return counts;

  doc.transact(() => {
    for (const { entry, existing, fields } of work) {
      let target = existing;
      if (!target) {
        target = new Y.Map();
        map.set(entry.id, target);
        counts.added++;
      } else {
        counts.updated++;
      }
      for (const field of fields) writeField(target, field as keyof typeof ENTRY, entry);
      onWritten?.(counts.added + counts.updated, work.length);
    }
  }, ORIGIN.import);
  return counts;
}
