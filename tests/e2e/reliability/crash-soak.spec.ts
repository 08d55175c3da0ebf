/**
 * Crash safety, at length (`npm run test:soak` only; tests/e2e/crash.spec.ts is the quick
 * version in `npm test`): 30 trials that SIGKILL the real Chromium process at a random moment
 * 0–2 s after typing starts, then reopen the same profile. Every keystroke made more than
 * 0.5 s before the kill must be there. Kill moments come from a seeded PRNG.
 *
 * Counted: keystrokes typed, keystrokes older than 0.5 s at the kill, and those of them lost
 * (must be 0); also how many younger ones survived (for the record, not asserted).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  launchChromiumProcess,
  removeProfile,
  type ChromiumProcess,
} from '../../helpers/chromium-process';
import { createPrng } from '../../helpers/prng';
import { editorText, expect, test } from '../fixtures';

const TRIALS = Number(process.env.MULL_CRASH_TRIALS ?? 30);
const SEED = Number(process.env.MULL_SEED ?? 20261126);
const KILL_WITHIN_MS = 2000;
const SAFE_AGE_MS = 500;
/** A person typing briskly: one key every 40 ms. */
const KEY_INTERVAL_MS = 40;

test.skip(!process.env.MULL_SOAK, 'soak only: npm run test:soak');

interface Trial {
  trial: number;
  killAfterMs: number;
  typed: number;
  old: number;
  lostOld: number;
  youngSurvived: number;
}

const firstPage = (chromium: ChromiumProcess): Page => chromium.browser.contexts()[0]!.pages()[0]!;

test(`${TRIALS} kills at random moments lose nothing typed more than ${SAFE_AGE_MS} ms before`, async ({
  baseURL,
}) => {
  test.setTimeout(TRIALS * 30_000);
  const profile = mkdtempSync(join(tmpdir(), 'mull-crash-soak-'));
  const rnd = createPrng(SEED);
  const trials: Trial[] = [];
  const earlier: { url: string; text: string }[] = [];
  let chromium: ChromiumProcess | null = null;
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      chromium = await launchChromiumProcess(profile);
      let page = firstPage(chromium);
      await page.goto(`${baseURL}/#/journal`);
      await page.getByRole('button', { name: 'New entry' }).click();
      await expect(editorText(page)).toBeFocused();
      const url = page.url();

      const text = `trial ${trial} ` + Array.from({ length: 80 }, () => rnd.string(4)).join(' ');
      const killAfterMs = Math.round(rnd.next() * KILL_WITHIN_MS);
      const typedAt: number[] = [];
      let killedAt = 0;
      const started = Date.now();
      const typing = chromium;
      const killing = new Promise<void>((resolve) =>
        setTimeout(() => {
          killedAt = Date.now();
          void typing.kill().then(resolve);
        }, killAfterMs),
      );
      for (const key of text) {
        if (killedAt) break;
        try {
          await page.keyboard.type(key);
        } catch {
          break; // the browser is gone
        }
        if (!killedAt) typedAt.push(Date.now());
        const wait = started + typedAt.length * KEY_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await killing;

      chromium = await launchChromiumProcess(profile);
      page = firstPage(chromium);
      await page.goto(url);
      const editor = editorText(page);
      const missing = page.getByRole('heading', { name: 'This entry isn’t here' });
      await expect(editor.or(missing)).toBeVisible();
      const recovered = (await editor.count()) > 0 ? ((await editor.textContent()) ?? '') : '';
      const old = typedAt.filter((t) => killedAt - t > SAFE_AGE_MS).length;
      // Typing only appends, so what survives must be a prefix of what was typed.
      const kept = text.startsWith(recovered) ? recovered.length : 0;
      trials.push({
        trial,
        killAfterMs,
        typed: typedAt.length,
        old,
        lostOld: Math.max(0, old - kept),
        youngSurvived: Math.max(0, kept - old),
      });
      // Entries from earlier trials are all still whole.
      for (const before of earlier.slice(-3)) {
        await page.goto(before.url);
        await expect(editorText(page)).toHaveText(before.text);
      }
      if (recovered) earlier.push({ url, text: recovered });
      await chromium.kill();
    }
  } finally {
    await chromium?.kill();
    await removeProfile(profile);
    const sum = (key: keyof Trial) => trials.reduce((n, t) => n + t[key], 0);
    const summary = {
      trials: trials.length,
      keystrokes: sum('typed'),
      olderThanSafeAge: sum('old'),
      lostOlderThanSafeAge: sum('lostOld'),
      youngerSurvived: sum('youngSurvived'),
      perTrial: trials,
    };
    console.log(
      `crash soak: ${summary.trials} kills, ${summary.keystrokes} keystrokes, ` +
        `${summary.olderThanSafeAge} older than ${SAFE_AGE_MS} ms at the kill, ` +
        `${summary.lostOlderThanSafeAge} of them lost; ${summary.youngerSurvived} younger ones survived`,
    );
    mkdirSync('.tmp/reliability', { recursive: true });
    writeFileSync('.tmp/reliability/crash-soak.json', JSON.stringify(summary, null, 2));
  }
  expect(trials).toHaveLength(TRIALS);
  expect(trials.reduce((n, t) => n + t.lostOld, 0)).toBe(0);
  expect(trials.reduce((n, t) => n + t.old, 0)).toBeGreaterThan(TRIALS * 5);
});
