/**
 * An update is offered, never forced, and taken without losing a word: build 1 is served and
 * written in; build 2 replaces it on the server; the banner appears; accepting runs build 2
 * with every entry intact.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppServer } from '../helpers/app-server';
import { buildApp } from '../helpers/build-app';
import { expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

test('a new version waits for "Reload to update" and keeps every entry', async ({ page }) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'mull-update-'));
  const v1 = join(work, 'v1');
  const v2 = join(work, 'v2');
  const served = join(work, 'served');
  buildApp(v1, '1.0.0-first');
  buildApp(v2, '2.0.0-second');
  cpSync(v1, served, { recursive: true });
  const server = await startAppServer(served);
  try {
    await page.goto(`${server.url}/#/settings`);
    await expect(page.getByText('Mull 1.0.0-first')).toBeVisible();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const bodies = ['Before the update, one.', 'Before the update, two.'];
    for (const body of bodies) {
      await writeNewEntry(page, body, server.url);
      await waitUntilSaved(page);
    }

    // The server now has build 2; the open app finds it when it checks.
    rmSync(served, { recursive: true });
    cpSync(v2, served, { recursive: true });
    await page.goto(`${server.url}/#/journal`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Mull is ready.' });
    await expect(banner).toBeVisible({ timeout: 20_000 });

    // It never reloads on its own: still build 1, still here, after a while.
    await page.waitForTimeout(1500);
    await page.goto(`${server.url}/#/settings`);
    await expect(page.getByText('Mull 1.0.0-first')).toBeVisible();

    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await banner.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await page.goto(`${server.url}/#/settings`);
    await expect(page.getByText('Mull 2.0.0-second')).toBeVisible();
    await expect(page.getByText('A new version of Mull is ready.')).toHaveCount(0);

    await page.goto(`${server.url}/#/journal`);
    for (const body of bodies) {
      await expect(page.getByRole('link', { name: new RegExp(body) })).toHaveCount(1);
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
