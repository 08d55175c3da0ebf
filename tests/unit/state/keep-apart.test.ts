import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  adoptVaultApart,
  deleteKeptApart,
  describeHoldings,
  describeKeptApart,
  exportKeptApart,
  KeptApartError,
  keptApartFileName,
  listKeptApart,
  mergeKeptApart,
  vaultHoldings,
  holdsAnything,
  type KeptApartJournal,
  type MergeTarget,
} from '../../../src/lib/state/keep-apart';
import { onDeviceMessage, type DeviceMessage } from '../../../src/lib/sync/device-channel';
import { DEVICE_KEY, DeviceStore, VAULT_DB_NAME } from '../../../src/lib/sync/device-store';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import {
  addContact,
  addEntry,
  CONTACT,
  contactsOf,
  listEntries,
  META,
  metaOf,
  openDraft,
  SCHEMA_VERSION,
  trashEntry,
} from '../../../src/lib/vault';
import { freshDbName } from '../../helpers/db-name';
import { addRows, databaseExists, readRows } from '../../helpers/raw-idb';

const OLD_SECRET = new Uint8Array(32).fill(1);
const NEW_SECRET = new Uint8Array(32).fill(2);
const KEPT_AT = new Date('2026-12-07T18:30:00.000Z');

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freshStore(): DeviceStore {
  const store = new DeviceStore(freshDbName('device'));
  cleanups.push(() => store.close());
  return store;
}

/** The vault as the app opens it: the database the device store names. */
async function openVault(store: DeviceStore): Promise<LocalPersistence> {
  const local = new LocalPersistence(() => store.vaultDbName(), new Y.Doc());
  cleanups.push(() => local.destroy());
  await local.whenReady;
  return local;
}

/** A device that has been in use: a secret, and a vault with entries and contacts. */
async function usedDevice(
  { vaultDb = freshDbName('vault') }: { vaultDb?: string | null } = {},
  write: (doc: Y.Doc) => void = (doc) => {
    addEntry(doc, { id: 'e1', body: 'first' });
    addEntry(doc, { id: 'e2', body: 'second' });
    addEntry(doc, { id: 'gone', body: 'trashed' });
    trashEntry(doc, 'gone');
    addContact(doc, { name: 'Sam', conversationSecret: 'c1', theirMemberId: 'm1' });
  },
): Promise<{ store: DeviceStore; local: LocalPersistence }> {
  const store = freshStore();
  await store.set(DEVICE_KEY.vaultSecret, OLD_SECRET);
  if (vaultDb !== null) await store.set(DEVICE_KEY.vaultDb, vaultDb);
  const local = await openVault(store);
  write(local.doc);
  await local.whenIdle();
  return { store, local };
}

/** Loads a database into a fresh doc, as the next start (or another device) would. */
async function load(name: string): Promise<Y.Doc> {
  const local = new LocalPersistence(name, new Y.Doc());
  await local.whenReady;
  const doc = local.doc;
  local.destroy();
  return doc;
}

const entryIds = (doc: Y.Doc): string[] =>
  listEntries(doc)
    .map((e) => e.id)
    .sort();

function hear(): DeviceMessage[] {
  const heard: DeviceMessage[] = [];
  cleanups.push(onDeviceMessage((message) => heard.push(message)));
  return heard;
}

/** Keeps the device's current journal apart; returns its row. */
async function keepApart(store: DeviceStore, doc: Y.Doc): Promise<KeptApartJournal> {
  await adoptVaultApart(store, doc, NEW_SECRET, 'Work laptop', { reload: () => {}, now: KEPT_AT });
  const [journal] = await listKeptApart(store);
  if (!journal) throw new Error('nothing kept apart');
  return journal;
}

describe('vaultHoldings', () => {
  it('counts entries and check-ins not in the Trash, and contacts not removed', () => {
    const doc = new Y.Doc();
    expect(vaultHoldings(doc)).toEqual({ entries: 0, contacts: 0, other: 0 });
    addEntry(doc, { id: 'a', body: 'words' });
    addEntry(doc, { id: 'b', kind: 'checkin', mood: { pleasantness: 1, energy: 0 } });
    addEntry(doc, { id: 'c', body: 'binned' });
    trashEntry(doc, 'c');
    addContact(doc, { id: 'sam', name: 'Sam', conversationSecret: 's', theirMemberId: 'm' });
    addContact(doc, { id: 'ana', name: 'Ana', conversationSecret: 's2', theirMemberId: 'm2' });
    contactsOf(doc).get('ana')?.set(CONTACT.removedAt, '2026-01-01T00:00:00.000Z');
    expect(vaultHoldings(doc)).toEqual({ entries: 2, contacts: 1, other: 1 });
  });

  it('counts what else was written here: the Trash, drafts (nothing else merges unasked)', () => {
    const doc = new Y.Doc();
    addEntry(doc, { id: 'c', body: 'binned' });
    trashEntry(doc, 'c');
    expect(vaultHoldings(doc)).toEqual({ entries: 0, contacts: 0, other: 1 });
    openDraft(doc, 'sam', null);
    expect(vaultHoldings(doc)).toEqual({ entries: 0, contacts: 0, other: 2 });
    expect(holdsAnything(vaultHoldings(doc))).toBe(true);
    expect(holdsAnything(vaultHoldings(new Y.Doc()))).toBe(false);
    expect(describeHoldings(vaultHoldings(doc))).toBe('2 things');
  });

  it('says what would be merged in plain words', () => {
    expect(describeHoldings({ entries: 43, contacts: 2 })).toBe('43 entries, 2 contacts');
    expect(describeHoldings({ entries: 1, contacts: 0 })).toBe('1 entry');
    expect(describeHoldings({ entries: 0, contacts: 1 })).toBe('1 contact');
    expect(describeHoldings({ entries: 1204, contacts: 0 })).toBe('1,204 entries');
    expect(describeHoldings({ entries: 0, contacts: 0 })).toBe('nothing yet');
    expect(describeHoldings({ entries: 3, contacts: 0, other: 2 })).toBe(
      '3 entries, 2 other things',
    );
  });

  it('describes a kept journal for its row in Settings', () => {
    const journal: KeptApartJournal = {
      dbName: 'mull-vault',
      keptAt: KEPT_AT.toISOString(),
      entries: 43,
      contacts: 2,
      pairedWith: 'Work laptop',
    };
    expect(describeKeptApart(journal, 'en-GB')).toBe(
      'Kept apart on 7 Dec 2026 when pairing with Work laptop — 43 entries, 2 contacts',
    );
    expect(describeKeptApart({ ...journal, keptAt: 'garbage', pairedWith: '' }, 'en-GB')).toBe(
      'Kept apart when pairing with another device — 43 entries, 2 contacts',
    );
    expect(keptApartFileName(journal)).toBe('mull-2026-12-07-kept-apart.json');
  });
});

describe('adoptVaultApart', () => {
  it('switches secret, database and list in one transaction; the old database stays', async () => {
    const { store, local } = await usedDevice();
    const oldName = local.name;
    const before = entryIds(await load(oldName));
    const heard = hear();
    const writes: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) {
      if (args[1] === 'readwrite') writes.push(this.name);
      return transaction.apply(this, args);
    });
    const reload = vi.fn();

    await adoptVaultApart(store, local.doc, NEW_SECRET, '  Work laptop ', { reload, now: KEPT_AT });
    vi.restoreAllMocks();

    // One write to the device store; the only other write is the whole doc into its own db.
    expect(writes.filter((name) => name !== oldName)).toHaveLength(1);
    expect(reload).toHaveBeenCalledOnce();
    expect(heard).toEqual([{ type: 'vault-switched' }]);
    const newName = await store.vaultDbName();
    expect(newName).toMatch(/^mull-vault-/);
    expect(newName).not.toBe(oldName);
    expect(await store.get(DEVICE_KEY.vaultSecret)).toEqual(NEW_SECRET);
    expect(await listKeptApart(store)).toEqual([
      {
        dbName: oldName,
        keptAt: KEPT_AT.toISOString(),
        entries: 2,
        contacts: 1,
        other: 1, // an entry in the Trash
        pairedWith: 'Work laptop',
      },
    ]);

    // The next start opens the new, empty database; the kept one holds what it held.
    local.destroy();
    const next = await openVault(store);
    expect(next.name).toBe(newName);
    expect(listEntries(next.doc)).toEqual([]);
    expect(entryIds(await load(oldName))).toEqual(before);
  });

  it('keeps a journal apart again later, listing both', async () => {
    const { store, local } = await usedDevice();
    const first = local.name;
    await keepApart(store, local.doc);
    local.destroy();
    const second = await openVault(store);
    addEntry(second.doc, { id: 'later' });
    await second.whenIdle();
    await adoptVaultApart(store, second.doc, OLD_SECRET, 'Phone', { reload: () => {} });
    expect((await listKeptApart(store)).map((j) => [j.dbName, j.entries, j.pairedWith])).toEqual([
      [first, 2, 'Work laptop'],
      [second.name, 1, 'Phone'],
    ]);
  });

  it('leaves the old state whole when the transaction aborts part-way (a crash)', async () => {
    const { store, local } = await usedDevice();
    const oldName = local.name;
    const heard = hear();
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      const request = put.call(this, value, key);
      // Secret and database name are written; the process dies before the list is.
      if (key === DEVICE_KEY.keptApart) this.transaction.abort();
      return request;
    });
    const reload = vi.fn();

    await expect(
      adoptVaultApart(store, local.doc, NEW_SECRET, 'Work laptop', { reload }),
    ).rejects.toThrow();
    vi.restoreAllMocks();

    expect(reload).not.toHaveBeenCalled();
    expect(heard).toEqual([]);
    expect(await store.get(DEVICE_KEY.vaultSecret)).toEqual(OLD_SECRET);
    expect(await store.vaultDbName()).toBe(oldName);
    expect(await listKeptApart(store)).toEqual([]);
    local.destroy();
    expect(entryIds(await openVault(store).then((l) => l.doc))).toEqual(['e1', 'e2', 'gone']);
  });

  it('changes nothing when another tab switched the vault first', async () => {
    const { store, local } = await usedDevice();
    const reload = vi.fn();
    let calls = 0;
    const vaultDbName = store.vaultDbName.bind(store);
    // This page read the name; another tab switched before this transaction ran.
    vi.spyOn(store, 'vaultDbName').mockImplementation(async () => {
      const name = await vaultDbName();
      if (calls++ === 0) await store.set(DEVICE_KEY.vaultDb, 'mull-vault-other-tab');
      return name;
    });
    await expect(
      adoptVaultApart(store, local.doc, NEW_SECRET, 'Work laptop', { reload }),
    ).rejects.toBeInstanceOf(KeptApartError);
    expect(reload).not.toHaveBeenCalled();
    expect(await store.get(DEVICE_KEY.vaultSecret)).toEqual(OLD_SECRET);
    expect(await store.get(DEVICE_KEY.vaultDb)).toBe('mull-vault-other-tab');
    expect(await listKeptApart(store)).toEqual([]);
  });

  it('refuses a secret that is not one, before touching anything', async () => {
    const { store, local } = await usedDevice();
    const rows = (await readRows(local.name)).length;
    await expect(
      adoptVaultApart(store, local.doc, new Uint8Array(3), 'x', { reload: () => {} }),
    ).rejects.toBeInstanceOf(KeptApartError);
    expect(await store.get(DEVICE_KEY.vaultSecret)).toEqual(OLD_SECRET);
    expect(await readRows(local.name)).toHaveLength(rows);
  });

  it('stores what the page holds before switching, so a reload cannot cut a write short', async () => {
    const { store, local } = await usedDevice();
    // A write the page's persistence has not stored (as if the reload interrupted it).
    local.destroy();
    addEntry(local.doc, { id: 'unsaved' });
    const journal = await keepApart(store, local.doc);
    expect(entryIds(await load(journal.dbName))).toContain('unsaved');
  });

  it('opens mull-vault on an install from before vaultDb, and keeps that one apart', async () => {
    const { store, local } = await usedDevice({ vaultDb: null });
    cleanups.push(() => indexedDB.deleteDatabase(VAULT_DB_NAME));
    expect(local.name).toBe(VAULT_DB_NAME);
    expect(await store.get(DEVICE_KEY.vaultDb)).toBeUndefined();
    const journal = await keepApart(store, local.doc);
    expect(journal.dbName).toBe(VAULT_DB_NAME);
    expect(await store.vaultDbName()).not.toBe(VAULT_DB_NAME);
    expect(entryIds(await load(VAULT_DB_NAME))).toEqual(['e1', 'e2', 'gone']);
  });
});

describe('a journal kept apart', () => {
  /** A device that kept its journal apart and now has the new (empty) vault open. */
  async function afterKeepingApart() {
    const { store, local } = await usedDevice();
    const journal = await keepApart(store, local.doc);
    local.destroy();
    const current = await openVault(store);
    const target: MergeTarget = {
      doc: current.doc,
      whenSaved: () => current.whenIdle(),
      writeError: () => current.status.writeError,
    };
    return { store, journal, current, target };
  }

  it('downloads as Mull’s JSON export, without writing to its database', async () => {
    const { journal } = await afterKeepingApart();
    const rows = await readRows(journal.dbName);
    const exported = await exportKeptApart(journal, new Date('2027-01-01T00:00:00.000Z'));
    expect(exported.format).toBe('mull-export');
    expect(exported.exportedAt).toBe('2027-01-01T00:00:00.000Z');
    expect(exported.entries.map((e) => e.id).sort()).toEqual(['e1', 'e2', 'gone']);
    expect('salvage' in exported).toBe(false);
    expect(await readRows(journal.dbName)).toEqual(rows);
  });

  it('downloads what can be read, and every raw row, when part of it cannot be', async () => {
    const { journal } = await afterKeepingApart();
    await addRows(journal.dbName, [new Uint8Array([255, 1, 2])]);
    const exported = await exportKeptApart(journal);
    expect(exported.entries.map((e) => e.id).sort()).toEqual(['e1', 'e2', 'gone']);
    expect('salvage' in exported && exported.salvage.unreadableRows).toBe(1);
  });

  it('merges into this journal; once saved, it leaves the list and its database goes', async () => {
    const { store, journal, current, target } = await afterKeepingApart();
    addEntry(current.doc, { id: 'new-here' });
    const heard = hear();
    expect(await mergeKeptApart(store, journal, target)).toBe('saved');
    expect(entryIds(current.doc)).toEqual(['e1', 'e2', 'gone', 'new-here']);
    expect(vaultHoldings(current.doc).contacts).toBe(1);
    expect(await listKeptApart(store)).toEqual([]);
    expect(await databaseExists(journal.dbName)).toBe(false);
    expect(heard).toEqual([{ type: 'kept-apart-changed' }]);
    // Saved: the next start has it all.
    current.destroy();
    expect(entryIds((await openVault(store)).doc)).toEqual(['e1', 'e2', 'gone', 'new-here']);
  });

  it('keeps the kept journal, listed and whole, while the merge is not saved', async () => {
    const { store, journal, target } = await afterKeepingApart();
    const rows = await readRows(journal.dbName);
    const unsaved: MergeTarget = { ...target, writeError: () => 'QuotaExceededError: disk full' };
    expect(await mergeKeptApart(store, journal, unsaved)).toBe('unsaved');
    expect(entryIds(target.doc)).toEqual(['e1', 'e2', 'gone']);
    expect(await listKeptApart(store)).toEqual([journal]);
    expect(await readRows(journal.dbName)).toEqual(rows);
  });

  it('merges nothing when part of it cannot be read, or a newer Mull wrote it', async () => {
    const { store, journal, target } = await afterKeepingApart();
    await addRows(journal.dbName, [new Uint8Array([255, 1, 2])]);
    await expect(mergeKeptApart(store, journal, target)).rejects.toThrow(/can’t be read/);
    expect(listEntries(target.doc)).toEqual([]);
    expect(await listKeptApart(store)).toEqual([journal]);

    const newer = await afterKeepingApart();
    const stored = await load(newer.journal.dbName);
    metaOf(stored).set(META.schemaVersion, SCHEMA_VERSION + 1);
    await addRows(newer.journal.dbName, [Y.encodeStateAsUpdate(stored)]);
    await expect(mergeKeptApart(newer.store, newer.journal, newer.target)).rejects.toThrow(
      /newer version/,
    );
    expect(listEntries(newer.target.doc)).toEqual([]);
  });

  it('is deleted with its row; this device’s own journal never is', async () => {
    const { store, journal, current } = await afterKeepingApart();
    const heard = hear();
    const own: KeptApartJournal = { ...journal, dbName: current.name };
    await expect(deleteKeptApart(store, own)).rejects.toBeInstanceOf(KeptApartError);
    await expect(mergeKeptApart(store, own, {} as MergeTarget)).rejects.toBeInstanceOf(
      KeptApartError,
    );
    expect(await databaseExists(current.name)).toBe(true);

    await deleteKeptApart(store, journal);
    expect(await databaseExists(journal.dbName)).toBe(false);
    expect(await listKeptApart(store)).toEqual([]);
    expect(heard).toEqual([{ type: 'kept-apart-changed' }]);
    await expect(exportKeptApart(journal)).rejects.toThrow('no longer on this device');
    expect(await databaseExists(journal.dbName)).toBe(false);
  });

  it('lists only well-formed rows, and removing one keeps the others as stored', async () => {
    const { store, journal } = await afterKeepingApart();
    const odd = { dbName: 'mull-vault-odd', keptAt: 'x', extra: true };
    await store.set(DEVICE_KEY.keptApart, [null, 'text', { dbName: 5 }, journal, odd]);
    expect((await listKeptApart(store)).map((j) => j.dbName)).toEqual([
      journal.dbName,
      'mull-vault-odd',
    ]);
    await deleteKeptApart(store, journal);
    expect(await store.get(DEVICE_KEY.keptApart)).toEqual([null, 'text', { dbName: 5 }, odd]);
  });
});
