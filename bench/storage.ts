/**
 * Figure 7: bytes kept in IndexedDB after a year of daily editing, next to the size of the
 * document encoded once (`Y.encodeStateAsUpdate`) — target ≤ 2×.
 *
 * A year of the synthetic vault is generated with its update stream (every keystroke run,
 * typo, `updatedAt` stamp and later edit as the editor emits them), split into days, and
 * replayed day by day into a doc kept by the app's own `LocalPersistence` on fake-indexeddb.
 * After each day the replay waits until every write has committed and, when the row count has
 * reached y-indexeddb's trim size, for the app's own debounced compaction to run — the pause
 * after a writing session. Nothing here calls `compact()` itself.
 */
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { LocalPersistence, PREFERRED_TRIM_SIZE } from '../src/lib/sync/local-persistence';
import { openYDatabase, readAllRows, rowBytes } from '../src/lib/sync/idb';
import { entriesOf } from '../src/lib/vault';
import { generateSyntheticVault } from './synthetic-vault';
import { round, sleep } from './stats';

export interface StorageFigures {
  storage_ratio: number | null;
  storage_stored_kb: number | null;
  storage_encoded_kb: number | null;
  storage_rows: number;
  /** The largest stored/encoded ratio seen at the end of any day of the year. */
  storage_worst_day_ratio: number | null;
  /** Every update ever written, had nothing been compacted. */
  storage_uncompacted_kb: number | null;
  storage_updates_written: number;
  storage_compactions: number;
  storage_days: number;
}

const DAYS = 365;
/**
 * The app compacts after 5 s without writes (then an idle moment). Replaying a year day by
 * day, the bench shortens that pause to this: when compaction runs changes, not what it keeps.
 */
const COMPACT_AFTER_MS = 50;
/** How long to wait, at most, for a compaction the app has scheduled. */
const COMPACTION_WAIT_MS = 5000;

async function storedBytes(name: string): Promise<{ bytes: number; rows: number }> {
  const db = await openYDatabase(name);
  try {
    const { values } = await readAllRows(db);
    return {
      bytes: values.reduce<number>((sum, v) => sum + rowBytes(v).bytes.length, 0),
      rows: values.length,
    };
  } finally {
    db.close();
  }
}

/** The year's update stream, one list of updates per day, as the editor emitted them. */
function yearByDay(days: number): Uint8Array[][] {
  const source = new Y.Doc();
  source.clientID = 7;
  const entries = entriesOf(source);
  const byDay: Uint8Array[][] = [];
  generateSyntheticVault({
    seed: 7,
    days,
    doc: source,
    onUpdate: (update) => {
      // Each day starts by creating its check-in, then its entry: two new entries a day.
      const day = Math.max(0, Math.floor((entries.size - 1) / 2));
      (byDay[day] ??= []).push(update);
    },
  });
  source.destroy();
  return byDay;
}

export async function benchStorage(
  log: (line: string) => void = () => {},
): Promise<StorageFigures> {
  const byDay = yearByDay(DAYS);
  const name = `bench-storage-${Date.now()}`;
  const doc = new Y.Doc();
  const persistence = new LocalPersistence(name, doc, { compactAfterMs: COMPACT_AFTER_MS });
  await persistence.whenReady;

  let written = 0;
  let writtenBytes = 0;
  let compactions = 0;
  let worst = 0;
  for (const [day, updates] of byDay.entries()) {
    for (const update of updates) {
      Y.applyUpdate(doc, update, 'bench-typing');
      written++;
      writtenBytes += update.length;
    }
    await persistence.whenIdle();
    if (persistence._dbsize >= PREFERRED_TRIM_SIZE) {
      const waitUntil = Date.now() + COMPACTION_WAIT_MS;
      while (persistence._dbsize >= PREFERRED_TRIM_SIZE && Date.now() < waitUntil) await sleep(50);
      if (persistence._dbsize < PREFERRED_TRIM_SIZE) compactions++;
      else throw new Error(`storage: no compaction ${COMPACTION_WAIT_MS} ms after day ${day}`);
    }
    const stored = await storedBytes(name);
    worst = Math.max(worst, stored.bytes / Y.encodeStateAsUpdate(doc).length);
    if (day % 60 === 59) log(`storage: day ${day + 1}/${byDay.length}, ${stored.rows} rows`);
  }

  const stored = await storedBytes(name);
  const encoded = Y.encodeStateAsUpdate(doc).length;
  persistence.destroy();
  doc.destroy();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = () => resolve();
  });
  return {
    storage_ratio: round(stored.bytes / encoded, 3),
    storage_stored_kb: round(stored.bytes / 1024, 1),
    storage_encoded_kb: round(encoded / 1024, 1),
    storage_rows: stored.rows,
    storage_worst_day_ratio: round(worst, 3),
    storage_uncompacted_kb: round(writtenBytes / 1024, 1),
    storage_updates_written: written,
    storage_compactions: compactions,
    storage_days: byDay.length,
  };
}
