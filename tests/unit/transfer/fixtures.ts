/** Shared builders for the transfer tests: vaults with known content, and "did anything change". */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { exportVault } from '../../../src/lib/transfer/json-export';
import {
  addEntry,
  putImportedEntries,
  type EntrySnapshot,
  type NewEntry,
} from '../../../src/lib/vault';
import type { Prng } from '../../helpers/prng';

export const FIXED_NOW = new Date('2026-11-26T21:04:00.000Z');

/** A full entry with every field given; `overrides` replace any of them. */
export function snapshot(overrides: Partial<EntrySnapshot> & { id: string }): EntrySnapshot {
  return {
    kind: 'entry',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:05:00.000Z',
    body: '',
    mood: null,
    emotions: [],
    tags: [],
    trashedAt: null,
    ...overrides,
  };
}

/** A vault holding exactly these entries, times and all. */
export function vaultWith(...entries: EntrySnapshot[]): Y.Doc {
  const doc = new Y.Doc();
  putImportedEntries(doc, entries);
  return doc;
}

/** A vault written through the ordinary intent functions. */
export function vaultFromIntents(...entries: NewEntry[]): Y.Doc {
  const doc = new Y.Doc();
  for (const e of entries) addEntry(doc, e);
  return doc;
}

/** The export a vault gives, as text, at a fixed time: equal text means equal data. */
export const exportText = (doc: Y.Doc): string => JSON.stringify(exportVault(doc, FIXED_NOW));

/** What "the vault is untouched" means: same state vector and same exported data. */
export interface Fingerprint {
  stateVector: Uint8Array;
  json: string;
}

export const fingerprint = (doc: Y.Doc): Fingerprint => ({
  stateVector: Y.encodeStateVector(doc),
  json: exportText(doc),
});

export function expectUntouched(doc: Y.Doc, before: Fingerprint): void {
  const after = fingerprint(doc);
  expect(after.json).toBe(before.json);
  expect(Array.from(after.stateVector)).toEqual(Array.from(before.stateVector));
}

/** Counts updates and transactions on `doc` until `stop()`. */
export function watchWrites(doc: Y.Doc): { updates: () => number; transactions: () => number } {
  let updates = 0;
  let transactions = 0;
  doc.on('update', () => updates++);
  doc.on('afterTransaction', () => transactions++);
  return { updates: () => updates, transactions: () => transactions };
}

const WORDS = ['sea', 'walk', 'tea', 'rain', 'friends', 'work', 'sleep', 'run', 'book', 'music'];
const FEELINGS = ['calm', 'tired', 'proud', 'jittery', 'content', 'drained', 'hopeful'];

const isoAt = (ms: number): string => new Date(ms).toISOString();

/** `count` daily check-ins from 2016 on, with notes that exercise CSV and Markdown quoting. */
export function dailyCheckins(count: number, prng: Prng): EntrySnapshot[] {
  const start = Date.UTC(2016, 0, 1, 7, 30);
  const notes = [
    '',
    'plain note',
    'a note, with a comma',
    'she said "hi"',
    'two\nlines',
    '=SUM(A1:A9)',
    '-starts with a minus',
    '@mention',
    '+plus',
    'emoji 🌊 and accents é',
  ];
  return Array.from({ length: count }, (_, i) => {
    const createdMs = start + i * 86_400_000 + prng.int(0, 12 * 60) * 60_000;
    const hasMood = prng.next() > 0.05;
    return snapshot({
      id: `c${String(i).padStart(5, '0')}`,
      kind: 'checkin',
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(createdMs + prng.int(0, 600) * 1000),
      body: prng.pick(notes),
      mood: hasMood ? { pleasantness: prng.int(-5, 5), energy: prng.int(-5, 5) } : null,
      emotions: [...new Set([prng.pick(FEELINGS), prng.pick(FEELINGS)])],
      tags: [...new Set([prng.pick(WORDS), prng.pick(WORDS)])],
    });
  });
}
