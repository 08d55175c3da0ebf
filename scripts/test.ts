/**
 * `npm test`: builds the app, runs every suite, and ends with one line "N passed, N failed"
 * summed over all of them (what CI reads). Exits non-zero if anything failed.
 *
 *   unit   vitest (Node, fake-indexeddb)           → .tmp/unit-results.json
 *   e2e    Playwright + system Chromium, built app → .tmp/e2e-results.json
 */
import { existsSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium';
import { finish, playwrightSuite, run, TMP, vitestSuite, type Tally } from './suites';

const tallies: Tally[] = [];
console.log(`Chromium: ${ensureChromium()}`);
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0 || !existsSync('dist/index.html')) {
  tallies.push({ suite: 'build', passed: 0, failed: 1 });
} else {
  tallies.push(vitestSuite('unit', [], `${TMP}/unit-results.json`));
  // playwright.config.ts writes its JSON report to .tmp/e2e-results.json.
  tallies.push(playwrightSuite('e2e', [], `${TMP}/e2e-results.json`));
}
finish(tallies);
