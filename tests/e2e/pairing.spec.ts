/**
 * Two devices, as two separate Chromium processes with their own profiles, pair through the
 * real server (app + signaling) and keep each other's journals in step — including edits
 * made while both were offline.
 */
import type { Page } from '@playwright/test';
import {
  BrowserDevices,
  editorText,
  journalLink,
  pairBrowsers,
  writeEntry,
} from '../helpers/browser-devices';
import { createInvite, encodeInvite, INVITE_TTL_MS } from '../../src/lib/keys';
import { expect, test } from './fixtures';

const devices = new BrowserDevices();
const device = async (): Promise<Page> => (await devices.open('device')).page;

test.afterEach(() => devices.closeAll());

test('two devices pair, merge what each had, and stay in step', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const a = await device();
  const b = await device();
  await writeEntry(a, base, 'Written on A before pairing.');
  await writeEntry(b, base, 'Written on B before pairing.');

  await pairBrowsers(a, base, b);

  await b.goto(`${base}/#/journal`);
  await expect(journalLink(b, 'Written on A before pairing.')).toBeVisible({ timeout: 30_000 });
  await expect(journalLink(b, 'Written on B before pairing.')).toBeVisible();
  await a.goto(`${base}/#/journal`);
  await expect(journalLink(a, 'Written on B before pairing.')).toBeVisible({ timeout: 30_000 });

  // Live: a new entry on A shows up on B.
  await writeEntry(a, base, 'A new thought on A.');
  await b.goto(`${base}/#/journal`);
  await expect(journalLink(b, 'A new thought on A.')).toBeVisible({ timeout: 30_000 });

  await a.goto(`${base}/#/settings`);
  await expect(a.getByText(/Syncing with 1 device/)).toBeVisible({ timeout: 30_000 });

  // Both offline: each edits the same entry and writes a new one.
  await a.context().setOffline(true);
  await b.context().setOffline(true);
  for (const [page, who] of [
    [a, 'A'],
    [b, 'B'],
  ] as const) {
    await page.goto(`${base}/#/journal`);
    await journalLink(page, 'A new thought on A.').click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect(editorText(page)).toBeFocused();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` Offline edit by ${who}.`);
    await page.getByRole('button', { name: 'Done' }).click();
    await writeEntry(page, base, `Offline entry from ${who}.`);
  }
  await a.context().setOffline(false);
  await b.context().setOffline(false);
  // Back online, they find each other again on their own.
  for (const page of [a, b]) {
    await page.goto(`${base}/#/settings`);
    await expect(page.getByText(/Syncing with 1 device/)).toBeVisible({ timeout: 60_000 });
  }

  for (const page of [a, b]) {
    await page.goto(`${base}/#/journal`);
    await expect(journalLink(page, 'Offline entry from A.')).toBeVisible({ timeout: 45_000 });
    await expect(journalLink(page, 'Offline entry from B.')).toBeVisible({ timeout: 45_000 });
    const edited = journalLink(page, 'A new thought on A.');
    await expect(edited).toContainText('Offline edit by A.', { timeout: 45_000 });
    await expect(edited).toContainText('Offline edit by B.', { timeout: 45_000 });
  }
});

test('an expired or malformed invite is refused with a clear message', async ({ page }) => {
  await page.goto('/#/join/d.not-a-real-code');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('alert')).not.toContainText('expired');

  // A genuine invite whose ten minutes are over.
  const made = new Date(Date.now() - INVITE_TTL_MS - 60_000);
  const code = encodeInvite(createInvite('device', made));
  await page.goto(`/#/join/${code}`);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toContainText(/expired/);
  await expect(page.getByRole('alert')).toContainText(/new one/);
});
