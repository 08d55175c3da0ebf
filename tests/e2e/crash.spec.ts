/**
 * Killing the browser (SIGKILL: a crash, a dead battery) shortly after typing loses nothing
 * that was typed more than half a second before. Every keystroke is its own IndexedDB
 * transaction, committed within milliseconds, so the margin here is generous.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromiumProcess, removeProfile } from '../helpers/chromium-process';
import { prng } from '../helpers/prng';
import { editorText, expect, test } from './fixtures';

const TRIALS = 4;
const SAFE_AGE_MS = 500;

test('text typed more than half a second before a kill survives it', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'mull-crash-'));
  const random = prng(20261126);
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      let chromium = await launchChromiumProcess(profile);
      let page = chromium.browser.contexts()[0]!.pages()[0]!;
      await page.goto(`${baseURL}/#/journal`);
      await page.getByRole('button', { name: 'New entry' }).click();
      await expect(editorText(page)).toBeFocused();

      const safe = `Trial ${trial}: this was typed well before the crash.`;
      await page.keyboard.type(safe);
      await page.waitForTimeout(SAFE_AGE_MS);
      // Keep typing right up to the kill, at a random moment 0–1 s later.
      const killAfterMs = Math.round(random() * 1000);
      const typing = page.keyboard
        .type(' And this was typed during it.', { delay: 30 })
        .catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      await chromium.kill();
      await typing;

      chromium = await launchChromiumProcess(profile);
      page = chromium.browser.contexts()[0]!.pages()[0]!;
      await page.goto(`${baseURL}/#/journal`);
      await expect(
        page.getByRole('link', {
          name: new RegExp(`Trial ${trial}: this was typed well before the crash\\.`),
        }),
      ).toBeVisible();
      await chromium.kill();
    }
  } finally {
    await removeProfile(profile);
  }
});
