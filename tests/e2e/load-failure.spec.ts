/**
 * When stored data cannot be loaded, the app says so within a few seconds, offers what it
 * can, and changes nothing that is stored.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

/** Every row of the vault's IndexedDB `updates` store, as arrays of bytes. */
function storedRows(page: Page): Promise<number[][]> {
  return page.evaluate(
    () =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open('mull-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('updates').objectStore('updates').getAll();
          get.onsuccess = () => {
            db.close();
            resolve((get.result as Uint8Array[]).map((row) => Array.from(row)));
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test('a corrupt row is reported, nothing stored changes, and what can be read downloads', async ({
  page,
}) => {
  await writeNewEntry(page, 'Words worth rescuing.');
  await waitUntilSaved(page);
  await page.goto('/#/journal');
  // Bytes that cannot be decoded as a Yjs update, as a bad disk sector or bug might leave.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('mull-vault');
        open.onsuccess = () => {
          const tx = open.result.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array([255, 255, 255, 255, 255, 255, 1]));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const before = await storedRows(page);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Mull couldn’t open your journal' })).toBeVisible({
    timeout: 5000,
  });
  await expect(
    page.getByText('Your stored writing has not been changed or deleted.'),
  ).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download what can be read' }).click();
  const file = await (await downloading).path();
  const rescued = JSON.parse(readFileSync(file, 'utf8')) as {
    entries: { body: string }[];
    salvage: { unreadableRows: number; rawRows: string[] };
  };
  expect(rescued.entries.map((e) => e.body)).toContain('Words worth rescuing.');
  expect(rescued.salvage.unreadableRows).toBe(1);
  expect(rescued.salvage.rawRows).toHaveLength(before.length);
  await expect(page.getByRole('status').filter({ hasText: 'Saved a copy' })).toContainText('1 of');

  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(
    page.getByRole('heading', { name: 'Mull couldn’t open your journal' }),
  ).toBeVisible();
  expect(await storedRows(page)).toEqual(before);
});

test('blocked storage is explained in plain words', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Mull couldn’t open your journal' })).toBeVisible({
    timeout: 5000,
  });
  await expect(page.getByText(/isn’t letting Mull use its storage/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('a load that hangs is reported within a few seconds', async ({ page }) => {
  await page.addInitScript(() => {
    // A request that never succeeds or fails: what a wedged database looks like.
    IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest;
  });
  const started = Date.now();
  await page.goto('/');
  await expect(
    page.getByRole('heading', { name: 'Opening your journal is taking longer than usual' }),
  ).toBeVisible({ timeout: 6000 });
  expect(Date.now() - started).toBeLessThan(8000);
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download what can be read' })).toBeVisible();
});
