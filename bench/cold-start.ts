/**
 * Figure 1 (cold start) and figure 5 (JS heap), in real Chromium processes on a real profile.
 *
 * The profile holds the ten-year vault (browser/vault-profile.ts) and has loaded the app once
 * online, so the service worker has precached it. Then, alternately, each run starts a fresh
 * browser on that profile and measures ONE of:
 *
 *   app       navigation to #/journal → `mull:journal-painted` (JournalView marks it in the task
 *             after the first frame that shows the list). Everything comes from the service
 *             worker's cache; the time includes starting the worker, parsing the app, opening
 *             IndexedDB, decoding the vault, building the list and painting it.
 *   baseline  on a same-origin page with nothing else running, open the same database, read
 *             every row and apply it to a fresh Y.Doc with the same Yjs (browser/raw-load.ts).
 *
 * A fresh browser per run means neither side finds IndexedDB or the worker already warm.
 * After each app run the page idles, garbage is collected twice over CDP, and the JS heap in
 * use is read (Runtime.getHeapUsage): figure 5.
 */
import type { Page } from '@playwright/test';
import { close, launch } from './browser/chromium';
import { measureRawLoad, type RawLoadResult } from './browser/raw-load';
import { seedProfile, VAULT_DB_NAME } from './browser/vault-profile';
import { median, percentile, ratio, round, sleep } from './stats';

/** The limit for figure 1: the app may take this many times the raw read + decode. */
export const COLD_START_LIMIT_FACTOR = 1.5;
/** How long the app idles after its first paint before the heap is read (sync starts, the
 * editor chunk is fetched in idle time): the heap of a journal someone is reading. */
const HEAP_SETTLE_MS = 3000;
const LOAD_TIMEOUT_MS = 120_000;

export interface AppLoad {
  /** `mull:journal-painted`: the task after the first frame showing the list (upper bound). */
  painted_ms: number;
  /** `mull:journal-frame`: that frame's animation callback, before its layout and paint. */
  frame_ms: number;
  /** `mull:journal-mounted`: the list is in the DOM. */
  mounted_ms: number;
  /** The browser's own paint time of the largest text painted from then on (LCP), if any. */
  lcp_ms: number | null;
  /** When the service worker began handling the navigation (0: no worker involved). */
  worker_start_ms: number;
  controlled: boolean;
  cards: number;
  /**
   * `mull:journal-live-painted`: the same for the live list, once the vault has been read and
   * decoded. Equal to `painted_ms` when no cached first screen was shown.
   */
  live_painted_ms: number;
  /** Whether the first list painted was the cached first screen (lib/state/first-screen.ts). */
  from_first_screen: boolean;
}

export async function waitForJournal(page: Page, origin: string): Promise<AppLoad> {
  await page.goto(`${origin}/#/journal`, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => performance.getEntriesByName('mull:journal-live-painted').length > 0,
    null,
    { timeout: LOAD_TIMEOUT_MS, polling: 50 },
  );
  return page.evaluate(async () => {
    const at = (name: string): number => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const lcp = await new Promise<PerformanceEntry[]>((resolve) => {
      const observer = new PerformanceObserver((list) => {
        observer.disconnect();
        resolve(list.getEntries());
      });
      observer.observe({ type: 'largest-contentful-paint', buffered: true });
      setTimeout(() => resolve([]), 500);
    });
    const mounted = at('mull:journal-mounted');
    return {
      painted_ms: at('mull:journal-painted'),
      frame_ms: at('mull:journal-frame'),
      mounted_ms: mounted,
      lcp_ms: lcp.find((e) => e.startTime >= mounted)?.startTime ?? null,
      worker_start_ms: nav.workerStart,
      controlled: navigator.serviceWorker.controller !== null,
      cards: document.querySelectorAll('.entry.card').length,
      live_painted_ms: at('mull:journal-live-painted'),
      from_first_screen: at('mull:journal-live-mounted') > mounted,
    };
  });
}

/** Used JS heap of the page's renderer after two full garbage collections, in MB. */
export async function heapAfterGc(page: Page): Promise<{ used_mb: number; total_mb: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return { used_mb: usage.usedSize / 1024 / 1024, total_mb: usage.totalSize / 1024 / 1024 };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Seeds the profile and opens the app once online, so the service worker installs and
 * precaches everything. Returns that first, network-served load for reference.
 */
export async function prepareProfile(
  origin: string,
  profileDir: string,
  rows: readonly Uint8Array[],
  vaultSecret: Uint8Array,
): Promise<AppLoad> {
  const { chromium, page } = await launch(profileDir);
  try {
    await seedProfile(page, origin, rows, vaultSecret);
    const first = await waitForJournal(page, origin);
    // A profile that has been used keeps its Journal's first screen (written a second after
    // the list changes): every timed start below is a returning person's.
    await page.waitForFunction(() => localStorage.getItem('mull:first-screen') !== null, null, {
      timeout: LOAD_TIMEOUT_MS,
    });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      // clientsClaim: the worker takes this page over once it has activated.
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
      }
    });
    return first;
  } finally {
    await close(chromium);
  }
}

export interface ColdStartFigures {
  cold_start_ratio: number | null;
  cold_start_vs_raw: number | null;
  cold_start_pair_ratio_median: number | null;
  cold_start_median_ms: number | null;
  cold_start_p95_ms: number | null;
  cold_start_limit_ms: number | null;
  cold_start_raw_median_ms: number | null;
  cold_start_raw_p95_ms: number | null;
  cold_start_raw_decode_median_ms: number | null;
  cold_start_mounted_median_ms: number | null;
  cold_start_frame_median_ms: number | null;
  cold_start_lcp_median_ms: number | null;
  cold_start_runs: number;
  /** Runs whose first list was the cached first screen (all, when the profile has one). */
  cold_start_from_first_screen: number;
  /** Until the live list — the vault read and decoded — is painted (median), and ÷ raw. */
  cold_start_live_median_ms: number | null;
  cold_start_live_vs_raw: number | null;
  cold_start_from_sw: number;
  heap_mb: number | null;
  heap_p95_mb: number | null;
  /** The same vault decoded on a bare page, nothing else loaded (median). */
  heap_raw_doc_mb: number | null;
  vault_stored_mb: number | null;
  vault_rows: number;
  vault_entries: number;
}

export interface ColdStartSamples {
  app: AppLoad[];
  raw: RawLoadResult[];
  heap_mb: number[];
  heap_raw_doc_mb: number[];
}

export async function benchColdStart(
  origin: string,
  profileDir: string,
  runs: number,
  log: (line: string) => void,
): Promise<{ figures: ColdStartFigures; samples: ColdStartSamples }> {
  const app: AppLoad[] = [];
  const raw: RawLoadResult[] = [];
  const heap: number[] = [];
  const rawHeap: number[] = [];

  const runApp = async (): Promise<void> => {
    const { chromium, page } = await launch(profileDir);
    try {
      const load = await waitForJournal(page, origin);
      await sleep(HEAP_SETTLE_MS);
      heap.push((await heapAfterGc(page)).used_mb);
      app.push(load);
      log(`cold start: app ${load.painted_ms.toFixed(0)} ms, heap ${heap.at(-1)?.toFixed(1)} MB`);
    } finally {
      await close(chromium);
    }
  };
  const runRaw = async (): Promise<void> => {
    const { chromium, page } = await launch(profileDir);
    try {
      await page.goto(`${origin}/healthz`);
      const result = await measureRawLoad(page, VAULT_DB_NAME, true);
      raw.push(result);
      // The heap a bare page needs to hold the decoded doc: the baseline for figure 5.
      rawHeap.push((await heapAfterGc(page)).used_mb);
      log(`cold start: raw read + decode ${result.total_ms.toFixed(0)} ms`);
    } finally {
      await close(chromium);
    }
  };
  // Alternate which goes first, so drift in the machine's speed falls on both alike.
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await runApp();
      await runRaw();
    } else {
      await runRaw();
      await runApp();
    }
  }

  const painted = app.map((a) => a.painted_ms);
  const rawTotal = raw.map((r) => r.total_ms);
  const appMedian = median(painted);
  const rawMedian = median(rawTotal);
  const limit = rawMedian * COLD_START_LIMIT_FACTOR;
  const last = raw.at(-1);
  return {
    figures: {
      cold_start_ratio: ratio(appMedian, limit),
      cold_start_vs_raw: ratio(appMedian, rawMedian),
      // Each app run next to the baseline run beside it: steadier when the machine's speed drifts.
      cold_start_pair_ratio_median: round(
        median(app.map((a, i) => a.painted_ms / (raw[i]?.total_ms ?? NaN))),
        2,
      ),
      cold_start_median_ms: round(appMedian, 0),
      cold_start_p95_ms: round(percentile(painted, 95), 0),
      cold_start_limit_ms: round(limit, 0),
      cold_start_raw_median_ms: round(rawMedian, 0),
      cold_start_raw_p95_ms: round(percentile(rawTotal, 95), 0),
      cold_start_raw_decode_median_ms: round(median(raw.map((r) => r.decode_ms)), 0),
      cold_start_mounted_median_ms: round(median(app.map((a) => a.mounted_ms)), 0),
      cold_start_frame_median_ms: round(median(app.map((a) => a.frame_ms)), 0),
      cold_start_lcp_median_ms: round(
        median(app.flatMap((a) => (a.lcp_ms === null ? [] : [a.lcp_ms]))),
        0,
      ),
      cold_start_runs: runs,
      cold_start_from_first_screen: app.filter((a) => a.from_first_screen).length,
      cold_start_live_median_ms: round(median(app.map((a) => a.live_painted_ms)), 0),
      cold_start_live_vs_raw: ratio(median(app.map((a) => a.live_painted_ms)), rawMedian),
      cold_start_from_sw: app.filter((a) => a.controlled && a.worker_start_ms > 0).length,
      heap_mb: round(median(heap), 1),
      heap_p95_mb: round(percentile(heap, 95), 1),
      heap_raw_doc_mb: round(median(rawHeap), 1),
      vault_stored_mb: last ? round(last.bytes / 1024 / 1024, 2) : null,
      vault_rows: last?.rows ?? 0,
      vault_entries: last?.entries ?? 0,
    },
    samples: { app, raw, heap_mb: heap, heap_raw_doc_mb: rawHeap },
  };
}
