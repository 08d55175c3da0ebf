/**
 * A stale device must not send what I took back (DESIGN.md §4, invariant 5), end to end with
 * three browsers — Alice's phone, Alice's laptop and Bob — and the real server.
 *
 * - A reply scheduled on the phone reaches the laptop; the laptop goes offline; on the phone
 *   Alice unschedules it and rewrites it. The laptop, back after the send time, must not send
 *   the old words. Bob receives the new ones only when Alice sends them.
 * - The same with Undo: the phone loses its network right after Send and Alice presses Undo
 *   there, while the laptop stays online past the send time: nothing is sent, and nothing is
 *   sent once the phone is back either. The laptop asks instead of sending.
 *
 * The takeover margin (5 minutes in the app) is shortened through the test hook that the app
 * reads from localStorage (../../src/lib/conversation/delivery-rule.ts); the hook can only
 * shorten it.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  addContact,
  BrowserDevices,
  openReply,
  pairBrowsers,
  replyText,
  setName,
  type BrowserDevice,
} from '../helpers/browser-devices';
import { indexedDbContains } from '../helpers/idb-search';
import { expect, test } from './fixtures';

const devices = new BrowserDevices();

test.afterEach(() => devices.closeAll());

/** The test hook for the takeover margin (kept in step with delivery-rule.ts). */
const MARGIN_KEY = 'mull:takeover-margin-ms';
const MARGIN_MS = 4000;

interface People {
  phone: BrowserDevice;
  laptop: BrowserDevice;
  bob: BrowserDevice;
}

/** Alice's phone and laptop, paired, and Bob in her contacts; both of hers know him. */
async function setUp(base: string): Promise<People> {
  const phone = await devices.open('phone');
  const laptop = await devices.open('laptop');
  const bob = await devices.open('bob');
  for (const { page } of [phone, laptop]) {
    await page.goto(`${base}/#/inbox`);
    await page.evaluate(({ key, ms }) => localStorage.setItem(key, ms), {
      key: MARGIN_KEY,
      ms: String(MARGIN_MS),
    });
  }
  await setName(phone.page, base, 'Alice');
  await pairBrowsers(phone.page, base, laptop.page, base, { name: 'Laptop' });
  await setName(bob.page, base, 'Bob');
  await addContact(phone.page, bob.page, base);
  await laptop.page.goto(`${base}/#/inbox`);
  await expect(laptop.page.getByRole('link', { name: /Bob/ })).toBeVisible({ timeout: 45_000 });
  return { phone, laptop, bob };
}

/** The laptop's inbox shows a reply to Bob scheduled: the vault has reached it. */
async function expectScheduledOn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/#/inbox`);
  await expect(page.getByText(/Scheduled for|is about to go/)).toBeVisible({ timeout: 45_000 });
}

/** Bob's device never holds `text`, checked now and then for `ms`. */
async function expectNeverReaches(bob: Page, text: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await indexedDbContains(bob, text)).toBe(false);
    await bob.waitForTimeout(1000);
  }
  await expect(bob.getByText(text)).toHaveCount(0);
}

/** Goes offline the way Mull notices: the browser says so, and the app lets go of its peers. */
async function setOffline(device: BrowserDevice, offline: boolean): Promise<void> {
  await device.page.context().setOffline(offline);
}

const dueQuestion = (page: Page) => page.getByRole('region', { name: /was due/ });

/** axe finds nothing serious in the question. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('.due').analyze();
  const serious = results.violations.filter((v) =>
    ['serious', 'critical'].includes(v.impact ?? ''),
  );
  expect(serious.map((v) => v.id)).toEqual([]);
}

test('a reply unscheduled and rewritten on the phone is not sent by the stale laptop', async ({
  baseURL,
}) => {
  test.setTimeout(360_000);
  const base = baseURL ?? '';
  const { phone, laptop, bob } = await setUp(base);

  // 23:00 on the phone: an angry reply, scheduled (here: a little ahead, with time for the
  // steps below before it is due — until then the phone itself would rightly send it).
  const angry = 'You never listen and I am done with this.';
  await openReply(phone.page, base, 'Bob');
  await replyText(phone.page).click();
  await phone.page.keyboard.type(angry);
  await phone.page.getByRole('button', { name: 'Send at…' }).click();
  // The field holds whole minutes: the next whole minute at least 90 s ahead.
  const at = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000);
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await phone.page.getByLabel('Day and time').fill(local);
  await phone.page.getByRole('button', { name: 'Schedule' }).click();

  // The laptop syncs it, then goes offline.
  await expectScheduledOn(laptop.page, base);
  await setOffline(laptop, true);

  // 07:00 on the phone: soften it, and take it back (Send, then Undo: back to a draft).
  const gentle = 'I felt unheard yesterday. Can we talk this weekend?';
  await openReply(phone.page, base, 'Bob');
  await replyText(phone.page).click();
  await phone.page.keyboard.press('Control+a');
  await phone.page.keyboard.type(gentle);
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await phone.page.getByRole('button', { name: 'Undo' }).click();
  await expect(phone.page.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
  expect(Date.now()).toBeLessThan(at.getTime()); // all of it before the old send time

  // 09:30 and later: the laptop, still offline, is past the send time and the margin.
  const pastDue = at.getTime() + MARGIN_MS + 5000 - Date.now();
  await laptop.page.waitForTimeout(Math.max(0, pastDue));
  await laptop.page.goto(`${base}/#/inbox`);

  // It comes back. The old words never reach Bob.
  await setOffline(laptop, false);
  await expectNeverReaches(bob.page, angry, 20_000);
  // The laptop caught up: the reply is a draft again there, and it asks nothing.
  await expect(laptop.page.getByText(/Scheduled for|is about to go/)).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(dueQuestion(laptop.page)).toHaveCount(0);

  // The new words reach Bob only once Alice sends them.
  expect(await indexedDbContains(bob.page, gentle)).toBe(false);
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await bob.page.goto(`${base}/#/inbox`);
  await bob.page.getByRole('link', { name: /Alice/ }).click();
  await expect(bob.page.getByText(gentle)).toBeVisible({ timeout: 60_000 });
  await expect(bob.page.getByText(angry)).toHaveCount(0);
  expect(await indexedDbContains(bob.page, angry)).toBe(false);
});

test('Undo on a phone that just lost its network: the online laptop sends nothing, and asks', async ({
  baseURL,
}) => {
  test.setTimeout(360_000);
  const base = baseURL ?? '';
  const { phone, laptop, bob } = await setUp(base);

  // A longer undo window, so the laptop surely has the send before the phone goes offline.
  await phone.page.goto(`${base}/#/settings`);
  const undo = phone.page.getByLabel('Seconds to undo a send');
  await undo.fill('30');
  await undo.press('Tab');

  const takeBack = 'This one I take back';
  await openReply(phone.page, base, 'Bob');
  await replyText(phone.page).click();
  await phone.page.keyboard.type(takeBack);
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  const sentAt = Date.now();
  await expect(phone.page.getByText(/Sending in \d+ s/)).toBeVisible();
  await expectScheduledOn(laptop.page, base);

  // The phone loses its network; Alice presses Undo there.
  await setOffline(phone, true);
  await phone.page.getByRole('button', { name: 'Undo' }).click();
  await expect(phone.page.getByRole('button', { name: 'Send', exact: true })).toBeVisible();

  // The laptop stays online past the send time and the margin: it sends nothing.
  const pastDue = sentAt + 30_000 + MARGIN_MS + 3000 - Date.now();
  await expectNeverReaches(bob.page, takeBack, Math.max(0, pastDue));
  // It asks instead, calmly, with both choices.
  const question = dueQuestion(laptop.page);
  await expect(question).toBeVisible({ timeout: 15_000 });
  await expect(question).toContainText('hasn’t caught up with your other devices');
  await expect(question.getByRole('button', { name: 'Send it now' })).toBeVisible();
  await expect(question.getByRole('button', { name: 'Keep it as a draft' })).toBeVisible();
  await expectAccessible(laptop.page);
  // The conversation asks too.
  await laptop.page.getByRole('link', { name: /Bob/ }).click();
  await expect(question).toContainText(takeBack);
  await expectAccessible(laptop.page);

  // The phone comes back: the laptop learns of the Undo and stops asking; still nothing sent.
  await setOffline(phone, false);
  await expect(question).toHaveCount(0, { timeout: 45_000 });
  await expectNeverReaches(bob.page, takeBack, 10_000);
});
