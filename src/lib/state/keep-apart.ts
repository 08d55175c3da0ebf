/**
 * Joining another device's journal without merging this one into it (issue 12, "no silent
 * merge"): this device's journal is kept apart, and the other device's becomes this device's.
 *
 * Keeping apart is a switch, never a copy. The device store names the database the vault
 * lives in (`vaultDb`; absent means `mull-vault`, as on every install from before this). One
 * transaction of the device store writes the new vault secret, a new (empty) database name,
 * and a row for the old database in `keptApart`:
 *
 *   device store, one transaction            IndexedDB
 *   vaultSecret  A → B                        mull-vault       stays as it is: kept apart
 *   vaultDb      (mull-vault) → mull-vault-x  mull-vault-x     created empty on the next start
 *   keptApart    […] → […, mull-vault]
 *
 * Nothing is copied or deleted, so a crash at any moment leaves either the old state or the
 * new one, complete. Then every open page reloads into the new vault.
 *
 * Settings lists the kept journals (./kept-apart.svelte.ts): download one (Mull's JSON
 * export), merge it into this journal, or delete it. Each is read without writing to it.
 */
import * as Y from 'yjs';
import { isSecret } from '../keys/secret';
import { announce } from '../sync/device-channel';
import { DEVICE_KEY, vaultDbNameOf, type DeviceStore } from '../sync/device-store';
import { openYDatabase, transactionDone, UPDATES_STORE } from '../sync/idb';
import { salvage } from '../sync/salvage';
import { dateTimeFormat } from '../time/dates';
import {
  exportFileName,
  exportVault,
  type SalvageExport,
  type VaultExport,
} from '../transfer/json-export';
import {
  archiveOf,
  draftsOf,
  listContacts,
  listEntries,
  reflectionsOf,
  MAX_NAME_LENGTH,
  META,
  metaOf,
  ORIGIN,
  SCHEMA_VERSION,
} from '../vault';
import { capText } from '../util/text';

/** What this device's vault holds that joining would merge: shown before a device join. */
export interface Holdings {
  entries: number;
  contacts: number;
  /**
   * Everything else a person wrote: drafts, "What I almost sent", archived messages, Trash
   * (absent from rows kept before it was counted).
   */
  other?: number;
}

/** True when joining another journal would merge anything a person wrote on this device. */
export const holdsAnything = (h: Holdings): boolean => h.entries + h.contacts + (h.other ?? 0) > 0;

/** A journal kept apart on this device: one row of `keptApart` in the device store. */
export interface KeptApartJournal extends Holdings {
  /** Its IndexedDB database, exactly as it was when it was this device's journal. */
  dbName: string;
  /** ISO time it was kept apart. */
  keptAt: string;
  /** The device whose journal was joined instead. */
  pairedWith: string;
}

/** A reason an action on a kept journal did not happen, in words for the person. */
export class KeptApartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeptApartError';
  }
}

/** Reading a kept journal of many years can take a while; a hung one must still end. */
export const KEPT_APART_READ_TIMEOUT_MS = 30_000;

/**
 * Entries and check-ins not in the Trash, contacts not removed, and everything else written
 * here (entries in the Trash, drafts and set-aside replies, "What I almost sent", archived
 * messages): none of it may merge into another journal without the person choosing so.
 */
export function vaultHoldings(doc: Y.Doc): Holdings {
  const entries = listEntries(doc);
  const live = entries.filter((entry) => entry.trashedAt === null).length;
  let archived = 0;
  for (const messages of archiveOf(doc).values()) archived += messages.size;
  return {
    entries: live,
    contacts: listContacts(doc).length,
    other: entries.length - live + draftsOf(doc).size + reflectionsOf(doc).size + archived,
  };
}

const count = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "43 entries, 2 contacts", "1 entry", "2 contacts, 3 other things", or "nothing yet". */
export function describeHoldings({ entries, contacts, other = 0 }: Holdings): string {
  const parts: string[] = [];
  if (entries > 0) parts.push(count(entries, 'entry', 'entries'));
  if (contacts > 0) parts.push(count(contacts, 'contact', 'contacts'));
  if (other > 0) {
    parts.push(
      count(
        other,
        parts.length ? 'other thing' : 'thing',
        parts.length ? 'other things' : 'things',
      ),
    );
  }
  return parts.length === 0 ? 'nothing yet' : parts.join(', ');
}

/**
 * "Kept apart on 7 Dec 2026 when pairing with Work laptop — 43 entries, 2 contacts": one row of
 * the list in Settings.
 */
export function describeKeptApart(journal: KeptApartJournal, locale?: string): string {
  const at = new Date(journal.keptAt);
  const on = Number.isNaN(at.getTime())
    ? ''
    : ` on ${dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(at)}`;
  const who = journal.pairedWith || 'another device';
  return `Kept apart${on} when pairing with ${who} — ${describeHoldings(journal)}`;
}

/** The name a downloaded kept journal is saved under: `mull-2026-12-07-kept-apart.json`. */
export function keptApartFileName(journal: KeptApartJournal, now = new Date()): string {
  const at = new Date(journal.keptAt);
  return exportFileName(Number.isNaN(at.getTime()) ? now : at, '-kept-apart');
}

const wholeNumber = (value: unknown): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;

/** One stored row, or null when it is not one (the list is read defensively, like the vault). */
function readJournal(raw: unknown): KeptApartJournal | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.dbName !== 'string' || r.dbName === '' || typeof r.keptAt !== 'string') return null;
  return {
    dbName: r.dbName,
    keptAt: r.keptAt,
    entries: wholeNumber(r.entries),
    contacts: wholeNumber(r.contacts),
    other: wholeNumber(r.other),
    pairedWith: typeof r.pairedWith === 'string' ? r.pairedWith : '',
  };
}

const rawList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The journals kept apart on this device, oldest first. */
export async function listKeptApart(store: DeviceStore): Promise<KeptApartJournal[]> {
  const rows = rawList(await store.get(DEVICE_KEY.keptApart)).map(readJournal);
  return rows.filter((row): row is KeptApartJournal => row !== null);
}

export interface AdoptApartOptions {
  /** Reloads this page into the new vault (tests pass their own). */
  reload?: () => void;
  now?: Date;
}

/**
 * Writes the whole of `doc` into its own database as one more row. The reload that follows
 * could cut short a write this page's persistence has started; this one has committed before
 * anything switches. (A row that repeats what is stored changes nothing when loaded.)
 */
async function storeWholeDoc(dbName: string, doc: Y.Doc): Promise<void> {
  const db = await openYDatabase(dbName);
  try {
    const tx = db.transaction([UPDATES_STORE], 'readwrite');
    tx.objectStore(UPDATES_STORE).add(Y.encodeStateAsUpdate(doc));
    await transactionDone(tx);
  } finally {
    db.close();
  }
}

/**
 * Keeps this device's current journal apart (kept on the device, listed in Settings,
 * downloadable) and makes `secret`'s vault this device's journal from now on: crash-safe,
 * other tabs told; the page then reloads into the new vault.
 *
 * `doc` is the vault this page has open (its counts go into the row Settings shows).
 * Rejects, with nothing switched, if the device store cannot be written or another tab
 * switched the vault first.
 */
export async function adoptVaultApart(
  store: DeviceStore,
  doc: Y.Doc,
  secret: Uint8Array,
  pairedWith: string,
  { reload = () => location.reload(), now = new Date() }: AdoptApartOptions = {},
): Promise<void> {
  if (!isSecret(secret)) {
    throw new KeptApartError('The other device sent something unexpected. Nothing was changed.');
  }
  // The database this page has open, never whatever the store names now: a tab that has not
  // reloaded after another tab switched must not write its journal into the new one.
  const keptName = store.pinnedVaultDb ?? (await store.vaultDbName());
  if ((await store.vaultDbName()) !== keptName) {
    throw new KeptApartError(
      'Another Mull tab changed this device’s journal first. Nothing was changed here.',
    );
  }
  await storeWholeDoc(keptName, doc);
  const kept: KeptApartJournal = {
    dbName: keptName,
    keptAt: now.toISOString(),
    ...vaultHoldings(doc),
    pairedWith: capText(pairedWith.trim(), MAX_NAME_LENGTH),
  };
  const nextName = `mull-vault-${crypto.randomUUID()}`;
  await store.update([DEVICE_KEY.vaultDb, DEVICE_KEY.keptApart], (current) => {
    if (vaultDbNameOf(current.vaultDb) !== keptName) {
      throw new KeptApartError(
        'Another Mull tab changed this device’s journal first. Nothing was changed here.',
      );
    }
    return {
      [DEVICE_KEY.vaultSecret]: secret,
      [DEVICE_KEY.vaultDb]: nextName,
      [DEVICE_KEY.keptApart]: [...rawList(current.keptApart), kept],
    };
  });
  announce({ type: 'vault-switched' });
  reload();
}

/** Removes `dbName`'s row from the list, in one transaction; other rows stay exactly as stored. */
async function forget(store: DeviceStore, dbName: string): Promise<void> {
  await store.update([DEVICE_KEY.keptApart], (current) => ({
    [DEVICE_KEY.keptApart]: rawList(current.keptApart).filter(
      (raw) => readJournal(raw)?.dbName !== dbName,
    ),
  }));
}

/** Never acts on the database this device's journal lives in. */
async function assertKeptApart(store: DeviceStore, journal: KeptApartJournal): Promise<void> {
  if (journal.dbName === (await store.vaultDbName())) {
    throw new KeptApartError('That is this device’s journal now, so it was left as it is.');
  }
}

const GONE = 'This journal is no longer on this device.';

/** Reads a kept journal into a new Y.Doc, row by row, without writing to its database. */
async function readKept(journal: KeptApartJournal): ReturnType<typeof salvage> {
  try {
    return await salvage(journal.dbName, KEPT_APART_READ_TIMEOUT_MS);
  } catch (err) {
    // Opening refuses to create a database that is not there (see salvage.ts).
    if ((err as { name?: unknown } | null)?.name === 'AbortError') throw new KeptApartError(GONE);
    throw err;
  }
}

/**
 * Mull's JSON export of a kept journal; if some of it cannot be read, a rescue file that
 * keeps every stored row as well (the same as the load-failure screen's).
 */
export async function exportKeptApart(
  journal: KeptApartJournal,
  now = new Date(),
): Promise<VaultExport | SalvageExport> {
  const found = await readKept(journal);
  try {
    const base = exportVault(found.doc, now);
    if (found.unreadableRows === 0) return base;
    const { rowsRead, unreadableRows, rawRows } = found;
    return { ...base, salvage: { rowsRead, unreadableRows, rawRows } };
  } finally {
    found.doc.destroy();
  }
}

/** The open vault a kept journal merges into. */
export interface MergeTarget {
  doc: Y.Doc;
  /** Resolves when every write issued so far has reached IndexedDB (or failed). */
  whenSaved(): Promise<void>;
  /** Why saving is failing, or null. */
  writeError(): string | null;
}

/**
 * Merges a kept journal into the open vault. Only once that is saved is it taken off the list
 * and its database deleted; until then (and if saving is failing) it stays as it was.
 *
 * @returns 'saved', or 'unsaved' when the merge is in the journal but not yet on disk (the
 *   kept journal is then still listed, and merging it again later adds nothing twice).
 */
export async function mergeKeptApart(
  store: DeviceStore,
  journal: KeptApartJournal,
  into: MergeTarget,
): Promise<'saved' | 'unsaved'> {
  await assertKeptApart(store, journal);
  const found = await readKept(journal);
  try {
    if (found.unreadableRows > 0) {
      throw new KeptApartError(
        'Part of this journal can’t be read, so nothing was merged. “Download” keeps everything that can be read.',
      );
    }
    const version = metaOf(found.doc).get(META.schemaVersion);
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      throw new KeptApartError(
        'A newer version of Mull wrote this journal, so nothing was merged. Update Mull to merge it.',
      );
    }
    Y.applyUpdate(into.doc, Y.encodeStateAsUpdate(found.doc), ORIGIN.import);
  } finally {
    found.doc.destroy();
  }
  await into.whenSaved();
  if (into.writeError() !== null) return 'unsaved';
  // Off the list first: a crash before the delete leaves a copy nobody sees, of writing that
  // is in this journal now; the other order could list a journal that is gone.
  await forget(store, journal.dbName);
  await deleteDatabase(journal.dbName);
  announce({ type: 'kept-apart-changed' });
  return 'saved';
}

/** Deletes a kept journal's database, then its row (a crash between leaves a row to delete again). */
export async function deleteKeptApart(
  store: DeviceStore,
  journal: KeptApartJournal,
): Promise<void> {
  await assertKeptApart(store, journal);
  await deleteDatabase(journal.dbName);
  await forget(store, journal.dbName);
  announce({ type: 'kept-apart-changed' });
}

/** Resolves once the database is gone; another tab reading it delays this until it lets go. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('Could not delete the journal'));
  });
}
