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
import { mkdirSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium';
import { finish, playwrightSuite, readJson, run, TMP, vitestSuite, type Tally } from './suites';

const COUNTS = `${TMP}/reliability`;
const DIST = `${TMP}/dist-soak`;
mkdirSync(COUNTS, { recursive: true });

function crash(): Tally {
  if (
    run('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn']) !== 0
  ) {
    return { suite: 'crash', passed: 0, failed: 1 };
  }
  const out = `${TMP}/soak-e2e-results.json`;
  return playwrightSuite(
    'crash',
    [
      'tests/e2e/reliability/crash-soak.spec.ts',
      '--reporter=list,json',
      `--output=${TMP}/soak-e2e-output`,
    ],
    out,
    { MULL_SOAK: '1', E2E_DIST: DIST, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  );
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
tallies.push(
  vitestSuite('soak', ['--config', 'tests/soak/vitest.config.ts'], `${TMP}/soak-unit-results.json`),
);
tallies.push(crash());
finish(tallies, counts());
