/**
 * Async delivery between two people through a home peer (issue 8): Alice sends a message and
 * goes away; Bob, who was away the whole time, comes back and receives it from Alice's running
 * home peer. Then the home peer is killed with SIGKILL in the middle of the second exchange and
 * restarted with only --data: nothing it had stored is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readIdentity } from '../../server/home-peer/identity';
import { listMessages } from '../../src/lib/conversation';
import { decodeSecret, docId } from '../../src/lib/keys';
import { listContacts } from '../../src/lib/vault';
import {
  addContact,
  approveRequest,
  BrowserDevices,
  makeDeviceInvite,
  openReply,
  replyText,
  setName,
} from '../helpers/browser-devices';
import {
  logLines,
  pairHomePeer,
  startHomePeer,
  type HomePeerProcess,
} from '../helpers/home-peer/processes';
import { readStoredDoc } from '../helpers/home-peer/stored-doc';
import { expect, test } from './fixtures';

const devices = new BrowserDevices();
const homePeers: HomePeerProcess[] = [];
let dataDir = '';

test.afterEach(async () => {
  await Promise.all(homePeers.splice(0).map((h) => h.kill()));
  await devices.closeAll();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Message texts the home peer has committed to disk for its (only) conversation. */
async function storedMessages(): Promise<string[]> {
  const identity = readIdentity(dataDir)?.identity;
  if (!identity) return [];
  const vault = readStoredDoc(dataDir, await docId(identity.vaultSecret, 'vault'));
  const [contact] = listContacts(vault);
  if (!contact) return [];
  const conv = readStoredDoc(
    dataDir,
    await docId(decodeSecret(contact.conversationSecret), 'conv'),
  );
  return listMessages(conv).map((m) => m.text);
}

async function expectStored(text: string): Promise<void> {
  await expect.poll(storedMessages, { timeout: 60_000 }).toContain(text);
}

async function send(page: Page, base: string, to: string, text: string): Promise<void> {
  await openReply(page, base, to);
  await replyText(page).click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // The undo window passes, then it is in the conversation.
  await expect(page.getByText(text)).toBeVisible({ timeout: 30_000 });
}

test('a message reaches someone who was away, through the sender’s home peer, across a SIGKILL', async ({
  baseURL,
}) => {
  test.setTimeout(420_000);
  const base = baseURL ?? '';
  const signal = `${base.replace(/^http/, 'ws')}/signal`;
  dataDir = mkdtempSync(join(tmpdir(), 'mull-home-msg-'));

  const alice = await devices.open('Alice');
  const bob = await devices.open('Bob');
  await setName(alice.page, base, 'Alice');
  await setName(bob.page, base, 'Bob');

  // Alice and Bob become contacts (both online for that, as people are when they pair).
  await addContact(alice.page, bob.page, base);
  await expect(bob.page.getByText(/Alice is in your contacts now/)).toBeVisible();

  // Alice pairs her home peer at its terminal, then runs it with only --data.
  const deviceCode = await makeDeviceInvite(alice.page, base);
  const pairing = await pairHomePeer(['--data', dataDir, '--signal', signal], deviceCode, (shown) =>
    approveRequest(alice.page, `Home peer (${hostname()}`.slice(0, 40), shown),
  );
  const home = startHomePeer(['--data', dataDir]);
  homePeers.push(home);
  await home.waitFor(/ready:/);

  // Bob goes away. Alice sends; her home peer keeps it; Alice goes away too.
  await devices.close(bob);
  const first = 'Sent while you were away. No rush.';
  await send(alice.page, base, 'Bob', first);
  await expectStored(first);
  await devices.close(alice);

  // Bob comes back with nobody online but Alice's home peer, and the message is there.
  await devices.reopen(bob);
  await bob.page.goto(`${base}/#/inbox`);
  await bob.page.getByRole('link', { name: /Alice/ }).click();
  await expect(bob.page.getByText(first)).toBeVisible({ timeout: 90_000 });

  // Second exchange: Bob replies; the home peer stores it and is then killed mid-exchange.
  const reply = 'Thanks. I read it with my morning tea.';
  await send(bob.page, base, 'Alice', reply);
  await expectStored(reply);
  await home.kill();
  await devices.close(bob);

  // Restarted with only --data, it rejoins by itself and Alice gets Bob's reply from it.
  const restarted = startHomePeer(['--data', dataDir]);
  homePeers.push(restarted);
  await restarted.waitFor(/ready:/);
  await devices.reopen(alice);
  await alice.page.goto(`${base}/#/inbox`);
  await alice.page.getByRole('link', { name: /Bob/ }).click();
  await expect(alice.page.getByText(reply)).toBeVisible({ timeout: 90_000 });
  await expect(alice.page.getByText(first)).toBeVisible();

  // Its logs never hold a word anyone wrote.
  const log = [...logLines(pairing), ...home.lines, ...restarted.lines].join('\n');
  for (const text of [first, reply, 'Alice', 'Bob', deviceCode]) {
    expect(log).not.toContain(text);
  }
});
