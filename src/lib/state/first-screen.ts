/**
 * A copy of the Journal's first screen — the newest entries as the list shows them — kept in
 * localStorage so the next start can draw it before the vault has been read and decoded
 * (for years of writing, most of a second). It is a cache, never a source: nothing is ever
 * written back from it, the live list replaces it as soon as the vault has loaded, and
 * anything wrong with it (an old format, a full or blocked localStorage, hand-edited JSON)
 * means it is simply not used.
 *
 * It holds nothing IndexedDB does not already hold on this device, in the same browser
 * profile: previews of the newest entries, their times, moods, emotion words and tags.
 */
import type { EntrySnapshot } from '../vault';
import { ENTRY_KINDS, type Mood } from '../vault';

export const FIRST_SCREEN_KEY = 'mull:first-screen';
/** As many entries as the Journal shows before "Show earlier entries". */
export const FIRST_SCREEN_ENTRIES = 40;
/** Enough of the body for the card's 320-character plain-text preview. */
const BODY_CHARS = 800;
const VERSION = 1;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const defaultStorage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a sandboxed frame or blocked site data
  }
};

/** What the cache keeps of an entry: all the card shows, with the body cut short. */
function trim(entry: EntrySnapshot): EntrySnapshot {
  return {
    id: entry.id,
    kind: entry.kind,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    body: entry.body.slice(0, BODY_CHARS),
    mood: entry.mood,
    emotions: entry.emotions.slice(0, 32),
    tags: entry.tags.slice(0, 32),
    trashedAt: null,
  };
}

/** The JSON the cache would hold for `entries` (newest first, as the Journal lists them). */
export function firstScreenJson(entries: readonly EntrySnapshot[]): string {
  return JSON.stringify({
    v: VERSION,
    entries: entries.slice(0, FIRST_SCREEN_ENTRIES).map(trim),
  });
}

/** Keeps `json` (from `firstScreenJson`); a full or blocked localStorage is not an error. */
export function writeFirstScreen(json: string, storage = defaultStorage()): void {
  try {
    storage?.setItem(FIRST_SCREEN_KEY, json);
  } catch {
    // Quota or privacy settings: next start simply shows "Opening your journal…".
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isScale = (v: unknown): boolean =>
  typeof v === 'number' && Number.isFinite(v) && v >= -5 && v <= 5;

function readEntry(raw: unknown): EntrySnapshot | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Record<string, unknown>;
  const mood = e.mood as Mood | null | undefined;
  const moodOk =
    mood === null ||
    (typeof mood === 'object' &&
      mood !== undefined &&
      isScale(mood.pleasantness) &&
      isScale(mood.energy));
  if (
    !isString(e.id) ||
    !(ENTRY_KINDS as readonly unknown[]).includes(e.kind) ||
    !isString(e.createdAt) ||
    Number.isNaN(Date.parse(e.createdAt)) ||
    !isString(e.updatedAt) ||
    !isString(e.body) ||
    !moodOk ||
    !isStrings(e.emotions) ||
    !isStrings(e.tags)
  ) {
    return null;
  }
  return trim(e as unknown as EntrySnapshot);
}

/** The cached first screen, or null when there is none or it cannot be trusted. */
export function readFirstScreen(storage = defaultStorage()): EntrySnapshot[] | null {
  let text: string | null;
  try {
    text = storage?.getItem(FIRST_SCREEN_KEY) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { v?: unknown; entries?: unknown };
    if (parsed.v !== VERSION || !Array.isArray(parsed.entries)) throw new Error('format');
    const entries = parsed.entries.slice(0, FIRST_SCREEN_ENTRIES).map(readEntry);
    if (entries.some((e) => e === null)) throw new Error('entry');
    return entries as EntrySnapshot[];
  } catch {
    try {
      storage?.removeItem(FIRST_SCREEN_KEY);
    } catch {
      // nothing more to do: it will be rewritten once the vault has loaded
    }
    return null;
  }
}
