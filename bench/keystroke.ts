/**
 * Figure 2: keystroke → committed in IndexedDB, with the ten-year vault loaded.
 *
 * In a fresh browser on the seeded profile, the journal opens, "New entry" is pressed and a
 * paragraph is typed key by key at a steady typist's pace. The page is instrumented, not the
 * app: a capturing `keydown` listener notes each key's event time, and a wrapper around
 * `IDBDatabase.prototype.transaction` notes when every transaction on the vault's `updates`
 * store was created and when it fired `complete` (committed). A key's latency is from its
 * keydown to the commit of the first write transaction created after it (and before the next
 * key). A compaction (the transaction that reads every row back, y-indexeddb's 500-row trim)
 * is not a keystroke's write, but a keystroke's write that has to wait behind one pays for it:
 * the profile holds ≈ 430 rows, so one compaction of the whole ten years falls in the run.
 */
import type { Page } from '@playwright/test';
import { close, launch } from './browser/chromium';
import { VAULT_DB_NAME } from './browser/vault-profile';
import { waitForJournal } from './cold-start';
import { median, percentile, round, sleep } from './stats';

export const KEYSTROKE_TARGET_P95_MS = 20;
/** Keys typed; enough that a 500-row compaction happens inside the run. */
const KEYS = 300;
/** Milliseconds between keys: 80–160 (≈ 75–150 words a minute), from a fixed sequence. */
const GAP_MIN_MS = 80;
const GAP_SPREAD_MS = 80;
/** After the last key, time for its write to commit. */
const DRAIN_MS = 2000;

const TEXT =
  'Walked to the river after work and sat on the wall for a while. The light was soft and ' +
  'the water slow, and I noticed how tired I was only once I stopped. Called Mum on the way ' +
  'home; she sounded well. Tomorrow I want to cook something proper, read before bed, and ' +
  'not look at the phone until after breakfast. Grateful for small things today, mostly.';

export interface KeystrokeFigures {
  keystroke_persist_p50_ms: number | null;
  keystroke_persist_p95_ms: number | null;
  keystroke_persist_max_ms: number | null;
  /** keydown → the write transaction created (the app and the editor's share). */
  keystroke_to_tx_p95_ms: number | null;
  /** transaction created → committed (IndexedDB's share, including waiting behind others). */
  keystroke_tx_commit_p95_ms: number | null;
  keystroke_keys: number;
  keystroke_unmatched: number;
  keystroke_compactions: number;
  keystroke_target_p95_ms: number;
}

interface Recorded {
  keys: number[];
  txs: { created: number; done: number | null; compaction: boolean }[];
}

/** Installs the recorders in the page (run once the app has loaded). */
async function instrument(page: Page, dbName: string): Promise<void> {
  await page.evaluate((vaultDb) => {
    const recorded: Recorded = { keys: [], txs: [] };
    (window as unknown as { __benchKeys: Recorded }).__benchKeys = recorded;
    addEventListener('keydown', (e) => recorded.keys.push(e.timeStamp), { capture: true });
    const byTx = new WeakMap<IDBTransaction, Recorded['txs'][number]>();
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ): IDBTransaction {
      const tx = transaction.apply(this, args);
      const [stores, mode] = args;
      const names = typeof stores === 'string' ? [stores] : [...stores];
      if (this.name === vaultDb && mode === 'readwrite' && names.includes('updates')) {
        const record = {
          created: performance.now(),
          done: null as number | null,
          compaction: false,
        };
        recorded.txs.push(record);
        byTx.set(tx, record);
        tx.addEventListener('complete', () => (record.done = performance.now()));
      }
      return tx;
    };
    // Compaction reads the rows back inside its write transaction; a keystroke's write never does.
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['getAll']>
    ): IDBRequest<unknown[]> {
      const record = byTx.get(this.transaction);
      if (record) record.compaction = true;
      return getAll.apply(this, args);
    };
  }, dbName);
}

export async function benchKeystroke(
  origin: string,
  profileDir: string,
  log: (line: string) => void,
): Promise<KeystrokeFigures> {
  const { chromium, page } = await launch(profileDir);
  try {
    await waitForJournal(page, origin);
    await instrument(page, VAULT_DB_NAME);
    await page.getByRole('button', { name: 'New entry' }).click();
    const editor = page.getByRole('textbox', { name: 'Entry text' });
    await editor.waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('.cm-content') != null);
    // Let the editor's first render settle, as a person's first key comes a moment later.
    await sleep(500);

    log(`keystroke: typing ${KEYS} keys …`);
    for (let i = 0; i < KEYS; i++) {
      await page.keyboard.type(TEXT[i % TEXT.length] as string);
      // A fixed, uneven rhythm (golden-ratio steps), the same on every run.
      await sleep(GAP_MIN_MS + ((i * 0.618034) % 1) * GAP_SPREAD_MS);
    }
    await sleep(DRAIN_MS);
    const recorded = await page.evaluate(
      () => (window as unknown as { __benchKeys: Recorded }).__benchKeys,
    );

    const writes = recorded.txs.filter((t) => !t.compaction).sort((a, b) => a.created - b.created);
    const total: number[] = [];
    const toTx: number[] = [];
    const commit: number[] = [];
    let unmatched = 0;
    recorded.keys.forEach((key, i) => {
      const next = recorded.keys[i + 1] ?? Infinity;
      const write = writes.find((w) => w.created >= key && w.created < next);
      if (!write || write.done === null) {
        unmatched++;
        return;
      }
      total.push(write.done - key);
      toTx.push(write.created - key);
      commit.push(write.done - write.created);
    });
    return {
      keystroke_persist_p50_ms: round(median(total), 1),
      keystroke_persist_p95_ms: round(percentile(total, 95), 1),
      keystroke_persist_max_ms: round(Math.max(...total), 1),
      keystroke_to_tx_p95_ms: round(percentile(toTx, 95), 1),
      keystroke_tx_commit_p95_ms: round(percentile(commit, 95), 1),
      keystroke_keys: recorded.keys.length,
      keystroke_unmatched: unmatched,
      keystroke_compactions: recorded.txs.filter((t) => t.compaction).length,
      keystroke_target_p95_ms: KEYSTROKE_TARGET_P95_MS,
    };
  } finally {
    await close(chromium);
  }
}
