/**
 * `npm test`: builds the app, runs every suite, and ends with one line "N passed, N failed"
 * summed over all of them (what CI reads). Exits non-zero if anything failed.
 *
 *   unit   vitest (Node, fake-indexeddb)           → .tmp/unit-results.json
 *   e2e    Playwright + system Chromium, built app → .tmp/e2e-results.json
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium';

interface Tally {
  suite: string;
  passed: number;
  failed: number;
}

const TMP = '.tmp';
mkdirSync(TMP, { recursive: true });

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

function unit(): Tally {
  const out = `${TMP}/unit-results.json`;
  rmSync(out, { force: true });
  const status = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(out);
  if (!report) return { suite: 'unit', passed: 0, failed: 1 };
  // A suite that fails to load has no failed *tests* but a non-zero exit: count it.
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { suite: 'unit', passed: report.numPassedTests, failed };
}

function e2e(): Tally {
  const out = `${TMP}/e2e-results.json`;
  rmSync(out, { force: true });
  const status = run('npx', ['playwright', 'test']);
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(out);
  if (!report) return { suite: 'e2e', passed: 0, failed: 1 };
  const { expected, unexpected, flaky } = report.stats;
  const failed = unexpected + (status !== 0 && unexpected === 0 ? 1 : 0);
  return { suite: 'e2e', passed: expected + flaky, failed };
}

const tallies: Tally[] = [];
console.log(`Chromium: ${ensureChromium()}`);
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0 || !existsSync('dist/index.html')) {
  tallies.push({ suite: 'build', passed: 0, failed: 1 });
} else {
  tallies.push(unit());
  tallies.push(e2e());
}

console.log('');
for (const t of tallies) console.log(`${t.suite}: ${t.passed} passed, ${t.failed} failed`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
