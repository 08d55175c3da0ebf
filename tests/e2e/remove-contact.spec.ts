/**
 * Remove and block, end to end with two people in separate browsers and the real server:
 * Alice removes and blocks Bob from their conversation; what Bob sends afterwards never
 * reaches Alice's screen or storage; Bob's new invite is refused quietly on Alice's side, and
 * so is his request to join hers. The dialog and Settings pass axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  addContact,
  approveRequest,
  askToJoin,
  BrowserDevices,
  confirmCode,
  openReply,
  replyText,
  setName,
  shownInvite,
} from '../helpers/browser-devices';
import { indexedDbContains } from '../helpers/idb-search';
import { expect, test } from './fixtures';

const people = new BrowserDevices();

test.afterEach(() => people.closeAll());

async function send(page: Page, base: string, to: string, text: string): Promise<void> {
  await openReply(page, base, to);
  await replyText(page).click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // The undo window passes, then it is in the conversation.
  await expect(page.getByText(text)).toBeVisible({ timeout: 30_000 });
}

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  // No transitions: axe must see the colours a person sees once a change has settled.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

test('after Alice removes and blocks Bob, nothing new from him reaches her', async ({
  baseURL,
}) => {
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  const alice = await people.open('person');
  const bob = await people.open('person');
  await setName(alice.page, base, 'Alice');
  await setName(bob.page, base, 'Bob');
  await addContact(alice.page, bob.page, base);

  // While they are contacts, Bob's message reaches Alice.
  const before = 'Are we still on for Friday?';
  await send(bob.page, base, 'Alice', before);
  await alice.page.goto(`${base}/#/inbox`);
  await alice.page.getByRole('link', { name: /Bob/ }).click();
  await expect(alice.page.getByText(before)).toBeVisible({ timeout: 60_000 });

  // The dialog: says what happens, Cancel has the focus, Escape closes it.
  const a = alice.page;
  await a.getByRole('button', { name: 'Remove or block…' }).click();
  const dialog = a.getByRole('dialog', { name: 'Remove Bob?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(
    'Bob keeps what you already sent. Nothing new reaches them, and nothing new from them reaches you.',
  );
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog.getByRole('radio', { name: 'Keep it' })).toBeChecked();
  await expectNoSeriousViolations(a, 'remove dialog');
  await a.screenshot({ path: '/tmp/remove-dialog.png' });
  await a.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(a.getByRole('heading', { name: 'Bob', level: 1 })).toBeVisible();

  // Remove and block, keeping her copy: to the Inbox, with a calm note; Bob is not listed.
  await a.getByRole('button', { name: 'Remove or block…' }).click();
  await dialog.getByRole('checkbox', { name: /Also block Bob/ }).check();
  await dialog.getByRole('button', { name: 'Remove and block' }).click();
  await expect(a).toHaveURL(/#\/inbox$/);
  await expect(
    a.getByText('Bob is removed and blocked. Your copy of the conversation is kept.'),
  ).toBeVisible();
  await expect(a.getByRole('link', { name: /Bob/ })).toHaveCount(0);

  // Bob, who still has Alice, writes again: it stays on his side.
  const after = 'Here is that soup recipe I mentioned.';
  await send(bob.page, base, 'Alice', after);
  await a.waitForTimeout(15_000);
  expect(await indexedDbContains(a, after)).toBe(false);
  await expect(a.getByText(after)).toHaveCount(0);
  expect(await indexedDbContains(a, before)).toBe(true); // her copy is kept

  // Bob invites Alice again: her side refuses it calmly, and adds no one.
  await bob.page.goto(`${base}/#/inbox`);
  await bob.page.getByRole('button', { name: 'Invite someone' }).click();
  const bobsInvite = await shownInvite(bob.page);
  const shown = await askToJoin(a, base, bobsInvite);
  await approveRequest(bob.page, /Approve/, shown, null);
  await confirmCode(a);
  await expect(a.getByRole('alert')).toContainText(
    'This invite is from Bob, who you blocked, so nothing was added.',
    { timeout: 60_000 },
  );
  await a.goto(`${base}/#/inbox`);
  await expect(a.getByRole('link', { name: /Bob/ })).toHaveCount(0);

  // Bob asks to join an invite of Alice's: declined without asking her; a quiet note says so.
  await a.getByRole('button', { name: 'Invite someone' }).click();
  const alicesInvite = await shownInvite(a);
  await bob.page.goto(`${base}/#/join/${alicesInvite}`);
  await bob.page.getByRole('button', { name: 'Join' }).click();
  await expect(
    bob.page.getByText('The invite wasn’t approved this time. Nothing was shared.'),
  ).toBeVisible({ timeout: 60_000 });
  await expect(a.getByText(/Bob asked to join\. This person is blocked/)).toBeVisible();
  await expect(a.getByRole('alert').filter({ hasText: /Approve/ })).toHaveCount(0);
  await a.getByRole('button', { name: 'Cancel invite' }).click();

  // Settings lists Bob as blocked, with Unblock; the screen passes axe.
  await a.goto(`${base}/#/settings`);
  const contacts = a.getByRole('region', { name: 'Your contacts' });
  await expect(contacts.getByRole('list', { name: 'Blocked' })).toContainText('Bob');
  await expectNoSeriousViolations(a, 'settings');
  await contacts.getByRole('button', { name: 'Unblock Bob' }).click();
  await expect(
    a.getByText('Bob is unblocked. A new invite between you can work again.'),
  ).toBeVisible();
  await expect(contacts.getByRole('list', { name: 'Blocked' })).toHaveCount(0);
});
