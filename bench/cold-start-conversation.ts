/**
 * Issue 13: one huge conversation must not slow the journal's start. Two profiles of one
 * person, the same one-year vault with the same contact; one of them also holds that contact's
 * conversation at CONV_STORED_MB (under the 50 MB budget, so it is loaded — in the background).
 * Alternately, each run starts a fresh browser on one profile and measures:
 *
 *   journal   navigation → `mull:journal-live-painted` (the vault read, decoded and painted),
 *             as in cold-start.ts;
 *   longest   the longest main-thread task in the SETTLE_MS after that (the conversation's
 *             load lands here, in idle time: reported, not a target);
 *   opened    whether the conversation had loaded by the end (the big profile: it must have);
 *   vault     the vault's stored size at the end: ArrivalsState copies their messages into
 *             my archive, so a huge conversation also grows the vault (reported);
 *   again     journal ready on the next start of the same profile, after that copy (reported:
 *             what the archive costs the journal from then on).
 *
 * Each run starts from a copy of the prepared profile, so every run is the first start after
 * the conversation arrived, never one after an earlier run archived it.
 * Target: journal-with ÷ journal-without ≈ 1 (within the noise of cold starts).
 */
import { cpSync } from 'node:fs';
import * as Y from 'yjs';
import { writeMessage } from '../src/lib/conversation';
import { docId, encodeSecret } from '../src/lib/keys';
import { STORED_BYTES_KEY } from '../src/lib/sync/room-budget';
import { addContact } from '../src/lib/vault';
import { close, launch } from './browser/chromium';
import { prepareProfile, waitForJournal } from './cold-start';
import { median, percentile, ratio, round, sleep } from './stats';
import { generateSyntheticVault } from './synthetic-vault';

/** The huge conversation's stored size. */
export const CONV_STORED_MB = 40;
/** How long a run watches the page after the journal is painted. */
const SETTLE_MS = 8000;
/** Bytes of base64 handed to the page per call. */
const CHUNK_CHARS = 4 * 1024 * 1024;

export interface ConversationColdStartFigures {
  cold_conv_journal_without_median_ms: number | null;
  cold_conv_journal_with_median_ms: number | null;
  cold_conv_journal_with_p95_ms: number | null;
  /** journal-with ÷ journal-without (medians): ≈ 1 is the target. */
  cold_conv_ratio: number | null;
  /** The median of each with-run over the without-run beside it (steadier under drift). */
  cold_conv_pair_ratio_median: number | null;
  /** The next start of each profile, after its first run (medians), and with ÷ without. */
  cold_conv_again_without_median_ms: number | null;
  cold_conv_again_with_median_ms: number | null;
  cold_conv_again_ratio: number | null;
  cold_conv_longest_task_without_ms: number | null;
  cold_conv_longest_task_with_ms: number | null;
  cold_conv_opened_runs: number;
  /** The vault's stored size at the end of a run, without and with (medians). */
  cold_conv_vault_without_mb: number | null;
  cold_conv_vault_with_mb: number | null;
  cold_conv_stored_mb: number;
  cold_conv_runs: number;
}

/** The one-year vault with one contact, and that contact's conversation secret. */
function vaultWithContact(): { rows: Uint8Array[]; secret: Uint8Array } {
  const doc = generateSyntheticVault({ days: 365, seed: 13 });
  const secret = crypto.getRandomValues(new Uint8Array(32));
  addContact(doc, {
    name: 'Sam',
    conversationSecret: encodeSecret(secret),
    theirMemberId: 'member-sam',
  });
  const rows = [Y.encodeStateAsUpdate(doc)];
  doc.destroy();
  return { rows, secret };
}

/** The conversation as a device that received it holds it: one row per message. */
function hugeConversationRows(): Uint8Array[] {
  const doc = new Y.Doc();
  const rows: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => rows.push(update));
  const target = CONV_STORED_MB * 1_000_000;
  let bytes = 0;
  for (let i = 0; bytes < target; i++) {
    writeMessage(doc, {
      id: `m${i}`,
      from: 'member-sam',
      text: `${i} ${'lorem ipsum dolor sit amet '.repeat(740)}`.slice(0, 20_000),
      sentAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    });
    bytes += rows.at(-1)!.length;
  }
  doc.destroy();
  return rows;
}

/** Adds `rows` to database `name` (y-indexeddb's layout) and its stored-size count. */
async function seedConversation(
  origin: string,
  profileDir: string,
  name: string,
  rows: Uint8Array[],
): Promise<void> {
  const { chromium, page } = await launch(profileDir);
  try {
    await page.goto(`${origin}/healthz`);
    const total = rows.reduce((n, r) => n + r.length, 0);
    const batches: string[][] = [[]];
    let chars = 0;
    for (const row of rows) {
      const b64 = Buffer.from(row).toString('base64');
      if (chars + b64.length > CHUNK_CHARS) {
        batches.push([]);
        chars = 0;
      }
      batches.at(-1)!.push(b64);
      chars += b64.length;
    }
    for (const [i, batch] of batches.entries()) {
      await page.evaluate(
        async ({ name, batch, count, countKey }) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const req = indexedDB.open(name);
            req.onupgradeneeded = () => {
              req.result.createObjectStore('updates', { autoIncrement: true });
              req.result.createObjectStore('custom');
            };
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          const tx = db.transaction(['updates', 'custom'], 'readwrite');
          for (const b64 of batch) {
            tx.objectStore('updates').add(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
          }
          if (count !== null) tx.objectStore('custom').put(count, countKey);
          await new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onabort = () => reject(tx.error);
          });
          db.close();
        },
        {
          name,
          batch,
          // The count the app keeps (room-budget.ts), written with the last batch.
          count: i === batches.length - 1 ? total : null,
          countKey: STORED_BYTES_KEY,
        },
      );
    }
  } finally {
    await close(chromium);
  }
}

interface Run {
  journal_ms: number;
  longest_task_ms: number;
  opened: boolean;
  vault_mb: number;
  again_ms: number;
}

async function runOnce(origin: string, profileDir: string, huge: boolean): Promise<Run> {
  const first = await firstStart(origin, profileDir, huge);
  const { chromium, page } = await launch(profileDir);
  try {
    const again = await waitForJournal(page, origin);
    return { ...first, again_ms: again.live_painted_ms };
  } finally {
    await close(chromium);
  }
}

async function firstStart(
  origin: string,
  profileDir: string,
  huge: boolean,
): Promise<Omit<Run, 'again_ms'>> {
  const { chromium, page } = await launch(profileDir);
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__longTasks.push({ start: e.startTime, duration: e.duration });
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    const load = await waitForJournal(page, origin);
    await sleep(SETTLE_MS);
    const longest = await page.evaluate((from) => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      const tasks = w.__longTasks.filter((t) => t.start >= from);
      return tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    }, load.live_painted_ms);
    // Did the conversation load? Ask the Inbox: its row shows the latest message once it has.
    await page.goto(`${origin}/#/inbox`);
    const opened =
      huge &&
      (await page
        .waitForFunction(
          () => /lorem ipsum/.test(document.querySelector('.conversation')?.textContent ?? ''),
          null,
          { timeout: 30_000, polling: 200 },
        )
        .then(() => true)
        .catch(() => false));
    await sleep(2000); // arrivals archive a moment after the conversation loads
    const vaultBytes = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('mull-vault');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction('updates').objectStore('updates').getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return rows.reduce<number>((n, r) => n + (r as Uint8Array).byteLength, 0);
    });
    return {
      journal_ms: load.live_painted_ms,
      longest_task_ms: longest,
      opened,
      vault_mb: vaultBytes / 1_000_000,
    };
  } finally {
    await close(chromium);
  }
}

export async function benchConversationColdStart(
  origin: string,
  newProfile: () => string,
  runs: number,
  log: (line: string) => void,
): Promise<ConversationColdStartFigures> {
  const vaultSecret = crypto.getRandomValues(new Uint8Array(32));
  const { rows, secret } = vaultWithContact();
  const without = newProfile();
  const withHuge = newProfile();
  await prepareProfile(origin, without, rows, vaultSecret);
  await prepareProfile(origin, withHuge, rows, vaultSecret);
  const conversation = hugeConversationRows();
  const storedMb = conversation.reduce((n, r) => n + r.length, 0) / 1_000_000;
  log(`cold start with a conversation: ${conversation.length} rows, ${storedMb.toFixed(1)} MB`);
  await seedConversation(origin, withHuge, `mull-${await docId(secret, 'conv')}`, conversation);

  const a: Run[] = [];
  const b: Run[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so drift in the machine's speed falls on both alike.
    const order = i % 2 === 0 ? [false, true] : [true, false];
    for (const huge of order) {
      const copy = newProfile();
      cpSync(huge ? withHuge : without, copy, { recursive: true });
      const run = await runOnce(origin, copy, huge);
      (huge ? b : a).push(run);
      log(
        `cold start ${huge ? `with ${CONV_STORED_MB} MB conversation` : 'without'}: journal ${run.journal_ms.toFixed(0)} ms, ` +
          `longest task after ${run.longest_task_ms.toFixed(0)} ms, conversation ${run.opened ? 'opened' : 'not opened'}, ` +
          `vault ${run.vault_mb.toFixed(1)} MB; next start: journal ${run.again_ms.toFixed(0)} ms`,
      );
    }
  }
  const withoutMedian = median(a.map((r) => r.journal_ms));
  const withMedian = median(b.map((r) => r.journal_ms));
  return {
    cold_conv_journal_without_median_ms: round(withoutMedian, 0),
    cold_conv_journal_with_median_ms: round(withMedian, 0),
    cold_conv_journal_with_p95_ms: round(
      percentile(
        b.map((r) => r.journal_ms),
        95,
      ),
      0,
    ),
    cold_conv_ratio: ratio(withMedian, withoutMedian),
    cold_conv_pair_ratio_median: round(
      median(b.map((r, i) => r.journal_ms / (a[i]?.journal_ms ?? NaN))),
      2,
    ),
    cold_conv_again_without_median_ms: round(median(a.map((r) => r.again_ms)), 0),
    cold_conv_again_with_median_ms: round(median(b.map((r) => r.again_ms)), 0),
    cold_conv_again_ratio: ratio(
      median(b.map((r) => r.again_ms)),
      median(a.map((r) => r.again_ms)),
    ),
    cold_conv_longest_task_without_ms: round(median(a.map((r) => r.longest_task_ms)), 0),
    cold_conv_longest_task_with_ms: round(median(b.map((r) => r.longest_task_ms)), 0),
    cold_conv_opened_runs: b.filter((r) => r.opened).length,
    cold_conv_vault_without_mb: round(median(a.map((r) => r.vault_mb)), 1),
    cold_conv_vault_with_mb: round(median(b.map((r) => r.vault_mb)), 1),
    cold_conv_stored_mb: round(storedMb, 1) ?? 0,
    cold_conv_runs: runs,
  };
}
