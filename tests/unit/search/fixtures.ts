import * as Y from 'yjs';
import { addEntry, type NewEntry } from '../../../src/lib/vault';

/** A vault with the given entries; ids are the keys of `entries`, for readable assertions. */
export function vaultWith(entries: Record<string, NewEntry>): Y.Doc {
  const doc = new Y.Doc();
  let day = 0;
  for (const [id, init] of Object.entries(entries)) {
    // Distinct days by default (noon UTC from 1 January 2026), in the order given, so "newest
    // first" is predictable.
    const createdAt = new Date(Date.UTC(2026, 0, 1, 12) + day++ * 86_400_000).toISOString();
    addEntry(doc, { createdAt, ...init, id });
  }
  return doc;
}

/** Each `[start, end)` range as the text it covers. */
export const covered = (hl: { text: string; ranges: { start: number; end: number }[] }): string[] =>
  hl.ranges.map(({ start, end }) => hl.text.slice(start, end));
