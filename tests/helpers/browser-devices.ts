/**
 * Devices for end-to-end specs, and the steps a person takes on them.
 *
 * Each device is a Chromium process of its own with its own profile (chromium-process.ts), so
 * it can be killed with SIGKILL and opened again on the same profile — a device going away and
 * coming back. `closeAll` in `afterEach` removes them all.
 *
 * The steps (write an entry, pair two devices, become contacts, open a reply) click through the app as a
 * person would; every spec uses these, so a change to a screen is followed here once. Each
 * takes the page and the origin of the server it talks to (specs with servers of their own
 * pass theirs; '' is the shared one).
 */
import { expect, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromiumProcess, removeProfile, type ChromiumProcess } from './chromium-process';

export interface BrowserDevice {
  label: string;
  profile: string;
  chromium: ChromiumProcess | null;
  page: Page;
}

export class BrowserDevices {
  readonly #devices: BrowserDevice[] = [];

  /** A new device with an empty profile. */
  async open(label: string): Promise<BrowserDevice> {
    const profile = mkdtempSync(join(tmpdir(), `mull-${label.toLowerCase()}-`));
    const device: BrowserDevice = { label, profile, chromium: null, page: null as never };
    this.#devices.push(device);
    await this.reopen(device);
    return device;
  }

  /** Starts the device's browser again on its profile (after `close`). */
  async reopen(device: BrowserDevice): Promise<void> {
    device.chromium = await launchChromiumProcess(device.profile);
    const context = device.chromium.browser.contexts()[0]!;
    device.page = context.pages()[0] ?? (await context.newPage());
  }

  /** SIGKILL: the device is gone at once, with whatever its storage holds. */
  async close(device: BrowserDevice): Promise<void> {
    await device.chromium?.kill();
    device.chromium = null;
  }

  async closeAll(): Promise<void> {
    for (const device of this.#devices.splice(0)) {
      await device.chromium?.kill();
      await removeProfile(device.profile);
    }
  }
}

/** Time for a step that waits on another device through signaling and WebRTC. */
const PEER_STEP_TIMEOUT_MS = 30_000;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The editor's text box (CodeMirror's content element). */
export const editorText = (page: Page) => page.getByRole('textbox', { name: 'Entry text' });

/** The journal's link to the entry whose text contains `text`. */
export const journalLink = (page: Page, text: string) =>
  page.getByRole('link', { name: new RegExp(escapeRegExp(text)) });

/** Opens a new entry from the Journal and types `text` into it with real key presses. */
export async function writeNewEntry(page: Page, text: string, origin = ''): Promise<void> {
  await page.goto(`${origin}/#/journal`);
  await page.getByRole('button', { name: 'New entry' }).click();
  await expect(editorText(page)).toBeFocused();
  await page.keyboard.type(text);
}

/** Resolves when every write the app has issued has committed to IndexedDB. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this device' })).toBeVisible();
}

/** Writes a whole new journal entry: typed, stored on this device, and closed with Done. */
export async function writeEntry(page: Page, origin: string, text: string): Promise<void> {
  await writeNewEntry(page, text, origin);
  await waitUntilSaved(page);
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

/** Waits until Settings says this device is syncing with `n` others right now. */
export async function expectSyncingWith(page: Page, origin: string, n: number): Promise<void> {
  await page.goto(`${origin}/#/settings`);
  await expect(page.getByText(new RegExp(`Syncing with ${n} device`))).toBeVisible({
    timeout: 60_000,
  });
}

/** The invite code on screen once "Add a device" or "Invite someone" has made one. */
export async function shownInvite(page: Page): Promise<string> {
  const code = (await page.locator('.invite code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[a-z]\./);
  return code;
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
  const code = await shownInvite(page);
  expect(code).toMatch(/^d\./);
  return code;
}

/** "482 193": six digits as both screens show them. */
export const spacedCode = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;

/** The joiner's question, once the code is on its screen. */
export const joinQuestion = (page: Page) =>
  page.getByRole('group').filter({ hasText: /Does .+ show \d{3} \d{3}\?/ });

/**
 * Opens the invite on the joining page and asks to join — as `name` when the page asks for
 * one — and returns the six digits it then shows, once it asks "Does the other screen show …?".
 */
export async function askToJoin(
  page: Page,
  origin: string,
  code: string,
  name?: string,
  { navigate = true } = {},
): Promise<string> {
  if (navigate) await page.goto(`${origin}/#/join/${code}`);
  const join = page.getByRole('button', { name: 'Join' });
  await expect(join).toBeVisible({ timeout: 15_000 });
  if (name !== undefined) {
    const field = page.getByLabel(/Name for this device|What name should/);
    if (await field.isVisible()) await field.fill(name);
  }
  await join.click();
  const question = joinQuestion(page);
  await expect(question).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
  const shown = (await question.locator('.code').textContent())?.trim() ?? '';
  expect(shown).toMatch(/^\d{3} \d{3}$/);
  return shown.replace(' ', '');
}

/** On the joining page: "Yes, it matches". */
export async function confirmCode(page: Page): Promise<void> {
  await joinQuestion(page).getByRole('button', { name: 'Yes, it matches' }).click();
}

/** The approval on the inviting page whose code is `code` (any, when null). */
export const approval = (page: Page, code: string | null) => {
  const asks = page.getByRole('alert').filter({ hasText: /Approve/ });
  return code ? asks.filter({ hasText: spacedCode(code) }) : asks;
};

/**
 * On the inviting page: waits for "Approve <name>?" with the code the joiner shows (when
 * given), approves it, and waits for `outcome` (a device's wording unless told otherwise;
 * null: don't wait, as the joiner has yet to confirm).
 */
export async function approveRequest(
  page: Page,
  name: string | RegExp,
  code: string | null,
  outcome: RegExp | null = /is paired/,
): Promise<void> {
  const ask = approval(page, code);
  await expect(ask).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
  await expect(ask).toContainText(name);
  await ask.getByRole('button', { name: 'Approve' }).click();
  if (outcome) await expect(page.getByText(outcome)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
}

export interface PairOptions {
  /** The name `b` asks under (and keeps). */
  name?: string;
  /** When `b` already holds entries or contacts: merge them rather than keep them apart. */
  merge?: boolean;
}

/**
 * Pairs `b` into `a`'s journal through the UI; each may use its own origin (server). The
 * joiner confirms the code first, then the inviter approves.
 */
export async function pairBrowsers(
  a: Page,
  originA: string,
  b: Page,
  originB: string = originA,
  { name = 'Second device', merge = false }: PairOptions = {},
): Promise<void> {
  const code = await makeDeviceInvite(a, originA);
  await b.goto(`${originB}/#/join/${code}`);
  if (merge) await b.getByLabel('Merge them into the other device’s journal').check();
  const shown = await askToJoin(b, originB, code, name, { navigate: false });
  await confirmCode(b);
  await expect(b.getByText('Waiting for the other device to approve…')).toBeVisible();
  await approveRequest(a, `Approve “${name}”?`, shown);
  await expect(b.getByText(/Paired with/)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
}

/** Inbox: sets the name the people this device invites will see. */
export async function setName(page: Page, origin: string, name: string): Promise<void> {
  await page.goto(`${origin}/#/inbox`);
  await page.getByLabel('What name should the people you invite see?').fill(name);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Invite someone' })).toBeVisible();
}

/**
 * Inbox → Invite someone; the joiner asks, the inviter approves, then the joiner confirms the
 * code: each is in the other's contacts. `joinerName` is typed when the joiner has none yet.
 */
export async function addContact(
  inviter: Page,
  joiner: Page,
  origin: string,
  joinerName?: string,
): Promise<void> {
  await inviter.goto(`${origin}/#/inbox`);
  await inviter.getByRole('button', { name: 'Invite someone' }).click();
  const shown = await askToJoin(joiner, origin, await shownInvite(inviter), joinerName);
  await approveRequest(inviter, /Approve/, shown, null);
  await confirmCode(joiner);
  await expect(inviter.getByText(/is in your contacts now/)).toBeVisible({
    timeout: PEER_STEP_TIMEOUT_MS,
  });
  await expect(joiner.getByText(/is in your contacts now/)).toBeVisible({
    timeout: PEER_STEP_TIMEOUT_MS,
  });
}

/** The reply composer's text box. */
export const replyText = (page: Page) => page.getByRole('textbox', { name: 'Your reply' });

/** Inbox → the conversation with `to` → its composer, past the mood question if it asks. */
export async function openReply(page: Page, origin: string, to: string): Promise<void> {
  await page.goto(`${origin}/#/inbox`);
  await page.getByRole('link', { name: new RegExp(to) }).click();
  await page
    .getByRole('link', { name: /Write a reply|Write to |Continue your reply|Continue writing to / })
    .click();
  const skip = page.getByRole('button', { name: 'Skip' });
  if (await skip.isVisible().catch(() => false)) await skip.click();
  await expect(replyText(page)).toBeVisible();
}
