/**
 * Export from one browser profile, import into a fresh one: the same entries arrive. A broken
 * file is refused with a clear message, and nothing changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

interface Exported {
  entries: Record<string, unknown>[];
}

async function exportJson(page: Page): Promise<{ path: string; data: Exported }> {
  await page.goto('/#/settings');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download everything (JSON)' }).click();
  const path = await (await downloading).path();
  return { path, data: JSON.parse(readFileSync(path, 'utf8')) as Exported };
}

const byId = (entries: Record<string, unknown>[]) =>
  [...entries].sort((a, b) => String(a.id).localeCompare(String(b.id)));

test('export, then import into a fresh profile, gives identical entries', async ({
  page,
  browser,
}) => {
  await writeNewEntry(page, 'Exported **words**, with a comma, and "quotes".');
  await page.getByRole('combobox', { name: 'Tags' }).fill('travel');
  await page.keyboard.press('Enter');
  await waitUntilSaved(page);
  await page.goto('/#/today');
  await page.getByRole('slider', { name: /How you feel/ }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  const original = await exportJson(page);
  expect(original.data.entries).toHaveLength(2);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto('/#/settings');
  await fresh.locator('input[type="file"]').setInputFiles(original.path);
  await expect(fresh.getByText(/This will add 1 check-in and 1 entry/)).toBeVisible();
  await fresh.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(fresh.getByText(/Added 1 check-in and 1 entry/)).toBeVisible();

  const copy = await exportJson(fresh);
  expect(byId(copy.data.entries)).toEqual(byId(original.data.entries));
  await fresh.goto('/#/journal');
  await expect(fresh.getByRole('link', { name: /Exported words, with a comma/ })).toBeVisible();

  // Importing the same file again adds nothing.
  await fresh.goto('/#/settings');
  await fresh.locator('input[type="file"]').setInputFiles(original.path);
  await expect(fresh.getByText(/Nothing to import: nothing in this file is new/)).toBeVisible();
  await fresh.close();
});

test('a broken file is refused, naming the problem, and nothing changes', async ({
  page,
}, info) => {
  await writeNewEntry(page, 'Keep me exactly as I am.');
  await waitUntilSaved(page);
  const before = await exportJson(page);

  const broken = info.outputPath('broken.json');
  writeFileSync(
    broken,
    JSON.stringify({
      format: 'mull-export',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      entries: [{ id: 'x', kind: 'checkin', mood: { pleasantness: 9, energy: 0 } }],
    }),
  );
  await page.locator('input[type="file"]').setInputFiles(broken);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('wasn’t imported');
  await expect(alert).toContainText('nothing in your journal changed');
  await expect(alert).toContainText(/entries\[0\]/);

  const garbage = info.outputPath('garbage.json');
  writeFileSync(garbage, '{"format": "mull-export", "entries": [');
  await page.getByRole('button', { name: 'OK' }).click();
  await page.locator('input[type="file"]').setInputFiles(garbage);
  await expect(page.getByRole('alert')).toContainText('wasn’t imported');

  const after = await exportJson(page);
  expect(byId(after.data.entries)).toEqual(byId(before.data.entries));
});
