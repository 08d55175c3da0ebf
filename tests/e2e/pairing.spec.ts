/**
 * Two devices, as two separate Chromium processes with their own profiles, pair through the
 * real server (app + signaling) and keep each other's journals in step — including edits
 * made while both were offline.
 */
import type { Page } from '@playwright/test';
import { BrowserDevices } from '../helpers/browser-devices';
import { createInvite, encodeInvite, INVITE_TTL_MS } from '../../src/lib/keys';
import { editorText, expect, test } from './fixtures';

const devices = new BrowserDevices();
const device = async (): Promise<Page> => (await devices.open('device')).page;

test.afterEach(() => devices.closeAll());

async function write(page: Page, base: string, text: string): Promise<void> {
  await page.goto(`${base}/#/journal`);
  await page.getByRole('button', { name: 'New entry' }).click();
  await expect(editorText(page)).toBeFocused();
  await page.keyboard.type(text);
  await expect(page.getByText('Saved on this device')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
}

const journalLink = (page: Page, text: string) =>
  page.getByRole('link', { name: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });

async function pair(a: Page, b: Page, base: string): Promise<void> {
  await a.goto(`${base}/#/settings`);
  await a.getByRole('button', { name: 'Add a device' }).click();
  const code = (await a.locator('.invite code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^d\./);

  await b.goto(`${base}/#/join/${code}`);
  await b.getByRole('button', { name: 'Join' }).click();
  const shown = b.getByText(/it should show/);
  await expect(shown).toBeVisible({ timeout: 30_000 });
  const codeOnB = (await b.locator('.join .code').textContent())?.trim();

  const approval = a.getByRole('alert').filter({ hasText: /Approve/ });
  await expect(approval).toBeVisible({ timeout: 30_000 });
  await expect(approval.locator('.code')).toHaveText(codeOnB ?? 'missing');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(b.getByText(/Paired with/)).toBeVisible({ timeout: 30_000 });
  await expect(a.getByText(/is paired/)).toBeVisible({ timeout: 30_000 });
}

test('two devices pair, merge what each had, and stay in step', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const a = await device();
  const b = await device();
  await write(a, base, 'Written on A before pairing.');
  await write(b, base, 'Written on B before pairing.');

  await pair(a, b, base);

  await b.goto(`${base}/#/journal`);
  await expect(journalLink(b, 'Written on A before pairing.')).toBeVisible({ timeout: 30_000 });
  await expect(journalLink(b, 'Written on B before pairing.')).toBeVisible();
  await a.goto(`${base}/#/journal`);
  await expect(journalLink(a, 'Written on B before pairing.')).toBeVisible({ timeout: 30_000 });

  // Live: a new entry on A shows up on B.
  await write(a, base, 'A new thought on A.');
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
    await write(page, base, `Offline entry from ${who}.`);
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
