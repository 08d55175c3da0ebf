/**
 * Keeps a Y.Doc in IndexedDB, in y-indexeddb's format and with y-indexeddb's loader.
 *
 * Why not `new IndexeddbPersistence(name, doc)` as it is? Three of its behaviours can cost a
 * person their journal, and Mull needs them the other way round:
 *
 *  - A row that fails to decode rejects a promise nobody holds: `whenSynced` never settles and
 *    the app waits forever. Here the load's error reaches `whenReady`, and writing stops.
 *  - A failed write (disk full, connection closed) is an unhandled rejection and the update is
 *    gone from disk. Here it is reported, and the whole document is written again until it
 *    succeeds, so typing is never silently lost.
 *  - Compaction adds a snapshot and deletes old rows in separate transactions. Here it is one
 *    transaction that first merges rows written by other tabs, so nothing can fall between.
 *
 * The stores, keys and loader (`fetchUpdates`) are y-indexeddb's, so data moves freely between
 * the two (tests/unit/sync/local-persistence.test.ts shows both directions).
 *
 *   name? ──▶ open db ──▶ fetchUpdates ──▶ ready ──▶ every doc update → one IDB transaction
 *     │          │             │                         │ failure → writeError, retry whole state
 *     └─ error ──┴─ error ─────┴─ error → failed (nothing is written from then on)
 *
 * The name may be found out at the start of the load (the vault's comes from the device store,
 * which says which database is this device's journal: see ../state/keep-apart.ts).
 */
import * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import { fetchUpdates, PREFERRED_TRIM_SIZE, type IndexeddbPersistence } from 'y-indexeddb';
import {
  CUSTOM_STORE,
  openYDatabase,
  requestToPromise,
  transactionDone,
  UPDATES_STORE,
} from './idb';
import { STORED_BYTES_KEY, storedBytesOf } from './room-budget';

/** After this long without loading, say so (the load may be slow, or hung on a bad row). */
export const LOAD_SLOW_MS = 3000;
/** Waits between attempts to write again after a failed write, last one repeating. */
export const WRITE_RETRY_MS = [1000, 2000, 5000, 10000, 30000] as const;
/**
 * Compaction waits for a pause in writing this long, then for an idle moment: re-encoding
 * years of writing takes hundreds of milliseconds on the main thread, which must not land in
 * the middle of a sentence.
 */
export const COMPACT_DEBOUNCE_MS = 5000;
export { PREFERRED_TRIM_SIZE };

export type LoadState = 'loading' | 'slow' | 'ready' | 'failed';
export type LoadFailureKind = 'unavailable' | 'corrupt';

export interface PersistenceStatus {
  load: LoadState;
  failure: { kind: LoadFailureKind; message: string } | null;
  /** Updates applied in memory whose IndexedDB transaction has not committed yet. */
  pendingWrites: number;
  /** Why the last write failed, until a later write of the whole document succeeds. */
  writeError: string | null;
  /** `Date.now()` of the last committed write. */
  lastCommittedAt: number | null;
}

export class LoadError extends Error {
  readonly kind: LoadFailureKind;
  constructor(kind: LoadFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LoadError';
    this.kind = kind;
  }
}

const describe = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

type Events = { status: (status: PersistenceStatus) => void };

/** A database name, or how to find it out (the device store says which database is the vault). */
export type DatabaseName = string | (() => Promise<string>);

export class LocalPersistence extends ObservableV2<Events> {
  readonly doc: Y.Doc;
  /** Resolves once stored data is in `doc`; rejects with a `LoadError` if it cannot be. */
  readonly whenReady: Promise<void>;

  // Field names below match IndexeddbPersistence so y-indexeddb's `fetchUpdates` can use them.
  db: IDBDatabase | null = null;
  _dbref = 0;
  _dbsize = 0;
  _destroyed = false;

  #status: PersistenceStatus = {
    load: 'loading',
    failure: null,
    pendingWrites: 0,
    writeError: null,
    lastCommittedAt: null,
  };
  #slowTimer: ReturnType<typeof setTimeout> | undefined;
  #compactTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retryAttempt = 0;
  #needsFullWrite = false;
  #changedWhileLoading = false;
  /** Counts failed writes, so a whole-document write knows if one failed while it ran. */
  #failures = 0;
  #idleWaiters: (() => void)[] = [];
  readonly #compactAfterMs: number;
  /** Keep the stored size beside the rows (room-budget.ts), for a conversation's budget. */
  readonly #countBytes: boolean;
  #storedBytes = 0;
  #name: string;
  readonly #findName: (() => Promise<string>) | null;

  /**
   * @param name the database, or an async function that names it: it is called first thing
   *   in the load, and a failure there is a load failure of kind `unavailable`.
   * @param options.compactAfterMs the pause in writing compaction waits for
   *   (`COMPACT_DEBOUNCE_MS`); only the storage benchmark, replaying a year in seconds, sets it.
   * @param options.countStoredBytes keep a count of the stored bytes in the database itself,
   *   updated in the same transaction as each write (a conversation's budget, room-budget.ts).
   */
  constructor(
    name: DatabaseName,
    doc: Y.Doc,
    options: { compactAfterMs?: number; countStoredBytes?: boolean } = {},
  ) {
    super();
    this.#name = typeof name === 'string' ? name : '';
    this.#findName = typeof name === 'string' ? null : name;
    this.doc = doc;
    this.#compactAfterMs = options.compactAfterMs ?? COMPACT_DEBOUNCE_MS;
    this.#countBytes = options.countStoredBytes ?? false;
    this.#slowTimer = setTimeout(() => {
      if (this.#status.load === 'loading') this.#setStatus({ load: 'slow' });
    }, LOAD_SLOW_MS);
    this.whenReady = this.#load();
    // Callers who only watch `status` must not see an unhandled rejection.
    this.whenReady.catch(() => {});
    // Until the load is done, only notice *that* something else wrote: an 'update' listener
    // would make Yjs encode the whole load (megabytes, for years of writing) as one update,
    // only for it to be ignored here.
    doc.on('afterTransaction', this.#onTransactionWhileLoading);
    doc.on('destroy', this.#onDocDestroy);
  }

  #onTransactionWhileLoading = (transaction: Y.Transaction): void => {
    if (transaction.origin !== this && transaction.changed.size > 0) {
      this.#changedWhileLoading = true;
    }
  };

  get status(): PersistenceStatus {
    return this.#status;
  }

  /**
   * Bytes stored in the database (rows as written by this page, snapshots after compaction),
   * when counting was asked for; 0 otherwise, and until the load has read the count.
   */
  get storedBytes(): number {
    return this.#storedBytes;
  }

  /**
   * The database's name (for a rescue or an export). When the constructor was given a
   * function, `''` until the load has called it.
   */
  get name(): string {
    return this.#name;
  }

  async #load(): Promise<void> {
    let db: IDBDatabase;
    if (this.#findName) {
      try {
        this.#name = await this.#findName();
      } catch (err) {
        throw this.#fail(new LoadError('unavailable', describe(err), { cause: err }));
      }
      if (this._destroyed) throw new LoadError('unavailable', 'Closed before loading finished');
    }
    try {
      db = await openYDatabase(this.#name);
    } catch (err) {
      throw this.#fail(new LoadError('unavailable', describe(err), { cause: err }));
    }
    if (this._destroyed) {
      db.close();
      throw new LoadError('unavailable', 'Closed before loading finished');
    }
    this.#adoptDb(db);
    if (this.#countBytes) {
      try {
        this.#storedBytes = await storedBytesOf(db);
      } catch (err) {
        throw this.#fail(new LoadError('unavailable', describe(err), { cause: err }));
      }
    }
    try {
      await fetchUpdates(this as unknown as IndexeddbPersistence);
    } catch (err) {
      throw this.#fail(new LoadError('corrupt', describe(err), { cause: err }));
    }
    if (this._destroyed) throw new LoadError('unavailable', 'Closed before loading finished');
    clearTimeout(this.#slowTimer);
    this.doc.off('afterTransaction', this.#onTransactionWhileLoading);
    this.doc.on('update', this.#onUpdate);
    this.#setStatus({ load: 'ready' });
    // Callers should wait for `whenReady` before writing; if something wrote anyway, the
    // whole document (stored rows merged with it) is written once, so nothing is lost.
    if (this.#changedWhileLoading) void this.#write(Y.encodeStateAsUpdate(this.doc), false);
  }

  #fail(error: LoadError): LoadError {
    clearTimeout(this.#slowTimer);
    // From here on nothing is written: the stored data stays exactly as it was found.
    this.#stop();
    this.#setStatus({ load: 'failed', failure: { kind: error.kind, message: error.message } });
    return error;
  }

  #adoptDb(db: IDBDatabase): void {
    this.db = db;
    // Another tab deleting or upgrading the database, or the browser clearing site data:
    // let go, and let the next write reopen it (or report why it cannot).
    db.onversionchange = () => {
      db.close();
      if (this.db === db) this.db = null;
    };
    db.onclose = () => {
      if (this.db === db) this.db = null;
    };
  }

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this._destroyed || this.#status.load !== 'ready') return;
    void this.#write(update, false);
  };

  async #write(update: Uint8Array, isFullState: boolean): Promise<void> {
    this.#setStatus({ pendingWrites: this.#status.pendingWrites + 1 });
    const failuresBefore = this.#failures;
    try {
      let db = this.db;
      let payload = update;
      if (!db) {
        db = await this.#reopen();
        // The database we reopened may be a new, empty one (another tab deleted it, or site
        // data was cleared): an update alone would depend on history it no longer holds.
        payload = Y.encodeStateAsUpdate(this.doc);
        isFullState = true;
      }
      const tx = db.transaction(this.#stores(), 'readwrite');
      tx.objectStore(UPDATES_STORE).add(payload);
      if (this.#countBytes) addStoredBytes(tx, payload.length);
      await transactionDone(tx);
      this._dbsize++;
      if (this.#countBytes) this.#storedBytes += payload.length;
      this.#onWriteSucceeded(isFullState && this.#failures === failuresBefore);
    } catch (err) {
      this.#failures++;
      this.#onWriteFailed(err);
    } finally {
      this.#setStatus({ pendingWrites: this.#status.pendingWrites - 1 });
      if (this.#status.pendingWrites === 0) this.#idleWaiters.splice(0).forEach((w) => w());
    }
  }

  #stores(): string[] {
    return this.#countBytes ? [UPDATES_STORE, CUSTOM_STORE] : [UPDATES_STORE];
  }

  async #reopen(): Promise<IDBDatabase> {
    const db = await openYDatabase(this.#name);
    if (this._destroyed) {
      db.close();
      throw new Error('Closed');
    }
    this.#adoptDb(db);
    // Keys may have restarted in a recreated database: let compaction look at every row.
    this._dbref = 0;
    this._dbsize = 0;
    return db;
  }

  /**
   * @param coveredEverything a whole-document write during which no other write failed: only
   *   that proves every update so far is on disk.
   */
  #onWriteSucceeded(coveredEverything: boolean): void {
    if (coveredEverything) {
      this.#needsFullWrite = false;
      this.#retryAttempt = 0;
      this.#setStatus({ writeError: null, lastCommittedAt: Date.now() });
    } else {
      this.#setStatus({ lastCommittedAt: Date.now() });
      // Storage works again: write what failed earlier right away rather than on the timer.
      if (this.#needsFullWrite) this.#retryNow();
    }
    if (this._dbsize >= PREFERRED_TRIM_SIZE) this.#scheduleCompaction();
  }

  #onWriteFailed(err: unknown): void {
    if (this._destroyed) return;
    this.#needsFullWrite = true;
    this.#setStatus({ writeError: describe(err) });
    if (this.#retryTimer === undefined) {
      const wait = WRITE_RETRY_MS[Math.min(this.#retryAttempt, WRITE_RETRY_MS.length - 1)];
      this.#retryAttempt++;
      this.#retryTimer = setTimeout(() => this.#retryNow(), wait);
    }
  }

  /** Writes the whole document again. The updates that failed to store are all inside it. */
  #retryNow(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this._destroyed || !this.#needsFullWrite) return;
    void this.#write(Y.encodeStateAsUpdate(this.doc), true);
  }

  /** Asks for an immediate attempt to store everything again (a "Try again" button). */
  retryWrites(): void {
    if (this.#needsFullWrite) this.#retryNow();
  }

  #scheduleCompaction(): void {
    clearTimeout(this.#compactTimer);
    this.#compactTimer = setTimeout(() => {
      const idle = globalThis.requestIdleCallback;
      if (idle) idle(() => void this.compact(), { timeout: this.#compactAfterMs });
      else void this.compact();
    }, this.#compactAfterMs);
  }

  /**
   * Replaces every stored row with one snapshot of the document, in a single transaction:
   * rows another tab wrote since we last looked are merged into the doc first, so the
   * snapshot covers them before they are deleted.
   */
  async compact(): Promise<void> {
    const db = this.db;
    if (!db || this._destroyed || this.#status.load !== 'ready') return;
    try {
      const tx = db.transaction(this.#stores(), 'readwrite');
      const store = tx.objectStore(UPDATES_STORE);
      const unseen = await requestToPromise(
        store.getAll(IDBKeyRange.lowerBound(this._dbref, false)) as IDBRequest<Uint8Array[]>,
      );
      Y.transact(this.doc, () => unseen.forEach((u) => Y.applyUpdate(this.doc, u)), this, false);
      const snapshot = Y.encodeStateAsUpdate(this.doc);
      const key = await requestToPromise(store.add(snapshot));
      store.delete(IDBKeyRange.upperBound(key, true));
      if (this.#countBytes) tx.objectStore(CUSTOM_STORE).put(snapshot.length, STORED_BYTES_KEY);
      await transactionDone(tx);
      this._dbref = (key as number) + 1;
      this._dbsize = 1;
      if (this.#countBytes) this.#storedBytes = snapshot.length;
    } catch (err) {
      // Compaction is housekeeping: the rows it meant to replace are all still there.
      this.#onWriteFailed(err);
    }
  }

  /** Resolves when every write issued so far has committed (or failed and been reported). */
  whenIdle(): Promise<void> {
    if (this.#status.pendingWrites === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #setStatus(patch: Partial<PersistenceStatus>): void {
    this.#status = { ...this.#status, ...patch };
    this.emit('status', [this.#status]);
  }

  #stop(): void {
    this._destroyed = true;
    clearTimeout(this.#slowTimer);
    clearTimeout(this.#compactTimer);
    clearTimeout(this.#retryTimer);
    this.doc.off('update', this.#onUpdate);
    this.doc.off('afterTransaction', this.#onTransactionWhileLoading);
    this.doc.off('destroy', this.#onDocDestroy);
    this.db?.close();
    this.db = null;
  }

  #onDocDestroy = (): void => this.destroy();

  /** Stops writing and closes the database. Stored data is left as it is. */
  override destroy(): void {
    this.#stop();
    super.destroy();
  }
}

/**
 * Adds `bytes` to the stored count inside `tx` (read and written in the one transaction, so
 * two tabs writing the same database never lose each other's additions).
 */
function addStoredBytes(tx: IDBTransaction, bytes: number): void {
  const custom = tx.objectStore(CUSTOM_STORE);
  const read = custom.get(STORED_BYTES_KEY);
  read.onsuccess = () => {
    const before = typeof read.result === 'number' ? read.result : 0;
    custom.put(before + bytes, STORED_BYTES_KEY);
  };
}
