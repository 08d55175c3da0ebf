/**
 * The heart of Mull, end to end with three separate browsers — Alice's laptop, Alice's phone
 * and Bob — and the real server: a contact by invite and approval, a private draft that moves
 * between Alice's devices and never reaches Bob until sent, the undo window, an undone send
 * that never arrives, a scheduled send the phone asks about (and sends) once the laptop that
 * scheduled it is gone, and Bob's reply window in Alice's composer.
 */
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

const people = new BrowserDevices();
const browserFor = (): Promise<BrowserDevice> => people.open('person');

test.afterEach(() => people.closeAll());

test('a reply goes from draft to Bob only when Alice sends it', async ({ baseURL }) => {
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  const laptop = await browserFor();
  const phone = await browserFor();
  const bob = await browserFor();

  await setName(laptop.page, base, 'Alice');
  await pairBrowsers(laptop.page, base, phone.page);
  await setName(bob.page, base, 'Bob');
  await addContact(laptop.page, bob.page, base);

  // Bob says how soon he replies; Alice's composer shows it.
  await bob.page.goto(`${base}/#/settings`);
  const window = bob.page.getByLabel(/How soon you usually reply/);
  await window.fill('I usually reply within 2 days');
  await window.press('Tab');
  await openReply(laptop.page, base, 'Bob');
  await expect(laptop.page.getByText('Bob: “I usually reply within 2 days”')).toBeVisible({
    timeout: 30_000,
  });

  // The draft starts on the laptop and is finished on the phone.
  const start = 'Draft begins on the laptop';
  await replyText(laptop.page).click();
  await laptop.page.keyboard.type(start);
  await openReply(phone.page, base, 'Bob');
  await expect(replyText(phone.page)).toContainText(start, { timeout: 30_000 });
  await replyText(phone.page).click();
  await phone.page.keyboard.press('Control+End');
  await phone.page.keyboard.type(' and ends on the phone.');

  // Bob has none of it, anywhere.
  await bob.page.waitForTimeout(3000);
  expect(await indexedDbContains(bob.page, 'Draft begins')).toBe(false);
  expect(await indexedDbContains(bob.page, 'ends on the phone')).toBe(false);

  // Send from the phone: the undo window, then Bob has it.
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(phone.page.getByText(/Sending in \d+ s/)).toBeVisible();
  expect(await indexedDbContains(bob.page, 'ends on the phone')).toBe(false);
  await bob.page.goto(`${base}/#/inbox`);
  await bob.page.getByRole('link', { name: /Alice/ }).click();
  await expect(bob.page.getByText(`${start} and ends on the phone.`)).toBeVisible({
    timeout: 45_000,
  });

  // An undone send never reaches Bob.
  const takeBack = 'This one I take back';
  await openReply(phone.page, base, 'Bob');
  await replyText(phone.page).click();
  await phone.page.keyboard.type(takeBack);
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await phone.page.getByRole('button', { name: 'Send', exact: true }).click();
  await phone.page.getByRole('button', { name: 'Undo' }).click();
  await expect(phone.page.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
  await phone.page.waitForTimeout(15_000); // well past the 10 s window
  expect(await indexedDbContains(bob.page, takeBack)).toBe(false);
  await expect(bob.page.getByText(takeBack)).toHaveCount(0);

  // Scheduled on the laptop, which then goes away. The phone cannot know whether Alice changed
  // her mind there, so once the laptop's margin has passed it asks (../../src/lib/conversation/
  // README.md); she sends it from the phone. The margin is shortened through the test hook.
  await phone.page.evaluate(() => localStorage.setItem('mull:takeover-margin-ms', '3000'));
  await openReply(laptop.page, base, 'Bob');
  await replyText(laptop.page).click();
  await laptop.page.keyboard.press('Control+a');
  await laptop.page.keyboard.type('Sent at a time I chose.');
  await laptop.page.getByRole('button', { name: 'Send at…' }).click();
  // Far enough ahead that the phone has the schedule (through vault sync) before it is due,
  // even on a busy machine; the laptop is killed only once the phone shows it.
  const at = new Date(Date.now() + 60_000);
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await laptop.page.getByLabel('Day and time').fill(local);
  await laptop.page.getByRole('button', { name: 'Schedule' }).click();
  await phone.page.goto(`${base}/#/inbox`);
  await expect(phone.page.getByText(/Scheduled for/)).toBeVisible({ timeout: 50_000 });
  await people.close(laptop);
  const question = phone.page.getByRole('region', { name: /was due/ });
  await expect(question).toBeVisible({ timeout: 90_000 });
  await expect(question).toContainText('Sent at a time I chose.');
  await question.getByRole('button', { name: 'Send it now' }).click();
  await expect(question).toHaveCount(0);
  await expect(bob.page.getByText('Sent at a time I chose.')).toBeVisible({ timeout: 90_000 });
});
