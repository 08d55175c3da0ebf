/**
 * A hostile contact, end to end (issue 13). Sam is a real contact of Alice's — paired through
 * the UI like anyone — who then swaps Mull for a modified client: stock Yjs in Node writing
 * straight into the conversation doc (../helpers/hostile-contact.ts). Sam forges a message as
 * Alice, rewrites what she sent, deletes his own threat, backdates one message and dates
 * another years ahead, then floods the conversation with valid messages past its budget.
 *
 * On Alice's screen: nothing she did not send is shown as hers; each change is marked calmly
 * for what it is; her own words and Sam's originals stay in her record and her export; the
 * next real message still counts as unread; after the flood Mull has stopped taking Sam's
 * side, and her journal still saves and opens as fast as before.
 *
 * Each check is soft, so one run reports every attack that still gets through.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  addContact,
  BrowserDevices,
  journalLink,
  openReply,
  replyText,
  setName,
} from '../helpers/browser-devices';
import { HostileContact, readContactKeys, type ContactKeys } from '../helpers/hostile-contact';
import { indexedDbContains } from '../helpers/idb-search';
import { editorText, expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

/** Screenshots of the markers, for a person to look at (not compared). */
const SHOTS = '/tmp/hostile-shots';

const HELLO = 'Are you still coming on Friday?';
const THREAT = 'If you don’t come, you will be sorry.';
const FRIDAY = 'I can’t make it Friday';
const REWRITTEN = 'Fine, I will come';
const FORGED = 'I never want to see you again.';
const BACKDATED = 'You promised me this years ago.';
const FUTURE = 'Remember what you said.';
const LAST = 'Sorry about earlier. Can we talk?';
const JOURNAL_ENTRY = 'A quiet morning before any of this.';
const AFTER_FLOOD_ENTRY = 'Still writing, whatever Sam sends.';

/** Past the 50 MB per-conversation budget, in 15,000-character messages (MAX is 20,000). */
const FLOOD_CHARS = 60_000_000;
/** Journal start-up after the flood may take at most this many times as long as before. */
const MAX_SLOWDOWN = 2;
/**
 * A start-up faster than this counts as this long, when comparing: on a shared two-core
 * machine scheduling noise is tens of milliseconds, and 2× a 100 ms start is within it.
 */
const MIN_BASELINE_MS = 200;

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const people = new BrowserDevices();
let sam: HostileContact | null = null;

test.afterEach(async () => {
  await sam?.quit();
  sam = null;
  await people.closeAll();
});

const messageList = (page: Page) => page.getByRole('list', { name: 'Messages' });

async function openConversation(page: Page, name: string): Promise<void> {
  await page.goto('/#/inbox');
  await page
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .first()
    .click();
  await expect(messageList(page)).toBeVisible();
}

/**
 * Each message on the conversation screen, in screen order: the text it shows (innerText, so a
 * closed disclosure's contents do not count; the screen-reader "You:" does) and whether it is
 * styled as mine.
 */
function shownMessages(page: Page): Promise<{ text: string; mine: boolean }[]> {
  return messageList(page)
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((li) => ({
        text: (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
        mine: li.classList.contains('mine'),
      })),
    );
}

/**
 * Reloads the app on the journal and returns ms from navigation to journal-ready: the live
 * list painted, once the vault has been read and decoded (`mull:journal-live-painted`, the
 * mark bench/cold-start.ts times; the cached first screen paints earlier and proves nothing).
 */
async function journalReadyMs(page: Page): Promise<number> {
  await page.goto('/#/journal');
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(
    () => performance.getEntriesByName('mull:journal-live-painted').length > 0,
    null,
    { timeout: 180_000, polling: 50 },
  );
  return page.evaluate(
    () => performance.getEntriesByName('mull:journal-live-painted')[0]?.startTime ?? NaN,
  );
}

/** The median of three journal start-ups (one is noise on a shared two-core machine). */
async function medianJournalReadyMs(page: Page): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(await journalReadyMs(page));
  return times.sort((a, b) => a - b)[1]!;
}

/** Bytes this origin stores, once it has stopped growing (the flood has landed, or was refused). */
async function settledUsage(page: Page, timeoutMs = 180_000): Promise<number> {
  const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const deadline = Date.now() + timeoutMs;
  let last = await usage();
  let steady = 0;
  while (Date.now() < deadline && steady < 3) {
    await page.waitForTimeout(2000);
    const now = await usage();
    steady = now === last ? steady + 1 : 0;
    last = now;
  }
  return last;
}

async function exportJson(page: Page): Promise<Record<string, unknown>> {
  await page.goto('/#/settings');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download everything (JSON)' }).click();
  const path = await (await downloading).path();
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

test('a contact with a modified client cannot put words in my mouth, erase, reorder or bury me', async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(900_000);
  const base = baseURL ?? '';
  const alice = page;
  await alice.emulateMedia({ reducedMotion: 'reduce' });

  // Alice has a journal, and Sam is her contact, paired the ordinary way.
  await writeNewEntry(alice, JOURNAL_ENTRY);
  await waitUntilSaved(alice);
  await alice.getByRole('button', { name: 'Done' }).click();
  await setName(alice, base, 'Alice');
  const samDevice = await people.open('sam');
  await setName(samDevice.page, base, 'Sam');
  await addContact(alice, samDevice.page, base);

  // Sam's device holds the conversation secret, as any contact's does. Sam now uses a client
  // of his own: Mull on his side is gone; stock Yjs in Node takes its place.
  let keys = null as ContactKeys | null;
  await expect
    .poll(async () => (keys = await readContactKeys(samDevice.page, 'Alice').catch(() => null)))
    .not.toBeNull();
  await people.close(samDevice);
  sam = await HostileContact.join(`${base.replace(/^http/, 'ws')}/signal`, keys!);
  const aliceId = sam.keys.theirMemberId;
  await expect
    .poll(async () => Object.keys((await sam!.read()).members), { timeout: 60_000 })
    .toContain(aliceId);

  // Two ordinary messages from Sam; Alice reads them.
  await sam.send(HELLO);
  const threat = await sam.send(THREAT);
  await openConversation(alice, 'Sam');
  await expect(messageList(alice).getByText(THREAT).first()).toBeVisible({ timeout: 30_000 });

  // Alice answers, through Mull, and the message reaches Sam's side.
  await openReply(alice, base, 'Sam');
  await replyText(alice).click();
  await alice.keyboard.type(FRIDAY);
  await alice.getByRole('button', { name: 'Send', exact: true }).click();
  await alice.getByRole('button', { name: 'Send', exact: true }).click();
  let sent: { id: string } | undefined;
  await expect
    .poll(
      async () => {
        sent = (await sam!.read()).messages.find((m) => m.from === aliceId && m.text === FRIDAY);
        return sent !== undefined;
      },
      { timeout: 60_000 },
    )
    .toBe(true);

  // The attacks, each a raw write into the shared doc.
  await sam.rewrite(sent!.id, REWRITTEN);
  await sam.forgeAs(aliceId, FORGED);
  await sam.remove(threat.id);
  await sam.send(BACKDATED, new Date(Date.now() - 4 * YEAR_MS));
  await sam.send(FUTURE, new Date(Date.now() + 3 * YEAR_MS));

  // Alice opens the conversation once everything has arrived (the last write is in order).
  await openConversation(alice, 'Sam');
  await expect(messageList(alice).getByText(FUTURE).first()).toBeVisible({ timeout: 30_000 });
  const shown = await shownMessages(alice);
  info.annotations.push({
    type: 'conversation as shown to Alice',
    description: shown.map((m) => `${m.mine ? '[mine] ' : ''}${m.text}`).join(' | '),
  });

  // Nothing Sam wrote is shown as Alice's: not the forgery, not his version of her message.
  expect
    .soft(
      shown.filter((m) => m.text.includes(FORGED) && (m.mine || /\bYou:/.test(m.text))),
      'the forged message is shown as Alice’s',
    )
    .toEqual([]);
  await expect
    .soft(alice.getByText(/This message claims to be from you\. It isn[’']t\./).first())
    .toBeVisible();
  expect
    .soft(
      shown.filter((m) => m.mine && m.text.includes(REWRITTEN)),
      'Sam’s rewrite is shown as Alice’s words',
    )
    .toEqual([]);
  expect
    .soft(
      shown.some((m) => m.mine && m.text.includes(FRIDAY)),
      'Alice’s message still reads as she sent it',
    )
    .toBe(true);
  await expect
    .soft(
      alice
        .getByText(/Sam[’']s copy of this message says something else\. You see what you sent\./)
        .first(),
    )
    .toBeVisible();

  // The threat Sam deleted is still in Alice's record, marked.
  await expect.soft(messageList(alice).getByText(THREAT).first()).toBeVisible();
  await expect
    .soft(alice.getByText(/Sam removed this message\. It stays in your own record\./).first())
    .toBeVisible();

  // Order is when Alice's device first saw each message, not what Sam claims.
  const position = (text: string) => shown.findIndex((m) => m.text.includes(text));
  expect
    .soft(
      position(HELLO) >= 0 && position(BACKDATED) > position(HELLO),
      'the backdated message is placed above earlier ones, where Sam claims it belongs',
    )
    .toBe(true);

  // The markers are calm and accessible: screenshots to look at, phone and desktop, light and dark.
  mkdirSync(SHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [label, width, height] of [
      ['phone', 390, 844],
      ['desktop', 1280, 900],
    ] as const) {
      await alice.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await alice.setViewportSize({ width, height });
      await alice.screenshot({
        path: `${SHOTS}/markers-${label}-${colorScheme}.png`,
        fullPage: true,
      });
    }
  }
  await alice.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const axe = await new AxeBuilder({ page: alice }).analyze();
  expect
    .soft(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    )
    .toEqual([]);

  // The Inbox never previews the forgery as Alice's.
  await alice.goto('/#/inbox');
  const samRow = alice.getByRole('link', { name: /^Sam/ }).first();
  await expect(samRow).toBeVisible();
  await expect.soft(samRow).not.toContainText(`You: ${FORGED}`);
  // Alice has read everything so far (the premise of the next check).
  await expect(samRow).not.toContainText('(unread)');

  // The next real message counts as unread, although Sam dated one years ahead.
  await sam.send(LAST);
  await expect.poll(() => indexedDbContains(alice, LAST), { timeout: 30_000 }).toBe(true);
  await expect.soft(samRow, 'Sam’s new message counts as unread').toContainText('(unread)');
  await openConversation(alice, 'Sam');
  await expect(messageList(alice).getByText(LAST).first()).toBeVisible();
  const withLast = await shownMessages(alice);
  const at = (text: string) => withLast.findIndex((m) => m.text.includes(text));
  expect
    .soft(
      at(FUTURE) >= 0 && at(FUTURE) < at(LAST),
      'the future-dated message stays below every later message',
    )
    .toBe(true);

  // Alice's export holds her own words and Sam's messages as they first arrived.
  const exported = await exportJson(alice);
  expect.soft(exported.conversations, 'the export has conversations').toBeDefined();
  const conversations = JSON.stringify(exported.conversations ?? null);
  for (const text of [FRIDAY, HELLO, THREAT, BACKDATED, FUTURE, LAST]) {
    expect.soft(conversations, `the export holds “${text}”`).toContain(text);
  }

  // The flood. Alice's journal start-up is timed before and after, in this same run.
  const before = await medianJournalReadyMs(alice);
  const usageBefore = await settledUsage(alice);
  const flood = await sam.flood(FLOOD_CHARS);
  const usageAfter = await settledUsage(alice);
  info.annotations.push({
    type: 'flood',
    description:
      `${flood.messages} messages, ${(flood.updateBytes / 1e6).toFixed(1)} MB of updates sent ` +
      `in ${(flood.ms / 1000).toFixed(1)} s; Alice's storage ${(usageBefore / 1e6).toFixed(1)} → ` +
      `${(usageAfter / 1e6).toFixed(1)} MB; parts of Mull's framing Sam's client could not read: ` +
      `${(await sam.read(0)).unreadableParts}`,
  });

  // The journal keeps working: a new entry is written and saved.
  await writeNewEntry(alice, AFTER_FLOOD_ENTRY);
  await expect
    .soft(alice.getByRole('status').filter({ hasText: 'Saved on this device' }))
    .toBeVisible({ timeout: 30_000 });
  await expect.soft(editorText(alice)).toContainText(AFTER_FLOOD_ENTRY);

  // ...and opens about as fast as before.
  const after = await medianJournalReadyMs(alice);
  info.annotations.push({
    type: 'journal ready (median of 3 reloads)',
    description: `before the flood ${before.toFixed(0)} ms, after ${after.toFixed(0)} ms (${(after / before).toFixed(2)}×)`,
  });
  expect
    .soft(after, `journal start-up after the flood (before: ${before.toFixed(0)} ms)`)
    .toBeLessThan(Math.max(before, MIN_BASELINE_MS) * MAX_SLOWDOWN);
  await expect.soft(journalLink(alice, AFTER_FLOOD_ENTRY)).toBeVisible();

  // The conversation says plainly that Mull stopped taking Sam's side (checked last: on a
  // Mull without budgets this screen holds every flooded message).
  await openConversation(alice, 'Sam');
  await expect
    .soft(alice.getByText(/stopped taking new messages/i).first())
    .toBeVisible({ timeout: 60_000 });
});
