/**
 * `npm run test:soak`: the long runs of the reliability suites that `npm test` only samples,
 * ending like `npm test` with one line "N passed, N failed" (what CI reads). Exits non-zero if
 * anything failed.
 *
 *   soak   vitest, tests/soak: 1,000 convergence schedules and 100,000 hostile inputs
 *                                                           → .tmp/soak-unit-results.json
 *   crash  Playwright: 30 SIGKILLs of Chromium while typing (tests/e2e/reliability/
 *          crash-soak.spec.ts), against a build of its own  → .tmp/soak-e2e-results.json
 *
 * The suites leave their counts in .tmp/reliability/*.json; they are printed at the end.
 * Environment: MULL_SEED replays one convergence schedule or reseeds the others;
 * MULL_CRASH_TRIALS changes the number of kills (default 30).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium';

interface Tally {
  suite: string;
  passed: number;
  failed: number;
}

const TMP = '.tmp';
const COUNTS = `${TMP}/reliability`;
const DIST = `${TMP}/dist-soak`;
mkdirSync(COUNTS, { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

function soak(): Tally {
  const out = `${TMP}/soak-unit-results.json`;
  rmSync(out, { force: true });
  const status = run('npx', [
    'vitest',
    'run',
    '--config',
    'tests/soak/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(out);
  if (!report) return { suite: 'soak', passed: 0, failed: 1 };
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { suite: 'soak', passed: report.numPassedTests, failed };
}

function crash(): Tally {
  const out = `${TMP}/soak-e2e-results.json`;
  rmSync(out, { force: true });
  if (
    run('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn']) !== 0
  ) {
    return { suite: 'crash', passed: 0, failed: 1 };
  }
  const status = run(
    'npx',
    [
      'playwright',
      'test',
      'tests/e2e/reliability/crash-soak.spec.ts',
      '--reporter=list,json',
      `--output=${TMP}/soak-e2e-output`,
    ],
    { MULL_SOAK: '1', E2E_DIST: DIST, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  );
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(out);
  if (!report) return { suite: 'crash', passed: 0, failed: 1 };
  const { expected, unexpected, flaky } = report.stats;
  const failed = unexpected + (status !== 0 && unexpected === 0 ? 1 : 0);
  return { suite: 'crash', passed: expected + flaky, failed };
}

/** One line per suite's own counts, from what the suites wrote. */
function counts(): string[] {
  const lines: string[] = [];
  const convergence = readJson<Record<string, number>>(`${COUNTS}/convergence-soak.json`);
  if (convergence) {
    lines.push(
      `convergence: ${convergence.schedules} schedules, ${convergence.edits} edits, ` +
        `${convergence.reloads} reloads, ${convergence.delivered} messages delivered ` +
        `(${convergence.dropped} dropped, ${convergence.duplicated} duplicated)`,
    );
  }
  type Hostile = { suite: string; inputs: number; crashes: number; hangs: number; damaged: number };
  const hostile = readJson<Hostile[]>(`${COUNTS}/hostile-soak.json`);
  if (hostile) {
    const sum = (key: keyof Omit<Hostile, 'suite'>) => hostile.reduce((n, t) => n + t[key], 0);
    lines.push(
      `hostile bytes: ${sum('inputs')} inputs (${hostile.map((t) => `${t.suite} ${t.inputs}`).join(', ')}) — ` +
        `${sum('crashes')} crashes, ${sum('hangs')} hangs, ${sum('damaged')} changed stored bytes`,
    );
  }
  const kills = readJson<Record<string, number>>(`${COUNTS}/crash-soak.json`);
  if (kills) {
    lines.push(
      `crash safety: ${kills.trials} kills, ${kills.olderThanSafeAge} keystrokes older than ` +
        `0.5 s at the kill, ${kills.lostOlderThanSafeAge} lost`,
    );
  }
  return lines;
}

for (const name of ['convergence-soak.json', 'hostile-soak.json', 'crash-soak.json']) {
  rmSync(`${COUNTS}/${name}`, { force: true });
}
const tallies: Tally[] = [];
console.log(`Chromium: ${ensureChromium()}`);
tallies.push(soak());
tallies.push(crash());

console.log('');
for (const line of counts()) console.log(line);
for (const t of tallies) console.log(`${t.suite}: ${t.passed} passed, ${t.failed} failed`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
