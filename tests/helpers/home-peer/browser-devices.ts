/**
 * Browser devices for the home peer, scale-out and TURN end-to-end specs: each a Chromium
 * process of its own with its own profile (tests/helpers/chromium-process.ts), so it can be
 * closed with SIGKILL and opened again on the same profile — a device going away and coming
 * back. The steps are the ones a person takes (pairing.spec.ts does the same).
 */
import { expect, type Page } from '@playwright/test';

export { BrowserDevices, type BrowserDevice } from '../browser-devices';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const journalLink = (page: Page, text: string) =>
  page.getByRole('link', { name: new RegExp(escape(text)) });

/** Writes a new journal entry with real key presses and waits until it is stored locally. */
export async function writeEntry(page: Page, origin: string, text: string): Promise<void> {
  await page.goto(`${origin}/#/journal`);
  await page.getByRole('button', { name: 'New entry' }).click();
  const editor = page.getByRole('textbox', { name: 'Entry text' });
  await expect(editor).toBeFocused();
  await page.keyboard.type(text);
  await expect(page.getByText('Saved on this device')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
}

/** Expects every text in the journal of `page`, each within `timeout`. */
export async function expectInJournal(
  page: Page,
  origin: string,
  texts: string[],
  timeout = 45_000,
): Promise<void> {
  await page.goto(`${origin}/#/journal`);
  for (const text of texts) await expect(journalLink(page, text)).toBeVisible({ timeout });
}

/** Settings → Your devices → Add a device: returns the invite code. */
export async function makeDeviceInvite(page: Page, origin: string): Promise<string> {
  await page.goto(`${origin}/#/settings`);
  // A finished invite stays on screen (with its outcome) until closed.
  const finished = page
    .getByRole('region', { name: 'Add a device' })
    .getByRole('button', { name: 'Close' });
  if (await finished.isVisible()) await finished.click();
  await page.getByRole('button', { name: 'Add a device' }).click({ timeout: 15_000 });
  const code = (await page.locator('.invite code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^d\./);
  return code;
}

/** On the inviting page: waits for "Approve <name>?", checks the code, approves. */
export async function approveRequest(
  page: Page,
  name: string | RegExp,
  checkCode: string | null,
): Promise<void> {
  const approval = page.getByRole('alert').filter({ hasText: /Approve/ });
  await expect(approval).toBeVisible({ timeout: 30_000 });
  await expect(approval).toContainText(name);
  if (checkCode) await expect(approval.locator('.code')).toHaveText(checkCode);
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/is paired/)).toBeVisible({ timeout: 30_000 });
}

/** Pairs `b` into `a`'s journal through the UI; each may use its own origin (server). */
export async function pairBrowsers(
  a: Page,
  originA: string,
  b: Page,
  originB: string = originA,
): Promise<void> {
  const code = await makeDeviceInvite(a, originA);
  await b.goto(`${originB}/#/join/${code}`);
  await b.getByRole('button', { name: 'Join' }).click();
  await expect(b.getByText(/it should show/)).toBeVisible({ timeout: 30_000 });
  const codeOnB = (await b.locator('.join .code').textContent())?.trim() ?? null;
  await approveRequest(a, /Approve/, codeOnB);
  await expect(b.getByText(/Paired with/)).toBeVisible({ timeout: 30_000 });
}

/** Waits until Settings says this device is syncing with `n` others right now. */
export async function expectSyncingWith(page: Page, origin: string, n: number): Promise<void> {
  await page.goto(`${origin}/#/settings`);
  await expect(page.getByText(new RegExp(`Syncing with ${n} device`))).toBeVisible({
    timeout: 60_000,
  });
}
