/**
 * When the device stops taking writes — its storage is full, or the browser closed the
 * database and will not open it again — the person is told, what they type stays in front of
 * them, "Download a copy" still hands it over, and it is all saved once storage works again.
 *
 * The failures are simulated in the page, behind a switch the test flips:
 * - quota: every write to the vault's `updates` store aborts its transaction with a
 *   QuotaExceededError, as a full disk does at commit;
 * - closed: the vault's open connections are closed the way the browser closes them (a
 *   `close` event), and opening the database again fails until the switch is off.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { editorText, expect, test, waitUntilSaved, writeNewEntry } from '../fixtures';

type Failure = 'quota' | 'closed' | null;

async function installStorageSwitch(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const VAULT = 'mull-vault';
    const open = IDBFactory.prototype.open;
    const state = {
      failing: null as 'quota' | 'closed' | null,
      dbs: [] as IDBDatabase[],
      /** For the test's own reads, which must work whatever the switch says. */
      open: (name: string) => open.call(indexedDB, name),
    };
    Object.assign(window, { __mullStorage: state });

    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (...args: Parameters<IDBObjectStore['add']>) {
      const request = add.apply(this, args);
      const tx = this.transaction;
      if (state.failing === 'quota' && tx.db.name === VAULT && this.name === 'updates') {
        const error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        Object.defineProperty(tx, 'error', { get: () => error });
        tx.abort();
      }
      return request;
    };

    IDBFactory.prototype.open = function (name: string, version?: number) {
      if (state.failing === 'closed' && name === VAULT) {
        throw new DOMException('Internal error opening backing store.', 'UnknownError');
      }
      const request = open.call(this, name, version);
      if (name === VAULT) {
        request.addEventListener('success', () => state.dbs.push(request.result));
      }
      return request;
    };
  });
}

async function setFailure(page: Page, failure: Failure): Promise<void> {
  await page.evaluate((f) => {
    const state = (window as unknown as { __mullStorage: { failing: Failure; dbs: IDBDatabase[] } })
      .__mullStorage;
    state.failing = f;
    if (f === 'closed') {
      for (const db of state.dbs.splice(0)) {
        db.close();
        db.dispatchEvent(new Event('close'));
      }
    }
  }, failure);
}

/** How many rows the vault's `updates` store holds (read with a connection of our own). */
function storedRowCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const storage = (
          window as unknown as { __mullStorage: { open(n: string): IDBOpenDBRequest } }
        ).__mullStorage;
        const open = storage.open('mull-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('updates').objectStore('updates').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );
}

const saveProblem = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'Mull can’t save to this device right now' });

async function downloadedBodies(page: Page): Promise<string[]> {
  const downloading = page.waitForEvent('download');
  await saveProblem(page).getByRole('button', { name: 'Download a copy' }).click();
  const file = await (await downloading).path();
  const data = JSON.parse(readFileSync(file, 'utf8')) as { entries: { body: string }[] };
  return data.entries.map((e) => e.body);
}

for (const failure of ['quota', 'closed'] as const) {
  test(`when storage fails (${failure}), typing is kept, told about, downloadable and saved later`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await installStorageSwitch(page);
    const before = 'Written while all was well.';
    const during = ` Written while ${failure === 'quota' ? 'the disk was full' : 'storage was gone'}.`;
    await writeNewEntry(page, before);
    await waitUntilSaved(page);
    const entryUrl = page.url();

    await setFailure(page, failure);
    // Counted after the switch: a write the app began just before it (sync starting in idle
    // time records this device) still commits, as it would on a real device. Our count's
    // transaction is queued behind it.
    const rows = await storedRowCount(page);
    await page.keyboard.type(during);

    await expect(saveProblem(page)).toBeVisible();
    if (failure === 'quota') await expect(saveProblem(page)).toContainText('storage looks full');
    await expect(editorText(page)).toHaveText(before + during);
    // Nothing reached the disk: the failure is real, not a slow write.
    expect(await storedRowCount(page)).toBe(rows);
    expect(await downloadedBodies(page)).toContain(before + during);

    await setFailure(page, null);
    await saveProblem(page).getByRole('button', { name: 'Try saving again' }).click();
    await expect(saveProblem(page)).toBeHidden({ timeout: 15_000 });
    await waitUntilSaved(page);

    await page.reload();
    await page.goto(entryUrl);
    await expect(editorText(page)).toHaveText(before + during);
  });
}

test('storage that recovers on its own is written to without anyone pressing a button', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await installStorageSwitch(page);
  await writeNewEntry(page, 'First words.');
  await waitUntilSaved(page);
  const entryUrl = page.url();
  await setFailure(page, 'quota');
  await page.keyboard.type(' More words.');
  await expect(saveProblem(page)).toBeVisible();
  await setFailure(page, null);
  // LocalPersistence tries again on its own (WRITE_RETRY_MS: 1 s, then 2 s, 5 s…).
  await expect(saveProblem(page)).toBeHidden({ timeout: 20_000 });
  await page.reload();
  await page.goto(entryUrl);
  await expect(editorText(page)).toHaveText('First words. More words.');
});

test('while saving fails, the editor does not claim "Saved on this device"', async ({ page }) => {
  await installStorageSwitch(page);
  await writeNewEntry(page, 'Words.');
  await waitUntilSaved(page);
  await setFailure(page, 'quota');
  await page.keyboard.type(' More.');
  await expect(saveProblem(page)).toBeVisible();
  await expect(page.getByText('Saved on this device')).toBeHidden();
});
