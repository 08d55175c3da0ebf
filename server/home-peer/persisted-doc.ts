/**
 * One Y.Doc kept in the DocStore, the home peer's counterpart of sync/local-persistence.ts.
 *
 * What "acknowledged" means. y-webrtc has no acknowledgements: a peer learns that the home
 * peer holds an update only from what the home peer does afterwards — relaying the update to
 * another peer, answering a sync request (sync step 2) that includes it, or sending a state
 * vector that counts it. Every one of those happens on a later turn of the event loop than
 * the `update` event in which the update was applied. This class stores the update *inside*
 * that event, synchronously (better-sqlite3, WAL fsynced on commit), and its listener is
 * registered before the room's, so by the time anything can show that the home peer has an
 * update, the update is on disk. A SIGKILL or a power cut therefore loses nothing a peer could
 * have seen the home peer acknowledge.
 *
 *   peer ──update──▶ y-webrtc applies ──▶ doc 'update' ──▶ 1. store.append (commit + fsync)
 *                                                          2. y-webrtc relays it to others
 *                                                          3. later: sync answers include it
 *
 * If a write fails (disk full), the update stays in memory only: `write-failed` is emitted
 * (the home peer leaves the document's room, so it stops vouching for it), and the whole
 * document is written again with backoff until that succeeds, then `write-ok`.
 *
 * Compaction keeps the table short: after `COMPACT_AFTER_ROWS` rows or `COMPACT_AFTER_BYTES`
 * bytes since the last snapshot, and a quiet `COMPACT_DEBOUNCE_MS`, all rows are replaced by
 * one snapshot in one transaction. Memory: rows are streamed at load and never kept; what
 * stays is the Y.Doc itself (with Yjs's garbage collection of deleted content).
 */
import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
// Retrying a failed write follows the browser's schedule: one disk, one backoff.
import { WRITE_RETRY_MS } from '../../src/lib/sync/local-persistence';
import type { DocStore, LoadResult, QuarantinedRow } from './doc-store';

/** y-indexeddb's PREFERRED_TRIM_SIZE: compact after this many rows. */
export const COMPACT_AFTER_ROWS = 500;
/** …or after this many bytes written since the last snapshot (the snapshot itself not counted). */
export const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;
/** Compaction waits for this long a pause in writing (a burst of typing is one compaction). */
export const COMPACT_DEBOUNCE_MS = 2000;
/** Past twice the thresholds, compaction runs even while updates keep coming. */
const COMPACT_FORCE_FACTOR = 2;

type Events = {
  /** An update could not be stored; the doc is ahead of the disk until `write-ok`. */
  'write-failed': (error: Error) => void;
  /** Everything in memory is on disk again. */
  'write-ok': () => void;
  compacted: (info: { bytes: number; rowsReplaced: number }) => void;
  /** Compaction failed; every row it meant to replace is still stored. Retried on later writes. */
  'compact-failed': (error: Error) => void;
};

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

export class PersistedDoc extends ObservableV2<Events> {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly loaded: LoadResult;
  readonly #store: DocStore;
  #rowsSinceSnapshot: number;
  #bytesSinceSnapshot: number;
  #storedBytes: number;
  #compactTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #retryAttempt = 0;
  #failing = false;
  #destroyed = false;

  private constructor(store: DocStore, name: string, doc: Y.Doc, loaded: LoadResult) {
    super();
    this.#store = store;
    this.name = name;
    this.doc = doc;
    this.loaded = loaded;
    this.#rowsSinceSnapshot = loaded.rows;
    // A big vault is one big snapshot: its size alone must not trigger a compaction per start.
    this.#bytesSinceSnapshot = loaded.bytes - loaded.firstBytes;
    this.#storedBytes = loaded.bytes;
    doc.on('update', this.#onUpdate);
    if (this.#overThreshold(1)) this.#scheduleCompaction();
  }

  /**
   * Loads `name` from the store into a new Y.Doc (synchronously) and keeps it stored from
   * then on. Attach nothing to the doc before this returns: this listener must come first.
   */
  static open(
    store: DocStore,
    name: string,
    onQuarantine?: (row: QuarantinedRow) => void,
  ): PersistedDoc {
    const doc = new Y.Doc();
    let loaded: LoadResult = { rows: 0, bytes: 0, quarantined: 0, lastId: 0, firstBytes: 0 };
    // One transaction for the whole load, as y-indexeddb does: observers (none yet) and the
    // update event fire once, and the origin marks it as ours so it is not written back.
    doc.transact(() => {
      loaded = store.load(name, (update) => Y.applyUpdate(doc, update), onQuarantine);
    }, PersistedDoc.LOAD_ORIGIN);
    return new PersistedDoc(store, name, doc, loaded);
  }

  /** The origin of the loading transaction. */
  static readonly LOAD_ORIGIN = Symbol('home-peer load');

  /** True while the doc holds updates that are not on disk. */
  get failing(): boolean {
    return this.#failing;
  }

  /** Bytes stored for this document: what was loaded, written since, or the last snapshot. */
  get storedBytes(): number {
    return this.#storedBytes;
  }

  /** Rows stored since the last snapshot (the snapshot itself included). */
  get rowsSinceSnapshot(): number {
    return this.#rowsSinceSnapshot;
  }

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === PersistedDoc.LOAD_ORIGIN || this.#destroyed) return;
    try {
      this.#store.append(this.name, update);
    } catch (err) {
      this.#onWriteFailed(asError(err));
      return;
    }
    this.#rowsSinceSnapshot += 1;
    this.#bytesSinceSnapshot += update.byteLength;
    this.#storedBytes += update.byteLength;
    // Storage works again: write what failed earlier right away rather than on the timer.
    if (this.#failing) this.#retryNow();
    if (this.#overThreshold(COMPACT_FORCE_FACTOR)) this.compact();
    else if (this.#overThreshold(1)) this.#scheduleCompaction();
  };

  #overThreshold(factor: number): boolean {
    return (
      this.#rowsSinceSnapshot >= COMPACT_AFTER_ROWS * factor ||
      this.#bytesSinceSnapshot >= COMPACT_AFTER_BYTES * factor
    );
  }

  #onWriteFailed(error: Error): void {
    const first = !this.#failing;
    this.#failing = true;
    if (first) this.emit('write-failed', [error]);
    if (this.#retryTimer === undefined && !this.#destroyed) {
      const wait = WRITE_RETRY_MS[Math.min(this.#retryAttempt, WRITE_RETRY_MS.length - 1)];
      this.#retryAttempt += 1;
      this.#retryTimer = setTimeout(() => this.#retryNow(), wait);
    }
  }

  /** Stores the whole document as one snapshot: every update that failed is inside it. */
  #retryNow(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#destroyed || !this.#failing) return;
    try {
      this.#snapshotNow();
    } catch (err) {
      this.#onWriteFailed(asError(err));
      return;
    }
    this.#failing = false;
    this.#retryAttempt = 0;
    this.emit('write-ok', []);
  }

  #scheduleCompaction(): void {
    clearTimeout(this.#compactTimer);
    this.#compactTimer = setTimeout(() => this.compact(), COMPACT_DEBOUNCE_MS);
    this.#compactTimer.unref?.();
  }

  #snapshotNow(): void {
    const rowsReplaced = this.#rowsSinceSnapshot;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.#store.compact(this.name, snapshot);
    this.#rowsSinceSnapshot = 1;
    this.#bytesSinceSnapshot = 0;
    this.#storedBytes = snapshot.byteLength;
    this.emit('compacted', [{ bytes: snapshot.byteLength, rowsReplaced }]);
  }

  /**
   * Replaces the stored rows with one snapshot of the doc. Safe at any time: the doc holds
   * every stored row (they were loaded or written from it), and rows that could not be read
   * are in the quarantine table, which compaction never touches.
   */
  compact(): void {
    clearTimeout(this.#compactTimer);
    this.#compactTimer = undefined;
    if (this.#destroyed || this.#failing) return;
    try {
      this.#snapshotNow();
    } catch (err) {
      // Housekeeping: the rows it meant to replace are all still there, and the next write
      // over the threshold schedules another try.
      this.emit('compact-failed', [asError(err)]);
    }
  }

  /** Stops storing (the doc is left to the caller). Stored data stays as it is. */
  override destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#compactTimer);
    clearTimeout(this.#retryTimer);
    this.doc.off('update', this.#onUpdate);
    super.destroy();
  }
}
