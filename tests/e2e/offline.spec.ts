/**
 * After one online visit, Mull starts and works with no network at all: the browser is set
 * offline *and* the server is stopped, so nothing can come from anywhere but the cache.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startAppServer } from '../helpers/app-server';
import { editorText, expect, test, waitUntilSaved } from './fixtures';

async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 15_000,
  });
}

test('the whole app starts and keeps entries offline, and nothing duplicates online', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const server = await startAppServer(resolve('dist'));
  let running = true;
  try {
    await page.goto(`${server.url}/#/journal`);
    await expect(page.getByRole('heading', { name: 'Journal' })).toBeVisible();
    await waitForServiceWorkerControl(page);
    await expect(page.getByText('Offline', { exact: true })).toHaveCount(0);

    await server.close();
    running = false;
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Journal' })).toBeVisible();
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();

    // Every route renders from the cache.
    for (const [hash, heading] of [
      ['#/today', 'Today'],
      ['#/inbox', 'Inbox'],
      ['#/insights', 'Insights'],
      ['#/trash', 'Trash'],
      ['#/settings', 'Settings'],
    ]) {
      await page.goto(`${server.url}/${hash}`);
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByText('Yes — Mull will open and work offline.')).toBeVisible();

    // The editor is a separate code-split chunk: it must come from the cache too.
    await page.goto(`${server.url}/#/journal`);
    await page.getByRole('button', { name: 'New entry' }).click();
    await expect(editorText(page)).toBeFocused();
    await page.keyboard.type('Written on a plane.');
    await waitUntilSaved(page);

    await page.reload();
    await page.goto(`${server.url}/#/journal`);
    await expect(page.getByRole('link', { name: /Written on a plane\./ })).toHaveCount(1);

    const back = await startAppServer(resolve('dist'), server.port);
    try {
      await context.setOffline(false);
      await page.reload();
      await expect(page.getByRole('link', { name: /Written on a plane\./ })).toHaveCount(1);
      await expect(page.getByText('Offline', { exact: true })).toHaveCount(0);
    } finally {
      await back.close();
    }
  } finally {
    if (running) await server.close();
  }
});
