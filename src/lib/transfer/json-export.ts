/**
 * Mull's JSON export: everything a person wrote, in a versioned plain format that does not
 * need Mull (or Yjs) to read. The format is documented in README.md ("Export format").
 */
import type * as Y from 'yjs';
import { listEntries, type EntrySnapshot } from '../vault';

export const EXPORT_FORMAT = 'mull-export';
export const EXPORT_VERSION = 1;

export interface VaultExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  entries: EntrySnapshot[];
}

/** What a rescue download adds: counts, and every stored row as it was, unreadable or not. */
export interface SalvageExport extends VaultExport {
  salvage: { rowsRead: number; unreadableRows: number; rawRows: string[] };
}

export function exportVault(doc: Y.Doc, now = new Date()): VaultExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    entries: listEntries(doc),
  };
}

/** A file name that sorts by date and says what it is: `mull-2026-11-26.json`. */
export const exportFileName = (now: Date, suffix = ''): string =>
  `mull-${now.toISOString().slice(0, 10)}${suffix}.json`;
