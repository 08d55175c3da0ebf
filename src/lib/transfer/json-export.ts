/**
 * Mull's JSON export: everything a person wrote, in a versioned plain format that does not
 * need Mull (or Yjs) to read. Every field is described in ./README.md.
 */
import * as Y from 'yjs';
import { getContact, listEntries, SETTING, settingsOf, type EntrySnapshot } from '../vault';
import {
  exportConversation,
  exportConversations,
  type ExportedConversation,
} from './conversation-export';

export const EXPORT_FORMAT = 'mull-export';
/**
 * Bumped only when the shape changes so that an older reader would misread a file. Adding an
 * optional field is not such a change (older Mull ignores fields it does not know).
 */
export const EXPORT_VERSION = 1;

/** Settings values as plain JSON, by setting name. */
export type ExportedSettings = Record<string, unknown>;

export interface VaultExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  entries: EntrySnapshot[];
  /** Settings the person chose. Always written since the field was added; older files lack it. */
  settings?: ExportedSettings;
  /**
   * My record of each conversation (what I sent, what I received as first received). Always
   * written by `exportVault` since the field was added; older files lack it.
   */
  conversations?: ExportedConversation[];
}

/** What a rescue download adds: counts, and every stored row as it was, unreadable or not. */
export interface SalvageExport extends VaultExport {
  salvage: { rowsRead: number; unreadableRows: number; rawRows: string[] };
}

/**
 * Settings that are the person's own choices. `memberId` is left out: it is an identity Mull
 * generated, not something the person wrote, and means nothing outside Mull.
 */
export const EXPORTED_SETTINGS: readonly string[] = Object.values(SETTING).filter(
  (key) => key !== SETTING.memberId,
);

/** Entries of a vault, or the given snapshots: what every export accepts. */
export type ExportSource = Y.Doc | readonly EntrySnapshot[];

export const snapshotsOf = (source: ExportSource): readonly EntrySnapshot[] =>
  source instanceof Y.Doc ? listEntries(source) : source;

/** The person's settings as plain JSON, sorted by name; values that are not JSON are left out. */
export function readExportedSettings(doc: Y.Doc): ExportedSettings {
  const out: ExportedSettings = {};
  const settings = settingsOf(doc);
  for (const key of [...EXPORTED_SETTINGS].sort()) {
    if (!settings.has(key)) continue;
    const raw = settings.get(key);
    const value = raw instanceof Y.AbstractType ? (raw.toJSON() as unknown) : raw;
    try {
      const json = JSON.stringify(value);
      if (json !== undefined) out[key] = JSON.parse(json);
    } catch {
      // A value that cannot be written as JSON (a cycle, a BigInt) is not a person's setting.
    }
  }
  return out;
}

/** Builds the export from snapshots; `exportVault` is this for a whole vault. */
export function buildExport(
  entries: readonly EntrySnapshot[],
  now = new Date(),
  settings: ExportedSettings = {},
): VaultExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    entries: [...entries],
    settings,
  };
}

export function exportVault(doc: Y.Doc, now = new Date()): VaultExport {
  return {
    ...buildExport(listEntries(doc), now, readExportedSettings(doc)),
    conversations: exportConversations(doc, now),
  };
}

/**
 * One conversation on its own ("Download this conversation"): the same file shape, with no
 * entries and no settings, so the same readers (and `jq` lines) work on it.
 */
export function exportOneConversation(
  doc: Y.Doc,
  contactId: string,
  now = new Date(),
): VaultExport {
  const name = getContact(doc, contactId)?.name ?? '';
  return {
    ...buildExport([], now),
    conversations: [exportConversation(doc, contactId, name, now)],
  };
}

/** The file's text: indented for people, with a final newline. */
export const serializeExport = (data: VaultExport): string => `${JSON.stringify(data, null, 2)}\n`;

/** A file name that sorts by date and says what it is: `mull-2026-11-26.json`. */
export const exportFileName = (now: Date, suffix = ''): string =>
  `mull-${now.toISOString().slice(0, 10)}${suffix}.json`;
