/**
 * The home peer's embedded store: every document it keeps, held the way y-indexeddb holds one
 * in a browser — an append-only list of Yjs updates per document, now and then replaced by one
 * snapshot — in a single SQLite file (better-sqlite3).
 *
 *   updates     (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT, data BLOB, crc INTEGER)
 *   quarantine  (id, doc, data, crc, reason, quarantined_at)   rows that could not be read
 *
 * `doc` is the document's derived id (`vault-…`, `conv-…`, keys/derive.ts): never a room name,
 * a secret or a person's name. `data` is a Yjs update (v1, as y-indexeddb stores them); `crc`
 * its CRC-32, so a row damaged on disk is told apart from a row Yjs cannot read.
 *
 * Durability: the journal is a WAL with `synchronous = FULL`, so `append` returns only after
 * its row is in the WAL *and the WAL has been fsynced*. better-sqlite3 is synchronous, which
 * is why this store exists instead of y-leveldb (whose writes are promises): the home peer
 * stores an update inside Yjs's `update` event, before the event loop turns, so nothing can
 * relay or advertise an update that is not yet on disk (see persisted-doc.ts).
 *
 * One process at a time: the data directory is locked (data-dir-lock.ts). Readers in other
 * processes (tests, `sqlite3` for a look) are fine — WAL lets them read while it writes.
 */
import Database from 'better-sqlite3';
import { crc32 } from 'node:zlib';

export const STORE_FILE = 'mull-home.sqlite';
/**
 * After a checkpoint the WAL file is cut back to this size: without a limit it keeps the size
 * of its largest burst (a compaction of a big vault) for ever.
 */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

export type QuarantineReason = 'checksum' | 'unreadable';

export interface LoadResult {
  /** Rows read and applied. */
  rows: number;
  /** Their total size in bytes. */
  bytes: number;
  /** Rows moved to the quarantine table during this load. */
  quarantined: number;
  /** The highest row id seen, or 0. */
  lastId: number;
  /**
   * Bytes of the first row read: after a compaction, the snapshot (compaction deletes every
   * row before it), so `bytes - firstBytes` is what was written since.
   */
  firstBytes: number;
}

export interface QuarantinedRow {
  id: number;
  doc: string;
  bytes: number;
  reason: QuarantineReason;
}

interface Row {
  id: number;
  data: Buffer;
  crc: number;
}

const bytesOf = (data: Buffer): Uint8Array =>
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export class DocStore {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, Buffer, number]>;
  readonly #rows: Database.Statement<[string], Row>;
  readonly #stats: Database.Statement<[string], { rows: number; bytes: number | null }>;
  readonly #deleteBefore: Database.Statement<[string, number]>;
  readonly #quarantine: Database.Transaction<(doc: string, row: Row, reason: string) => void>;
  readonly #snapshot: Database.Transaction<(doc: string, snapshot: Uint8Array) => number>;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
    this.#insert = db.prepare('INSERT INTO updates (doc, data, crc) VALUES (?, ?, ?)');
    this.#rows = db.prepare('SELECT id, data, crc FROM updates WHERE doc = ? ORDER BY id');
    this.#stats = db.prepare(
      'SELECT count(*) AS rows, sum(length(data)) AS bytes FROM updates WHERE doc = ?',
    );
    this.#deleteBefore = db.prepare('DELETE FROM updates WHERE doc = ? AND id < ?');
    const keepAside = db.prepare(
      'INSERT INTO quarantine (id, doc, data, crc, reason, quarantined_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const remove = db.prepare('DELETE FROM updates WHERE id = ?');
    this.#quarantine = db.transaction((doc: string, row: Row, reason: string) => {
      keepAside.run(row.id, doc, row.data, row.crc, reason, new Date().toISOString());
      remove.run(row.id);
    });
    // Compaction in one transaction: the snapshot is on disk before any row it replaces goes.
    this.#snapshot = db.transaction((doc: string, snapshot: Uint8Array) => {
      const id = Number(this.#insertRow(doc, snapshot));
      this.#deleteBefore.run(doc, id);
      return id;
    });
  }

  /** Opens (creating when absent) the store at `path`. */
  static open(path: string): DocStore {
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      // FULL: every commit fsyncs the WAL, so a committed row survives a power cut, not only
      // a killed process (NORMAL would). The home peer commits once per received update.
      db.pragma('synchronous = FULL');
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
      db.pragma('busy_timeout = 5000');
      db.exec(`
        CREATE TABLE IF NOT EXISTS updates (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          doc TEXT NOT NULL,
          data BLOB NOT NULL,
          crc INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (doc, id);
        CREATE TABLE IF NOT EXISTS quarantine (
          id INTEGER PRIMARY KEY,
          doc TEXT NOT NULL,
          data BLOB NOT NULL,
          crc INTEGER NOT NULL,
          reason TEXT NOT NULL,
          quarantined_at TEXT NOT NULL
        );
      `);
    } catch (err) {
      db.close();
      throw err;
    }
    return new DocStore(path, db);
  }

  #insertRow(doc: string, update: Uint8Array): number | bigint {
    const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    return this.#insert.run(doc, data, crc32(data)).lastInsertRowid;
  }

  /**
   * Stores one update of `doc`; returns once it is committed and fsynced (its row id).
   * Throws when it could not be stored (disk full, file gone): the caller must not count it.
   */
  append(doc: string, update: Uint8Array): number {
    return Number(this.#insertRow(doc, update));
  }

  /**
   * Gives every stored update of `doc` to `apply`, oldest first, streaming (rows are not all
   * held at once). A row whose checksum fails, or that `apply` throws on, is moved to the
   * quarantine table — kept, never deleted — and loading goes on with the next.
   */
  load(
    doc: string,
    apply: (update: Uint8Array) => void,
    onQuarantine?: (row: QuarantinedRow) => void,
  ): LoadResult {
    const result: LoadResult = { rows: 0, bytes: 0, quarantined: 0, lastId: 0, firstBytes: 0 };
    const bad: [Row, QuarantineReason][] = [];
    for (const row of this.#rows.iterate(doc)) {
      result.lastId = row.id;
      if (crc32(row.data) !== row.crc) {
        bad.push([row, 'checksum']);
        continue;
      }
      try {
        apply(bytesOf(row.data));
      } catch {
        bad.push([row, 'unreadable']);
        continue;
      }
      if (result.rows === 0) result.firstBytes = row.data.byteLength;
      result.rows += 1;
      result.bytes += row.data.byteLength;
    }
    // Moved after the read: a statement cannot write while another one is iterating.
    for (const [row, reason] of bad) {
      this.#quarantine(doc, row, reason);
      result.quarantined += 1;
      onQuarantine?.({ id: row.id, doc, bytes: row.data.byteLength, reason });
    }
    return result;
  }

  /**
   * Replaces every stored row of `doc` with `snapshot` (which must hold all of them), in one
   * transaction. Returns the snapshot's row id.
   */
  compact(doc: string, snapshot: Uint8Array): number {
    return this.#snapshot(doc, snapshot);
  }

  /**
   * Deletes every row of `doc`, quarantined ones too (a conversation the person chose to
   * delete from their devices). Stop writing to it first.
   */
  deleteDoc(doc: string): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM updates WHERE doc = ?').run(doc);
      this.#db.prepare('DELETE FROM quarantine WHERE doc = ?').run(doc);
    })();
  }

  /** Rows and bytes stored for `doc` now. */
  stats(doc: string): { rows: number; bytes: number } {
    const { rows, bytes } = this.#stats.get(doc) ?? { rows: 0, bytes: 0 };
    return { rows, bytes: bytes ?? 0 };
  }

  /** Every document with at least one stored row. */
  docs(): string[] {
    return this.#db
      .prepare<[], { doc: string }>('SELECT DISTINCT doc FROM updates ORDER BY doc')
      .all()
      .map((r) => r.doc);
  }

  /** Rows kept aside because they could not be read (their bytes stay in the file). */
  quarantined(): QuarantinedRow[] {
    return this.#db
      .prepare<[], QuarantinedRow>(
        'SELECT id, doc, length(data) AS bytes, reason FROM quarantine ORDER BY id',
      )
      .all();
  }

  /** How commits are made durable: `wal` and `2` (FULL) as opened. */
  durability(): { journalMode: string; synchronous: number } {
    return {
      journalMode: String(this.#db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.#db.pragma('synchronous', { simple: true })),
    };
  }

  /** Copies the WAL into the main file and truncates it (housekeeping; durability is the same). */
  checkpoint(): void {
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (!this.#db.open) return;
    try {
      this.checkpoint();
    } finally {
      this.#db.close();
    }
  }
}
