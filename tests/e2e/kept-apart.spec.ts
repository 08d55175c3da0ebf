/**
 * A journal kept apart when this device joined another's: the app opens the vault the device
 * store names, Settings lists the kept one, and it can be downloaded, merged in or deleted.
 * Another tab switching the vault makes this one reload into it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { addEntry } from '../../src/lib/vault';
import { seedDatabase } from '../helpers/seed-vault';
import { expect, test } from './fixtures';

const KEPT = {
  dbName: 'mull-vault',
  keptAt: '2026-12-07T12:00:00.000Z',
  entries: 2,
  contacts: 0,
  pairedWith: 'Work laptop',
};

/** Writes keys into the device store (`mull-device`), as keeping a journal apart leaves it. */
function setDeviceKeys(page: Page, keys: Record<string, unknown>): Promise<void> {
  return page.evaluate(
    (values) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('mull-device', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('keys');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('keys', 'readwrite');
          for (const [key, value] of Object.entries(values)) tx.objectStore('keys').put(value, key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    keys,
  );
}

/** A device whose first journal (two entries) was kept apart; it now opens `mull-vault-now`. */
async function deviceWithKeptJournal(page: Page): Promise<void> {
  await page.goto('/healthz');
  const doc = new Y.Doc();
  addEntry(doc, { body: 'Written before pairing, first.' });
  addEntry(doc, { body: 'Written before pairing, second.' });
  await seedDatabase(page, 'mull-vault', doc);
  await setDeviceKeys(page, { vaultDb: 'mull-vault-now', keptApart: [KEPT] });
}

const databaseNames = (page: Page): Promise<string[]> =>
  page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));

test('the kept journal stays out of this one, downloads, and merges in when asked', async ({
  page,
}) => {
  await deviceWithKeptJournal(page);
  await page.goto('/#/journal');
  await expect(page.getByText(/Written before pairing/)).toHaveCount(0);

  await page.goto('/#/settings');
  const section = page.getByRole('region', { name: 'Journals kept apart on this device' });
  await expect(section.getByText(/when pairing with Work laptop — 2 entries$/)).toBeVisible();

  const downloading = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('mull-2026-12-07-kept-apart.json');
  const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    entries: { body: string }[];
  };
  expect(data.entries.map((e) => e.body).sort()).toEqual([
    'Written before pairing, first.',
    'Written before pairing, second.',
  ]);

  await section.getByRole('button', { name: 'Merge into this journal' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText('Merged into this journal: 2 entries.')).toBeVisible();
  await expect(section).toHaveCount(0);
  await expect.poll(() => databaseNames(page)).not.toContain('mull-vault');

  await page.goto('/#/journal');
  await expect(page.getByRole('link', { name: /Written before pairing/ })).toHaveCount(2);
});

test('a kept journal is deleted only after a yes', async ({ page }) => {
  await deviceWithKeptJournal(page);
  await page.goto('/#/settings');
  const section = page.getByRole('region', { name: 'Journals kept apart on this device' });
  await section.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await databaseNames(page)).toContain('mull-vault');

  await section.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('That journal is deleted from this device.')).toBeVisible();
  await expect(section).toHaveCount(0);
  expect(await databaseNames(page)).not.toContain('mull-vault');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(section).toHaveCount(0);
});

test('another tab switching the vault makes this one reload into it', async ({ page }) => {
  await deviceWithKeptJournal(page);
  await page.goto('/#/journal');
  await expect(page.getByRole('heading', { name: 'Journal' })).toBeVisible();
  const other = await page.context().newPage();
  await other.goto('/healthz');
  const reloaded = page.waitForEvent('load');
  await setDeviceKeys(other, { vaultDb: 'mull-vault' });
  await other.evaluate(() => {
    const channel = new BroadcastChannel('mull-device');
    channel.postMessage({ type: 'vault-switched', page: 'another-tab' });
    channel.close();
  });
  await reloaded;
  await expect(page.getByRole('link', { name: /Written before pairing/ })).toHaveCount(2);
  await other.close();
});
