// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { AppState } from '../../../src/lib/state/app.svelte';
import {
  firstScreenJson,
  readFirstScreen,
  writeFirstScreen,
} from '../../../src/lib/state/first-screen';
import { adoptVaultApart, listKeptApart } from '../../../src/lib/state/keep-apart';
import { KeptApartState } from '../../../src/lib/state/kept-apart.svelte';
import { VaultState } from '../../../src/lib/state/vault.svelte';
import { DEVICE_CHANNEL } from '../../../src/lib/sync/device-channel';
import { DEVICE_KEY, DeviceStore } from '../../../src/lib/sync/device-store';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import { addContact, addEntry, listEntries, type EntrySnapshot } from '../../../src/lib/vault';
import { freshDbName } from '../../helpers/db-name';
import { eventually } from '../../helpers/eventually';
import { databaseExists } from '../../helpers/raw-idb';

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A device store naming a vault of its own, with two entries and a contact kept apart. */
async function deviceWithKeptJournal(): Promise<{ store: DeviceStore; keptDb: string }> {
  const store = new DeviceStore(freshDbName('device'));
  cleanups.push(() => store.close());
  const keptDb = freshDbName('vault');
  await store.set(DEVICE_KEY.vaultDb, keptDb);
  const local = new LocalPersistence(keptDb, new Y.Doc());
  await local.whenReady;
  addEntry(local.doc, { id: 'old-1', body: 'from before' });
  addEntry(local.doc, { id: 'old-2', body: 'also before' });
  addContact(local.doc, { name: 'Sam', conversationSecret: 'c', theirMemberId: 'm' });
  await local.whenIdle();
  await adoptVaultApart(store, local.doc, new Uint8Array(32).fill(2), 'Work laptop', {
    reload: () => {},
    now: new Date('2026-12-07T12:00:00.000Z'),
  });
  local.destroy();
  return { store, keptDb };
}

function openVault(store: DeviceStore): VaultState {
  const vault = new VaultState(undefined, store);
  cleanups.push(() => vault.destroy());
  return vault;
}

function keptApartOf(vault: VaultState, store: DeviceStore) {
  const downloads: { fileName: string; data: unknown }[] = [];
  const state = new KeptApartState(
    store,
    {
      doc: vault.doc,
      ready: vault.ready,
      whenSaved: () => vault.whenSaved(),
      writeError: () => vault.persistence.writeError,
    },
    { download: (fileName, data) => downloads.push({ fileName, data }) },
  );
  return { state, downloads };
}

describe('VaultState and the device store', () => {
  it('opens the database the device store names, and lists what was kept apart', async () => {
    const { store, keptDb } = await deviceWithKeptJournal();
    const vault = openVault(store);
    await vault.ready;
    expect(vault.dbName).toBe(await store.vaultDbName());
    expect(vault.dbName).not.toBe(keptDb);
    expect(vault.journal?.entries).toEqual([]);
    const keptApart = await vault.loadKeptApart();
    await keptApart.refresh();
    expect(keptApart.journals.map((j) => j.dbName)).toEqual([keptDb]);
    expect(keptApart.describe(keptApart.journals[0]!)).toMatch(
      /^Kept apart on .+ when pairing with Work laptop — 2 entries, 1 contact$/,
    );
  });
});

describe('KeptApartState', () => {
  it('downloads a kept journal as a JSON export', async () => {
    const { store } = await deviceWithKeptJournal();
    const vault = openVault(store);
    const { state, downloads } = keptApartOf(vault, store);
    await state.refresh();
    await state.download(state.journals[0]!);
    expect(state.problem).toBe('');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.fileName).toBe('mull-2026-12-07-kept-apart.json');
    const data = downloads[0]?.data as { format: string; entries: { id: string }[] };
    expect(data.format).toBe('mull-export');
    expect(data.entries.map((e) => e.id).sort()).toEqual(['old-1', 'old-2']);
    expect(state.journals).toHaveLength(1);
  });

  it('merges a kept journal into this one, then it is gone from the list and the device', async () => {
    const { store, keptDb } = await deviceWithKeptJournal();
    const vault = openVault(store);
    await vault.ready;
    vault.journal?.create({ id: 'new-1', body: 'written here since' });
    const { state } = keptApartOf(vault, store);
    await state.refresh();
    await state.merge(state.journals[0]!);
    flushSync();
    expect(state.problem).toBe('');
    expect(state.notice).toBe('Merged into this journal: 2 entries, 1 contact.');
    expect(state.journals).toEqual([]);
    expect(
      listEntries(vault.doc)
        .map((e) => e.id)
        .sort(),
    ).toEqual(['new-1', 'old-1', 'old-2']);
    expect(await databaseExists(keptDb)).toBe(false);
  });

  it('deletes a kept journal, and says so', async () => {
    const { store, keptDb } = await deviceWithKeptJournal();
    const vault = openVault(store);
    const { state } = keptApartOf(vault, store);
    await state.refresh();
    await state.remove(state.journals[0]!);
    expect(state.notice).toBe('That journal is deleted from this device.');
    expect(state.journals).toEqual([]);
    expect(await databaseExists(keptDb)).toBe(false);
    expect(await listKeptApart(store)).toEqual([]);
  });

  it('says plainly when a kept journal is no longer there, and changes nothing', async () => {
    const { store, keptDb } = await deviceWithKeptJournal();
    await new Promise((resolve) => (indexedDB.deleteDatabase(keptDb).onsuccess = resolve));
    const vault = openVault(store);
    await vault.ready;
    const { state, downloads } = keptApartOf(vault, store);
    await state.refresh();
    await state.merge(state.journals[0]!);
    expect(state.problem).toBe('This journal is no longer on this device.');
    expect(downloads).toEqual([]);
    expect(state.journals).toHaveLength(1);
    expect(listEntries(vault.doc)).toEqual([]);
  });

  it('follows changes another state (or tab) makes to the list while watched', async () => {
    const { store } = await deviceWithKeptJournal();
    const vault = openVault(store);
    const watched = keptApartOf(vault, store).state;
    cleanups.push(watched.watch());
    await eventually(() => expect(watched.journals).toHaveLength(1));
    const other = keptApartOf(vault, store).state;
    await other.refresh();
    await other.remove(other.journals[0]!);
    await eventually(() => expect(watched.journals).toEqual([]));
  });
});

const OLD_CARD: EntrySnapshot = {
  id: 'old',
  kind: 'entry',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  body: 'from the old journal',
  mood: null,
  emotions: [],
  tags: [],
  trashedAt: null,
};

describe('AppState when the vault is switched', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.stubGlobal('matchMedia', (media: string) => ({
      matches: false,
      media,
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
  });

  function app(reload: () => void): AppState {
    const state = new AppState({ reload });
    cleanups.push(() => state.destroy());
    return state;
  }

  it('reloads when another tab switches, and stops showing the old first screen', async () => {
    writeFirstScreen(firstScreenJson([OLD_CARD]));
    const reload = vi.fn();
    const state = app(reload);
    const whenSaved = vi.spyOn(state.vault, 'whenSaved');
    const otherTab = new BroadcastChannel(DEVICE_CHANNEL);
    cleanups.push(() => otherTab.close());
    otherTab.postMessage({ type: 'vault-switched', page: 'another-tab' });
    await eventually(() => expect(reload).toHaveBeenCalledOnce());
    expect(whenSaved).toHaveBeenCalled();
    expect(readFirstScreen()).toEqual([]);
  });

  it('leaves reloading to this page’s own switch, but stops showing the old first screen', async () => {
    writeFirstScreen(firstScreenJson([OLD_CARD]));
    const reload = vi.fn();
    app(reload);
    await deviceWithKeptJournal(); // keeps a journal apart from this page
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reload).not.toHaveBeenCalled();
    expect(readFirstScreen()).toEqual([]);
  });

  it('does not listen when the vault was named by the caller', async () => {
    const reload = vi.fn();
    const state = new AppState({ dbName: freshDbName('app'), reload });
    cleanups.push(() => state.destroy());
    const otherTab = new BroadcastChannel(DEVICE_CHANNEL);
    cleanups.push(() => otherTab.close());
    otherTab.postMessage({ type: 'vault-switched', page: 'another-tab' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reload).not.toHaveBeenCalled();
  });
});
