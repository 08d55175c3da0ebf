/**
 * `npm run bench`: every figure of issue 7 (and the benchmark lines of issues 4, 5 and 8) in
 * one go, printed as a table and written to bench/results.json. BENCHMARKS.md explains them.
 *
 *   npm run bench                          everything, 7–10 minutes on the 2-core benchmark VM
 *   npm run bench -- --full-signaling      signaling load at full size (2,000 clients, 60 s)
 *   npm run bench -- --only cold,search    some sections (see SECTIONS); others are left out
 *   npm run bench -- --runs 9              cold-start runs of each kind (default 7)
 *   npm run bench -- --no-build            reuse the last build in .tmp/dist-bench
 *   npm run bench -- --dist <dir>          measure the build in <dir> (e.g. of another commit)
 *   npm run bench -- --out <file>          write the results there, not to bench/results.json
 *   npm run bench -- --keep-profiles       keep the Chromium profiles (their paths are printed)
 *
 * Every limit that is relative is measured in the same run as the figure it limits, on the
 * same machine, so a slow or busy machine moves both. Browser figures come from the system
 * Chromium driving the production build, served by server/app.ts on a port of its own.
 * A section that fails is reported (and written to results.json under "errors"); the others
 * still run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { findChromium } from '../scripts/chromium';
import { createMullServer } from '../server/app';
import { buildApp } from '../tests/helpers/build-app';
import { buildBenchVault, VAULT_DAYS } from './browser/vault-profile';
import { benchColdStart, prepareProfile, type ColdStartSamples } from './cold-start';
import { measureFirstLoad, type FirstLoadFile } from './first-load';
import { runHomePeerHook } from './home-peer-hook';
import { benchInsights } from './insights';
import { benchKeystroke } from './keystroke';
import { describeMachine, machineLine } from './machine';
import { benchReconnect } from './reconnect';
import { benchSearch } from './search';
import { benchSignaling } from './signaling-load';
import { describeFailedAttempt, measureSync, syncFigures, type SyncAttempt } from './sync-latency';
import { generateSyntheticVault } from './synthetic-vault';
import { benchTone } from './tone';
import { benchPairing } from './pairing';
import { benchConversationColdStart } from './cold-start-conversation';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIST = join(ROOT, '.tmp/dist-bench');
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const SECTIONS = [
  'first-load',
  'cold',
  'cold-conv',
  'keystroke',
  'sync',
  'reconnect',
  'search',
  'insights',
  'tone',
  'pairing',
  'storage',
  'signaling',
  'home-peer',
] as const;
type Section = (typeof SECTIONS)[number];

/** Signaling load by default: bounded so the whole run stays well under 15 minutes. */
const SIGNALING_SHORT = { clients: 400, seconds: 10 };
/** Days of journal for the second sync attempt, when the ten-year vault does not sync. */
const SYNC_FALLBACK_DAYS = 365;

const newSecret = (): Uint8Array => crypto.getRandomValues(new Uint8Array(32));

/** A one-year vault as one stored row, for the last sync attempt. */
function oneYearRows(): Uint8Array[] {
  const doc = generateSyntheticVault({ days: SYNC_FALLBACK_DAYS, seed: 3 });
  const rows = [Y.encodeStateAsUpdate(doc)];
  doc.destroy();
  return rows;
}

/** Each figure's target, as issue 7 (and 4, 5, 6, 8) states it. */
const TARGETS = {
  cold_start_ratio: '≤ 1 (app ≤ 1.5 × raw IndexedDB read + Yjs decode)',
  keystroke_persist_p95_ms: '≤ 20 ms',
  sync_latency_ratio: '≤ 2 (× raw RTCDataChannel one-way)',
  search_p95_ms: '≤ 10 ms',
  heap_mb: '≤ 80 MB',
  first_load_gzip_kb: '≤ 150 KB',
  storage_ratio: '≤ 2 (× encoded doc)',
  insights_365_p95_ms: '≤ one frame (16.7 ms), measured not asserted',
  tone_p95_ms: '≤ 5 ms per message (issue 6)',
  pairing_ratio: '≈ 1 (issue 12: the new protocol as quick as the old, within noise)',
  reconnect_merge_p95_ms:
    'reported (issue 11): back online → the offline edit is on the other device',
  signal_latency_p99_ms: 'reported; the server must not crash or grow without bound',
  home_peer_start_ms: 'reported (issue 8)',
  cold_conv_ratio:
    '≈ 1 (issue 13: journal ready with a 40 MB conversation stored ÷ without, within noise)',
} as const;

interface Options {
  only: Set<Section>;
  runs: number;
  build: boolean;
  dist: string;
  out: string;
  fullSignaling: boolean;
  keepProfiles: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    only: new Set(SECTIONS),
    runs: 7,
    build: true,
    dist: BENCH_DIST,
    out: RESULTS,
    fullSignaling: false,
    keepProfiles: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--full-signaling') options.fullSignaling = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg === '--dist') {
      options.dist = resolve(argv[++i] ?? '');
      options.build = false;
    } else if (arg === '--out') options.out = resolve(argv[++i] ?? '');
    else if (arg === '--keep-profiles') options.keepProfiles = true;
    else if (arg === '--runs') options.runs = Math.max(1, Number(argv[++i]));
    else if (arg === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = names.filter((n) => !SECTIONS.includes(n as Section));
      if (unknown.length)
        throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
      options.only = new Set(names as Section[]);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isFinite(options.runs)) throw new Error('--runs needs a number');
  return options;
}

const startedAt = performance.now();
const elapsed = (): string =>
  `${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s`;
const log = (line: string): void => console.error(`[${elapsed()}] ${line}`);

type Figures = Record<string, number | null>;

/** Which code was measured: the commit, and how many files differed from it. */
function sourceInfo(): { commit: string | null; uncommitted_files: number | null } {
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return null;
    }
  };
  const status = git('status', '--porcelain');
  return {
    commit: git('rev-parse', '--short', 'HEAD')?.trim() ?? null,
    uncommitted_files: status === null ? null : status.split('\n').filter(Boolean).length,
  };
}

async function startServer(distDir: string): Promise<{ url: string; server: Server }> {
  // Quiet signaling log: this output is for figures.
  const server = createMullServer({ distDir, signaling: { log: () => {} } });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Builds the app into .tmp/dist-bench; on failure falls back to the last build, and says so. */
function buildForBench(options: Options, notes: Record<string, string>): boolean {
  if (!options.build) {
    notes.build = `measured the existing build in ${options.dist} (not rebuilt)`;
    return existsSync(join(options.dist, 'index.html'));
  }
  log('building the app into .tmp/dist-bench …');
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  try {
    buildApp(options.dist, process.env.MULL_VERSION ?? version);
    return true;
  } catch (err) {
    const message =
      err instanceof Error ? err.message.split('\n').slice(0, 6).join(' ') : String(err);
    if (existsSync(join(options.dist, 'index.html'))) {
      const when = statSync(join(options.dist, 'index.html')).mtime.toISOString();
      notes.build = `build FAILED (${message}); figures use the previous build from ${when}`;
      log(`build failed; using the previous build from ${when}`);
      return true;
    }
    throw err;
  }
}

interface Row {
  figure: string;
  value: string;
  limit: string;
  target: string;
  verdict: string;
}

const fmt = (value: number | null | undefined, unit = '', digits = 1): string =>
  value == null ? '—' : `${value.toFixed(digits)}${unit}`;
const verdict = (value: number | null | undefined, limit: number): string =>
  value == null ? 'not measured' : value <= limit ? 'met' : 'MISSED';

function headline(f: Figures): Row[] {
  return [
    {
      figure: '1. Cold start → journal painted (median / p95)',
      value: `${fmt(f.cold_start_median_ms, ' ms', 0)} / ${fmt(f.cold_start_p95_ms, ' ms', 0)}`,
      limit: `raw read+decode ${fmt(f.cold_start_raw_median_ms, ' ms', 0)} × 1.5 = ${fmt(f.cold_start_limit_ms, ' ms', 0)}`,
      target: `ratio ${fmt(f.cold_start_ratio, '', 2)} (app/raw ${fmt(f.cold_start_vs_raw, '×', 2)})`,
      verdict: verdict(f.cold_start_ratio, 1),
    },
    {
      figure: '2. Keystroke → committed in IndexedDB (p50 / p95)',
      value: `${fmt(f.keystroke_persist_p50_ms, ' ms')} / ${fmt(f.keystroke_persist_p95_ms, ' ms')}`,
      limit: '20 ms',
      target: `max ${fmt(f.keystroke_persist_max_ms, ' ms', 0)}`,
      verdict: verdict(f.keystroke_persist_p95_ms, 20),
    },
    {
      figure: `3. Sync A→B (p50 / p95)${f.sync_vault_days ? `, ${f.sync_vault_days}-day vault` : ''}`,
      value: `${fmt(f.sync_latency_p50_ms, ' ms', 2)} / ${fmt(f.sync_latency_p95_ms, ' ms', 2)}`,
      limit: `raw RTCDataChannel ${fmt(f.sync_raw_p50_ms, ' ms', 2)} × 2`,
      target: `ratio ${fmt(f.sync_latency_ratio, '', 2)}`,
      verdict:
        f.sync_10y_delivered === 0
          ? `${verdict(f.sync_latency_ratio, 2)}; 10-year vault: NOTHING ARRIVES`
          : verdict(f.sync_latency_ratio, 2),
    },
    {
      figure: `Back online → merged (p50 / p95), ${f.reconnect_count ?? '?'} × ${f.reconnect_offline_s ?? '?'} s offline`,
      value: `${fmt(f.reconnect_merge_p50_ms, ' ms', 0)} / ${fmt(f.reconnect_merge_p95_ms, ' ms', 0)}`,
      limit: '—',
      target: `max ${fmt(f.reconnect_merge_max_ms, ' ms', 0)}; over 1 s: ${f.reconnect_slow_count ?? '—'}, never: ${f.reconnect_failed_count ?? '—'}`,
      verdict: f.reconnect_merge_p95_ms == null ? 'not measured' : 'reported',
    },
    {
      figure: '4. Search over 3,650 entries (p95)',
      value: fmt(f.search_p95_ms, ' ms', 2),
      limit: '10 ms',
      target: `p50 ${fmt(f.search_p50_ms, ' ms', 2)}`,
      verdict: verdict(f.search_p95_ms, 10),
    },
    {
      figure: '5. JS heap after loading the vault (median)',
      value: fmt(f.heap_mb, ' MB'),
      limit: '80 MB',
      target: `p95 ${fmt(f.heap_p95_mb, ' MB')}; bare decoded doc ${fmt(f.heap_raw_doc_mb, ' MB')}`,
      verdict: verdict(f.heap_mb, 80),
    },
    {
      figure: '6. First-load JS + CSS, gzip',
      value: fmt(f.first_load_gzip_kb, ' KB'),
      limit: '150 KB',
      target: `${f.first_load_files ?? '?'} files, brotli ${fmt(f.first_load_brotli_kb, ' KB')}`,
      verdict: verdict(f.first_load_gzip_kb, 150),
    },
    {
      figure: '7. IndexedDB bytes after a year / encoded doc',
      value: `${fmt(f.storage_stored_kb, ' KB', 0)} / ${fmt(f.storage_encoded_kb, ' KB', 0)}`,
      limit: '2 ×',
      target: `ratio ${fmt(f.storage_ratio, '', 3)} (worst day ${fmt(f.storage_worst_day_ratio, '', 2)})`,
      verdict: verdict(f.storage_ratio, 2),
    },
    {
      figure: 'Insights, 365 days (p50 / p95)',
      value: `${fmt(f.insights_365_p50_ms, ' ms')} / ${fmt(f.insights_365_p95_ms, ' ms')}`,
      limit: '16.7 ms (a frame)',
      target: `${f.insights_entries ?? '?'} entries, Node`,
      verdict: verdict(f.insights_365_p95_ms, 1000 / 60),
    },
    {
      figure: 'Tone check per message (p50 / p95)',
      value: `${fmt(f.tone_p50_ms, ' ms', 3)} / ${fmt(f.tone_p95_ms, ' ms', 3)}`,
      limit: '5 ms',
      target: `${f.tone_messages ?? '?'} messages`,
      verdict: verdict(f.tone_p95_ms, 5),
    },
    {
      figure: 'Pairing, invite opened → payload held (p50 / p95)',
      value: `${fmt(f.pairing_new_p50_ms, ' ms', 1)} / ${fmt(f.pairing_new_p95_ms, ' ms', 1)}`,
      limit: `old protocol, same run: ${fmt(f.pairing_old_p50_ms, ' ms', 1)}`,
      target: `ratio ${fmt(f.pairing_ratio, '', 2)}, ${f.pairing_runs ?? '?'} runs each`,
      verdict: f.pairing_ratio == null ? 'not measured' : 'reported',
    },
    {
      figure: `Signaling load: ${f.signal_clients ?? '?'} clients, ${f.signal_seconds ?? '?'} s`,
      value: `${fmt(f.signal_relayed_per_sec, ' msg/s', 0)}, p99 ${fmt(f.signal_latency_p99_ms, ' ms', 2)}`,
      limit: '—',
      target: `peak RSS ${fmt(f.signal_server_peak_rss_mb, ' MB')}, errors ${f.signal_errors ?? '—'}`,
      verdict: f.signal_errors == null ? 'not measured' : 'reported',
    },
    {
      figure: 'Home peer: start / RSS (issue 8)',
      value: `${fmt(f.home_peer_start_ms, ' ms', 0)} / ${fmt(f.home_peer_rss_mb, ' MB')}`,
      limit: '—',
      target: 'hook: bench/home-peer.ts',
      verdict: f.home_peer_start_ms == null ? 'not measured' : 'reported',
    },
  ];
}

function printTable(rows: Row[]): void {
  const columns: (keyof Row)[] = ['figure', 'value', 'limit', 'target', 'verdict'];
  const width = Object.fromEntries(
    columns.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]),
  ) as Record<keyof Row, number>;
  const line = (r: Record<keyof Row, string>): string =>
    columns.map((c) => r[c].padEnd(width[c])).join(' │ ');
  console.log(
    line({
      figure: 'figure',
      value: 'measured',
      limit: 'limit (same run)',
      target: 'ratio / detail',
      verdict: 'verdict',
    }),
  );
  console.log(columns.map((c) => '─'.repeat(width[c])).join('─┼─'));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const want = (s: Section): boolean => options.only.has(s);
  const figures: Figures = {};
  const notes: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const samples: {
    cold_start?: ColdStartSamples;
    sync?: SyncAttempt[];
    reconnect_ms?: (number | null)[];
    first_load_files?: FirstLoadFile[];
  } = {};
  const chromiumPath = findChromium();
  const machine = describeMachine(chromiumPath);
  // Read before building: the build measured is of the tree as it is now.
  const source = sourceInfo();
  log(`machine: ${machineLine(machine)}`);

  const section = async (name: string, fn: () => Promise<void>): Promise<void> => {
    log(`— ${name}`);
    try {
      await fn();
    } catch (err) {
      errors[name] =
        err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
      log(`${name} FAILED: ${errors[name]}`);
    }
  };

  const needsBrowser = want('cold') || want('keystroke') || want('sync') || want('cold-conv');
  const needsBuild = needsBrowser || want('first-load') || want('reconnect');
  let built = false;
  if (needsBuild) {
    await section('build', async () => {
      built = buildForBench(options, notes);
    });
  }

  if (want('first-load') && built) {
    await section('first-load', async () => {
      const { figures: f, files } = measureFirstLoad(options.dist);
      Object.assign(figures, f);
      samples.first_load_files = files;
    });
  }

  // The ten-year vault, as a profile holds it; insights read the same data.
  let vault: { rows: Uint8Array[]; doc: Y.Doc | null } | null = null;
  if (needsBrowser || want('insights')) {
    log(`generating the ${VAULT_DAYS}-day vault …`);
    const t0 = performance.now();
    const built10y = buildBenchVault();
    vault = { rows: built10y.rows, doc: built10y.doc };
    figures.vault_generate_ms = Math.round(performance.now() - t0);
  }
  if (want('insights') && vault?.doc) {
    await section('insights', async () => {
      Object.assign(figures, benchInsights(vault!.doc!));
    });
  }
  // The browser runs need only the stored rows; let the 300 MB doc go.
  vault?.doc?.destroy();
  if (vault) vault.doc = null;

  const profiles: string[] = [];
  const profile = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'mull-bench-profile-'));
    profiles.push(dir);
    return dir;
  };

  if (needsBrowser && built && vault) {
    if (!chromiumPath) {
      errors.browser = 'No Chromium: set CHROMIUM_PATH or install chromium';
    } else {
      const { url, server } = await startServer(options.dist);
      const rows = vault.rows;
      const vaultSecret = crypto.getRandomValues(new Uint8Array(32));
      const profileA = profile();
      try {
        let prepared = false;
        await section('prepare profile', async () => {
          const first = await prepareProfile(url, profileA, rows, vaultSecret);
          figures.first_visit_network_ms = Math.round(first.painted_ms);
          prepared = true;
        });
        if (prepared && want('cold')) {
          await section('cold start + heap', async () => {
            const result = await benchColdStart(url, profileA, options.runs, log);
            Object.assign(figures, result.figures);
            samples.cold_start = result.samples;
          });
        }
        if (prepared && want('keystroke')) {
          await section('keystroke', async () => {
            Object.assign(figures, await benchKeystroke(url, profileA, log));
          });
        }
        if (prepared && want('sync')) {
          await section('sync', async () => {
            // Up to three attempts, stopping at the first that delivers: the ten-year vault on
            // the cold-start profile and a new device; the ten-year vault on two new profiles
            // (is a failure the vault's size, or chance?); one year on two new profiles.
            const attempts: SyncAttempt[] = [];
            const plans = [
              { profileA, seedA: false, rows, vaultSecret, vaultDays: VAULT_DAYS },
              { profileA: '', seedA: true, rows, vaultSecret: newSecret(), vaultDays: VAULT_DAYS },
              {
                profileA: '',
                seedA: true,
                rows: oneYearRows(),
                vaultSecret: newSecret(),
                vaultDays: SYNC_FALLBACK_DAYS,
              },
            ];
            for (const plan of plans) {
              const attempt = await measureSync(
                { origin: url, profileB: profile(), ...plan, profileA: plan.profileA || profile() },
                log,
              );
              attempts.push(attempt);
              if (attempt.delivered) break;
            }
            const failed = attempts.filter((t) => !t.delivered);
            if (failed.length > 0) {
              const measured = attempts.find((t) => t.delivered);
              notes.sync = [
                ...failed.map(describeFailedAttempt),
                measured
                  ? `Latencies are from the next attempt (${measured.vaultDays}-day vault).`
                  : 'No latency could be measured.',
              ].join(' ');
            }
            Object.assign(figures, syncFigures(attempts, VAULT_DAYS));
            samples.sync = attempts;
          });
        }
        if (want('cold-conv')) {
          await section('cold start with a huge conversation', async () => {
            Object.assign(
              figures,
              await benchConversationColdStart(url, profile, options.runs, log),
            );
          });
        }
      } finally {
        await stopServer(server);
      }
    }
  }
  vault = null;

  if (want('reconnect') && built) {
    await section('reconnect (back online → merged)', async () => {
      const result = await benchReconnect(options.dist, log);
      Object.assign(figures, result.figures);
      samples.reconnect_ms = result.samples_ms;
      if (result.note) notes.reconnect = result.note;
    });
  }

  if (want('search')) {
    await section('search', async () => {
      Object.assign(figures, await benchSearch());
    });
  }
  if (want('tone')) {
    await section('tone', async () => {
      const tone = await benchTone();
      Object.assign(figures, {
        tone_p50_ms: tone.tone_p50_ms,
        tone_p95_ms: tone.tone_p95_ms,
        tone_messages: tone.messages,
      });
    });
  }
  if (want('pairing')) {
    await section('pairing (new protocol vs old, real signaling and WebRTC)', async () => {
      Object.assign(figures, await benchPairing());
    });
  }
  if (want('storage')) {
    await section('storage (a year through LocalPersistence)', async () => {
      // fake-indexeddb installs itself as the global indexedDB: only load it when needed.
      const { benchStorage } = await import('./storage');
      Object.assign(figures, await benchStorage(log));
    });
  }
  if (want('signaling')) {
    await section('signaling load', async () => {
      const size = options.fullSignaling ? {} : SIGNALING_SHORT;
      if (!options.fullSignaling) {
        notes.signaling = `short run (${SIGNALING_SHORT.clients} clients, ${SIGNALING_SHORT.seconds} s); --full-signaling runs 2,000 clients for 60 s`;
      }
      Object.assign(figures, await benchSignaling({ ...size, log }));
    });
  }
  if (want('home-peer')) {
    await section('home peer (hook)', async () => {
      const result = await runHomePeerHook(log);
      Object.assign(figures, result.figures);
      if (result.note) notes.home_peer = result.note;
    });
  }

  figures.bench_run_s = Math.round((performance.now() - startedAt) / 1000);
  machine.load_at_end = Math.round(loadavg()[0]! * 100) / 100;
  const results = {
    date: new Date().toISOString(),
    machine,
    figures,
    source,
    targets: TARGETS,
    notes,
    ...(Object.keys(errors).length ? { errors } : {}),
    samples,
  };
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nMull benchmarks — ${results.date}\n${machineLine(machine)}`);
  console.log(
    `Code: ${source.commit ?? 'unknown commit'}` +
      (source.uncommitted_files ? ` with ${source.uncommitted_files} uncommitted files\n` : '\n'),
  );
  printTable(headline(figures));
  console.log('\nAll figures:');
  for (const [key, value] of Object.entries(figures))
    console.log(`  ${key.padEnd(34)} ${value ?? '—'}`);
  for (const [key, note] of Object.entries(notes)) console.log(`\nnote (${key}): ${note}`);
  for (const [key, error] of Object.entries(errors)) console.log(`\nERROR (${key}): ${error}`);
  console.log(`\nWrote ${options.out} in ${figures.bench_run_s} s.`);

  if (options.keepProfiles) log(`profiles kept: ${profiles.join(' ')}`);
  else for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  if (Object.keys(errors).length) process.exitCode = 1;
}

await main();
