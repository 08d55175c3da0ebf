/**
 * Devices and people pair, each as a separate Chromium process with its own profile, through
 * the real server (app + signaling): both people compare a six-digit code and each confirms on
 * their own screen; a third browser holding the same invite gets nothing; a device that
 * already has a journal is asked what becomes of it before it joins. The pairing screens pass
 * axe and are saved as screenshots at phone and desktop width, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import {
  approval,
  approveRequest,
  askToJoin,
  BrowserDevices,
  confirmCode,
  editorText,
  expectInJournal,
  joinQuestion,
  journalLink,
  makeDeviceInvite,
  pairBrowsers,
  setName,
  shownInvite,
  writeEntry,
} from '../helpers/browser-devices';
import {
  createInvite,
  encodeInvite,
  INVITE_KEY_HASH_BYTES,
  INVITE_TTL_MS,
} from '../../src/lib/keys';
import { expect, test } from './fixtures';

const devices = new BrowserDevices();
const device = async (label = 'device'): Promise<Page> => (await devices.open(label)).page;

test.afterEach(() => devices.closeAll());

const SHOTS = '/tmp/pair-shots';
/** What both honest screens say when someone else used the invite too. */
const INTERFERED = /Someone else tried to use this invite\. Nothing was shared\. Make a new one/;

/**
 * Everything a page keeps in IndexedDB, every database and store, as text: byte arrays as hex.
 * What a browser "holds" — a secret anywhere in it shows up here.
 */
async function heldText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const hex = (bytes: Uint8Array): string =>
      Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const text = (value: unknown): string =>
      JSON.stringify(value, (_key, v: unknown) =>
        v instanceof Uint8Array ? hex(v) : v instanceof ArrayBuffer ? hex(new Uint8Array(v)) : v,
      );
    const out: string[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        });
        out.push(`${name}/${store}: ${values.map(text).join(' ')}`);
      }
      db.close();
    }
    return out.join('\n');
  });
}

/** The vault secret the app keeps on this device (IndexedDB `mull-device`), as hex. */
async function vaultSecretHex(page: Page): Promise<string> {
  let hex = '';
  await expect
    .poll(async () => (hex = await readVaultSecretHex(page)), { timeout: 15_000 })
    .toMatch(/^[0-9a-f]{64}$/);
  return hex;
}

function readVaultSecretHex(page: Page): Promise<string> {
  return page.evaluate(async () => {
    // Opening a database that is not there would create it empty, before the app could.
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('mull-device')) return '';
    return new Promise<string>((resolve, reject) => {
      const open = indexedDB.open('mull-device');
      open.onerror = () => reject(open.error ?? new Error('open failed'));
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('keys')) {
          db.close();
          resolve('');
          return;
        }
        const get = db.transaction('keys').objectStore('keys').get('vaultSecret');
        get.onsuccess = () => {
          db.close();
          const bytes = get.result as Uint8Array | undefined;
          resolve(bytes ? Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') : '');
        };
        get.onerror = () => reject(get.error ?? new Error('read failed'));
      };
    });
  });
}

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

test('two devices pair, merge what each had when asked to, and stay in step', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const a = await device();
  const b = await device();
  await writeEntry(a, base, 'Written on A before pairing.');
  await writeEntry(b, base, 'Written on B before pairing.');

  await pairBrowsers(a, base, b, base, { name: 'Work laptop', merge: true });

  // The new device has a way on, and its name is the one it asked under, on both sides.
  await b.getByRole('link', { name: 'Open your journal' }).click();
  await expect(journalLink(b, 'Written on A before pairing.')).toBeVisible({ timeout: 30_000 });
  await expect(journalLink(b, 'Written on B before pairing.')).toBeVisible();
  await a.goto(`${base}/#/journal`);
  await expect(journalLink(a, 'Written on B before pairing.')).toBeVisible({ timeout: 30_000 });

  await a.goto(`${base}/#/settings`);
  await expect(a.getByText(/Syncing with 1 device/)).toBeVisible({ timeout: 30_000 });
  const row = a.getByRole('listitem').filter({ hasText: 'Work laptop' });
  await expect(row).toContainText('Syncing now');
  await expect(a.getByText('Not seen yet')).toHaveCount(0);
  // A finished invite does not wait in Settings for the next visit.
  await expect(a.getByText(/is paired/)).toHaveCount(0);
  await b.goto(`${base}/#/settings`);
  await expect(b.getByRole('listitem').filter({ hasText: 'Work laptop' })).toContainText(
    'This device',
  );

  // Live: a new entry on A shows up on B.
  await writeEntry(a, base, 'A new thought on A.');
  await b.goto(`${base}/#/journal`);
  await expect(journalLink(b, 'A new thought on A.')).toBeVisible({ timeout: 30_000 });

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

test('a third browser opening the same invite at the same time never gets the journal', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const inviter = await device('inviter');
  const honest = await device('honest');
  const third = await device('third');
  await writeEntry(inviter, base, 'Only for my own devices.');
  const secret = await vaultSecretHex(inviter);
  expect(secret).toMatch(/^[0-9a-f]{64}$/);

  // Both open the link at once, under the same name: the third copies the honest one.
  const code = await makeDeviceInvite(inviter, base);
  const [honestCode, thirdCode] = await Promise.all([
    askToJoin(honest, base, code, 'Phone'),
    askToJoin(third, base, code, 'Phone'),
  ]);
  // The codes tell them apart (a million to one that they don't).
  expect(honestCode).not.toBe(thirdCode);

  // The person approves the request whose code matches the screen in front of them, and that
  // screen confirms; the third says yes too.
  await expect(approval(inviter, honestCode)).toBeVisible({ timeout: 30_000 });
  await confirmCode(honest);
  await confirmCode(third);
  await approveRequest(inviter, 'Approve “Phone”?', honestCode, null);

  // Both honest screens say what happened, and agree.
  const paired = inviter.getByText('Phone is paired', { exact: false });
  const interfered = inviter.getByText(INTERFERED);
  await expect(paired.or(interfered)).toBeVisible({ timeout: 60_000 });
  if (await paired.isVisible()) {
    await expect(honest.getByText(/Paired with/)).toBeVisible({ timeout: 30_000 });
    await expectInJournal(honest, base, ['Only for my own devices.']);
  } else {
    await expect(honest.getByText(INTERFERED)).toBeVisible({ timeout: 30_000 });
  }

  // The third browser is told plainly, and holds nothing of the inviter's.
  await expect(third.locator('#join-error')).toContainText(/already been used|Someone else/, {
    timeout: 30_000,
  });
  expect(await vaultSecretHex(third)).not.toBe(secret);
  expect(await heldText(third)).not.toContain(secret);
  await third.goto(`${base}/#/journal`);
  await expect(third.locator('main h1')).toBeVisible();
  await expect(journalLink(third, 'Only for my own devices.')).toHaveCount(0);
});

test('more requests than an invite takes close it; both honest screens say so', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const inviter = await device('inviter');
  const honest = await device('honest');
  const third = await device('third');
  await inviter.goto(`${base}/#/settings`);
  await expect(inviter.getByText('This device', { exact: true })).toBeVisible();
  const secret = await vaultSecretHex(inviter);

  // The third browser asks from three tabs at once: four requests in all, one too many.
  const code = await makeDeviceInvite(inviter, base);
  const tabs = [third, await third.context().newPage(), await third.context().newPage()];
  const ask = async (page: Page): Promise<void> => {
    await page.goto(`${base}/#/join/${code}`);
    await page.getByLabel('Name for this device').fill('Phone');
    await page.getByRole('button', { name: 'Join' }).click();
  };
  await Promise.all([honest, ...tabs].map(ask));

  await expect(inviter.getByText(INTERFERED)).toBeVisible({ timeout: 60_000 });
  await expect(inviter.getByRole('button', { name: 'Make a new invite' })).toBeVisible();
  await expect(approval(inviter, null)).toHaveCount(0);
  await expect(honest.getByText(INTERFERED)).toBeVisible({ timeout: 30_000 });
  expect(await heldText(third)).not.toContain(secret);
  mkdirSync(SHOTS, { recursive: true });
  for (const [page, screen] of [
    [inviter, 'interfered-inviter'],
    [honest, 'interfered-joiner'],
  ] as const) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText(INTERFERED).scrollIntoViewIfNeeded();
    await expectNoSeriousViolations(page, screen);
    await page.screenshot({ path: `${SHOTS}/${screen}-phone-light.png` });
  }

  // A new invite works as before.
  await inviter.getByRole('button', { name: 'Make a new invite' }).click();
  const again = await shownInvite(inviter);
  expect(again).not.toBe(code);
  const shown = await askToJoin(honest, base, again, 'Phone');
  await confirmCode(honest);
  await approveRequest(inviter, 'Approve “Phone”?', shown);
  await expect(honest.getByText(/Paired with/)).toBeVisible({ timeout: 30_000 });
});

test('saying the codes differ ends it on both screens, and nothing is shared', async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? '';
  const a = await device('inviter');
  const b = await device('joiner');
  await a.goto(`${base}/#/settings`);
  await expect(a.getByText('This device', { exact: true })).toBeVisible();
  const secret = await vaultSecretHex(a);
  const code = await makeDeviceInvite(a, base);
  const shown = await askToJoin(b, base, code, 'Phone');
  await expect(approval(a, shown)).toBeVisible({ timeout: 30_000 });
  await joinQuestion(b).getByRole('button', { name: 'No, it doesn’t' }).click();

  await expect(b.getByRole('alert')).toContainText(/Nothing was shared/, { timeout: 30_000 });
  await expect(a.getByText(/codes didn’t match, so nothing was shared/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(approval(a, null)).toHaveCount(0);
  expect(await vaultSecretHex(b)).not.toBe(secret);
});

test('the pairing screens are calm, fit a phone, and pass axe', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  mkdirSync(SHOTS, { recursive: true });
  const a = await device('inviter');
  const b = await device('joiner');
  await a.setViewportSize({ width: 390, height: 844 });
  await b.setViewportSize({ width: 390, height: 844 });

  const code = await makeDeviceInvite(a, base);
  const shown = await askToJoin(b, base, code, 'Pixel 8');
  const ask = approval(a, shown);
  await expect(ask).toBeVisible({ timeout: 30_000 });
  await expect(ask).toContainText('Approve “Pixel 8”?');
  await expect(ask).toContainText(`It should show ${shown.slice(0, 3)} ${shown.slice(3)}`);
  // Settings is long: the approval comes into view by itself, buttons and all.
  await expect(ask.getByRole('button', { name: 'Approve' })).toBeInViewport();
  await expect(joinQuestion(b)).toContainText(
    `Does the other screen show ${shown.slice(0, 3)} ${shown.slice(3)}?`,
  );
  await expect(joinQuestion(b).getByRole('button', { name: 'Yes, it matches' })).toBeVisible();
  await expect(joinQuestion(b).getByRole('button', { name: 'No, it doesn’t' })).toBeVisible();

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [label, width, height] of [
      ['phone', 390, 844],
      ['desktop', 1280, 800],
    ] as const) {
      for (const [page, screen] of [
        [a, 'approve'],
        [b, 'confirm'],
      ] as const) {
        // No transitions: axe must see the colours a person sees once a change has settled.
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        await page.setViewportSize({ width, height });
        const focus = screen === 'approve' ? ask : joinQuestion(b);
        await focus.scrollIntoViewIfNeeded();
        await expectNoSeriousViolations(page, `${screen} (${label}, ${colorScheme})`);
        await page.screenshot({ path: `${SHOTS}/${screen}-${label}-${colorScheme}.png` });
      }
    }
  }

  // The honest path still ends paired, with a way on.
  await confirmCode(b);
  await approveRequest(a, 'Approve “Pixel 8”?', shown, /Pixel 8 is paired/);
  await expect(b.getByRole('link', { name: 'Open your journal' })).toBeVisible({
    timeout: 30_000,
  });
  await b.setViewportSize({ width: 390, height: 844 });
  await b.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await expectNoSeriousViolations(b, 'joined');
  await b.screenshot({ path: `${SHOTS}/joined-phone-light.png` });
});

test('a person invited to talk is asked their name, and told who invited them', async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? '';
  const alice = await device('alice');
  const bob = await device('bob');
  await setName(alice, base, 'Alice');

  await alice.goto(`${base}/#/inbox`);
  await alice.getByRole('button', { name: 'Invite someone' }).click();
  await expect(alice.getByText('Waiting for them to open it…')).toBeVisible();
  await expect(alice.getByText(/the other device/)).toHaveCount(0);

  // Bob has no name yet: he is asked for the one Alice will see, not about "people you invite".
  await bob.goto(`${base}/#/join/${await shownInvite(alice)}`);
  await expect(bob.getByLabel('What name should the person who invited you see?')).toBeVisible();
  await expect(bob.getByText('What name should the people you invite see?')).toHaveCount(0);
  const shown = await askToJoin(bob, base, await shownInvite(alice), 'Bob', { navigate: false });

  await approveRequest(alice, 'Approve “Bob”?', shown, null);
  await expect(bob.getByText('Waiting for the other device')).toHaveCount(0);
  await confirmCode(bob);

  await expect(bob.getByText(/Alice is in your contacts now/)).toBeVisible({ timeout: 30_000 });
  await bob.getByRole('link', { name: 'Write to Alice' }).click();
  await expect(bob.getByRole('heading', { name: 'Alice' })).toBeVisible();

  await expect(alice.getByText('Bob is in your contacts now.')).toBeVisible({ timeout: 30_000 });
  await expect(alice.getByRole('link', { name: /Bob/ })).toBeVisible();
  // News for a moment: gone on coming back to the Inbox, Bob's row stays.
  await alice.goto(`${base}/#/today`);
  await alice.goto(`${base}/#/inbox`);
  await expect(alice.getByRole('link', { name: /Bob/ })).toBeVisible();
  await expect(alice.getByText('Bob is in your contacts now.')).toHaveCount(0);
});

test('a device that already has a journal is asked, and keeps it apart by default', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const a = await device('a');
  const b = await device('b');
  await writeEntry(a, base, 'The journal B joins.');
  await writeEntry(b, base, 'B’s own journal, kept apart.');

  const code = await makeDeviceInvite(a, base);
  await b.goto(`${base}/#/join/${code}`);
  await expect(b.getByText('This device already has 1 entry.')).toBeVisible({ timeout: 15_000 });
  await expect(b.getByLabel(/Keep them apart/)).toBeChecked();
  await expect(b.getByLabel('Merge them into the other device’s journal')).not.toBeChecked();
  const shown = await askToJoin(b, base, code, 'Old phone', { navigate: false });
  await confirmCode(b);
  await approveRequest(a, 'Approve “Old phone”?', shown);

  // B reloads into A's journal, on the journal (not the join screen again); its own is kept
  // on B, not merged into A's.
  await expect(journalLink(b, 'The journal B joins.')).toBeVisible({ timeout: 45_000 });
  await expect(b).toHaveURL(/#\/journal$/);
  await expect(journalLink(b, 'B’s own journal, kept apart.')).toHaveCount(0);
  await expectInJournal(a, base, ['The journal B joins.']);
  await expect(journalLink(a, 'B’s own journal, kept apart.')).toHaveCount(0);
  await b.goto(`${base}/#/settings`);
  await expect(b.getByText(/kept apart/i).first()).toBeVisible();
  await expect(b.getByRole('listitem').filter({ hasText: 'Old phone' })).toContainText(
    'This device',
  );
});

test('an expired or malformed invite is refused with a clear message', async ({ page }) => {
  await page.goto('/#/join/d.not-a-real-code');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('alert')).not.toContainText('expired');

  // A genuine invite whose ten minutes are over.
  const made = new Date(Date.now() - INVITE_TTL_MS - 60_000);
  const code = encodeInvite(createInvite('device', new Uint8Array(INVITE_KEY_HASH_BYTES), made));
  await page.goto(`/#/join/${code}`);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toContainText(/expired/);
  await expect(page.getByRole('alert')).toContainText(/new one/);
});
