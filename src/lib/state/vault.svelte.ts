/**
 * Opens this device's vault: a Y.Doc, loaded from IndexedDB before anything may touch it.
 *
 * `journal` stays null until local persistence reports ready, so no screen can write into a
 * half-loaded document (a fresh template written then could shadow real data still loading).
 *
 * Which database holds the vault is the device store's to say (`vaultDb`, `mull-vault` when
 * absent): keeping a journal apart switches it (./keep-apart.ts). Tests name one instead.
 */
import * as Y from 'yjs';
import { DeviceStore } from '../sync/device-store';
import { LocalPersistence } from '../sync/local-persistence';
import { salvage } from '../sync/salvage';
import { exportVault, type SalvageExport } from '../transfer/json-export';
import { ensureSchema, type SchemaStatus } from '../vault';
import { JournalState } from './journal.svelte';
import { PersistenceState } from './persistence.svelte';
import { SettingsState } from './settings.svelte';
import type { SyncState } from './sync.svelte';
import type { PeopleState } from './people.svelte';
import { TransferState } from './transfer.svelte';
import { SearchState } from './search.svelte';
import type { KeptApartState } from './kept-apart.svelte';

/** The IndexedDB database that holds this device's vault unless the device store names another. */
export { VAULT_DB_NAME } from '../sync/device-store';

export class VaultState {
  readonly doc = new Y.Doc();
  readonly persistence: PersistenceState;
  readonly ready: Promise<void>;
  #local: LocalPersistence;
  readonly #store: DeviceStore;
  /** Whether the device store named the database (rather than the caller). */
  readonly #storeNamed: boolean;
  #journal = $state.raw<JournalState | null>(null);
  #settings = $state.raw<SettingsState | null>(null);
  #sync = $state.raw<SyncState | null>(null);
  #people = $state.raw<PeopleState | null>(null);
  #schema = $state<SchemaStatus | null>(null);

  /**
   * @param dbName the vault's database; by default the one the device store names.
   * @param store this device's store (the vault's database name, journals kept apart).
   */
  constructor(dbName?: string, store = new DeviceStore()) {
    this.#store = store;
    this.#storeNamed = dbName === undefined;
    this.#local = new LocalPersistence(dbName ?? (() => store.vaultDbName()), this.doc);
    this.persistence = new PersistenceState(this.#local);
    this.transfer = new TransferState(this.doc);
    this.search = new SearchState(this.doc);
    this.ready = this.#local.whenReady.then(() => {
      this.#schema = ensureSchema(this.doc);
      // A vault from a newer Mull is never opened for editing by this one (see App.svelte).
      if (this.#schema === 'current') {
        this.#settings = new SettingsState(this.doc);
        this.#journal = new JournalState(this.doc);
      }
    });
    this.ready.catch(() => {}); // reported through `persistence.load`
  }

  #keptApart: Promise<KeptApartState> | null = null;

  /**
   * Journals kept apart on this device (Settings). Loaded on first use: download and merge
   * bring the export and salvage code, which the first screen does not need.
   */
  loadKeptApart(): Promise<KeptApartState> {
    this.#keptApart ??= import('./kept-apart.svelte').then(
      ({ KeptApartState }) =>
        new KeptApartState(this.#store, {
          doc: this.doc,
          ready: this.ready,
          whenSaved: () => this.whenSaved(),
          writeError: () => this.persistence.writeError,
        }),
    );
    return this.#keptApart;
  }

  /** The vault's IndexedDB database; `''` until the load has asked the device store. */
  get dbName(): string {
    return this.#local.name;
  }

  get journal(): JournalState | null {
    return this.#journal;
  }

  /** Available together with `journal`. */
  get settings(): SettingsState | null {
    return this.#settings;
  }

  /**
   * Export and import. Made here, not on first read: state created while a component renders
   * is invisible to that render's own tracking, so the component would never update.
   */
  readonly transfer: TransferState;
  /** Search; its index is built the first time the Search screen opens. */
  readonly search: SearchState;

  /** Own-device sync; created once the vault has loaded and `startSync()` is called. */
  get sync(): SyncState | null {
    return this.#sync;
  }

  /** Contacts, conversations and replies; available once sync has started. */
  get people(): PeopleState | null {
    return this.#people;
  }

  /**
   * Joins the vault's peer room (browsers; not in unit tests). Only after the local load:
   * peers must never be offered a half-loaded document.
   */
  async startSync(): Promise<void> {
    await this.ready;
    if (this.#sync || this.#schema !== 'current') return;
    // y-webrtc and its peer library are a large part of the code: load them after first paint.
    const { SyncState } = await import('./sync.svelte');
    if (this.#sync) return;
    // Sync reads the vault secret only while this page's vault is still this device's
    // journal: a tab left on a journal kept apart must never sync it under the new secret.
    const sync = new SyncState(
      this.doc,
      this.#storeNamed ? this.#store.pinnedTo(this.dbName) : undefined,
    );
    this.#sync = sync;
    await sync.start();
    const { PeopleState } = await import('./people.svelte');
    const people = new PeopleState(
      this.doc,
      () => sync.network,
      () => sync,
    );
    this.#people = people;
    people.start();
  }

  /** 'newer' when a newer Mull wrote this vault: show it, but this version must not edit it. */
  get schema(): SchemaStatus | null {
    return this.#schema;
  }

  /** Everything written, as a plain export (works while storage is failing to save). */
  export(): ReturnType<typeof exportVault> {
    return exportVault(this.doc);
  }

  /** For a vault that failed to load: what can be read, row by row, without writing. */
  async rescue(): Promise<SalvageExport> {
    const found = await salvage(this.dbName);
    const base = exportVault(found.doc);
    found.doc.destroy();
    return {
      ...base,
      salvage: {
        rowsRead: found.rowsRead,
        unreadableRows: found.unreadableRows,
        rawRows: found.rawRows,
      },
    };
  }

  /** Resolves once every write issued so far has reached IndexedDB. */
  whenSaved(): Promise<void> {
    return this.#local.whenIdle();
  }

  destroy(): void {
    this.#journal?.destroy();
    this.#sync?.destroy();
    this.#people?.destroy();
    this.search.destroy();
    this.persistence.destroy();
    this.#local.destroy();
    this.doc.destroy();
    void this.#store.close();
  }
}
