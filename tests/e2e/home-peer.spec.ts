/**
 * Two devices that are never online at the same time keep one journal, through a home peer:
 * the real `home-peer` CLI (Node, WebRTC via @roamhq/wrtc), paired from a browser through the
 * app's own "Add a device" and approval, with the code confirmed at its terminal; then run, as
 * a service would, with only --data. It is killed with SIGKILL in the middle of a device's
 * writing and restarted with only --data: everything it had stored
 * (acknowledged, see server/home-peer/persisted-doc.ts) still reaches the other device, which
 * at that point can get it from nowhere else.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIdentity } from '../../server/home-peer/identity';
import { docId } from '../../src/lib/keys';
import { listEntries } from '../../src/lib/vault';
import {
  approveRequest,
  BrowserDevices,
  expectInJournal,
  journalLink,
  makeDeviceInvite,
  pairBrowsers,
  writeEntry,
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

/** The entry texts the home peer has committed to disk right now. */
async function storedBodies(): Promise<string[]> {
  const identity = readIdentity(dataDir)?.identity;
  if (!identity) return [];
  const doc = readStoredDoc(dataDir, await docId(identity.vaultSecret, 'vault'));
  return listEntries(doc).map((e) => e.body);
}

async function expectStored(texts: string[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const bodies = await storedBodies();
        return texts.filter((t) => !bodies.includes(t));
      },
      { timeout: 30_000 },
    )
    .toEqual([]);
}

/** The home peer's row in Settings → Your devices. */
const homePeerRow = (page: Page) =>
  page.getByRole('listitem').filter({ hasText: `Home peer (${hostname()}`.slice(0, 40) });

test('devices that are never online together meet through the home peer, which survives SIGKILL', async ({
  baseURL,
}) => {
  test.setTimeout(420_000);
  const base = baseURL ?? '';
  const signal = `${base.replace(/^http/, 'ws')}/signal`;
  dataDir = mkdtempSync(join(tmpdir(), 'mull-home-e2e-'));

  const a = await devices.open('A');
  const b = await devices.open('B');
  await writeEntry(a.page, base, 'Written on A before anything else.');

  // A pairs the home peer, like any device: invite pasted at its terminal, the same code on
  // both screens, "Approve Home peer (…)?", approve; then it runs with only --data.
  const code = await makeDeviceInvite(a.page, base);
  const pairing = await pairHomePeer(['--data', dataDir, '--signal', signal], code, (shown) =>
    approveRequest(a.page, `Home peer (${hostname()}`.slice(0, 40), shown),
  );
  const home = startHomePeer(['--data', dataDir]);
  homePeers.push(home);
  await home.waitFor(/ready:/);

  // The app lists it as a home peer, with the time it was last seen.
  await a.page.goto(`${base}/#/settings`);
  await expect(homePeerRow(a.page)).toContainText('Home peer');
  // Seen: "Syncing now" while connected, "Last seen …" after.
  await expect(homePeerRow(a.page)).toContainText(/Last seen|Syncing now/, { timeout: 30_000 });

  await pairBrowsers(a.page, base, b.page);
  await expectInJournal(b.page, base, ['Written on A before anything else.']);
  await expectStored(['Written on A before anything else.']);

  // B goes away; A writes; the home peer keeps it; A goes away too.
  await devices.close(b);
  const fromA = ['A wrote this while B was closed.', 'And this, a little later.'];
  for (const text of fromA) await writeEntry(a.page, base, text);
  await expectStored(fromA);
  await devices.close(a);

  // B comes back with nobody else online but the home peer, and gets A's entries from it.
  await devices.reopen(b);
  await expectInJournal(b.page, base, fromA);
  await b.page.goto(`${base}/#/settings`);
  await expect(homePeerRow(b.page)).toContainText(/Last seen|Syncing now/);

  // B writes; the home peer stores the first two; it is killed while B is still typing.
  const fromB = ['B wrote this with only the home peer there.', 'B again, still alone.'];
  for (const text of fromB) await writeEntry(b.page, base, text);
  await expectStored(fromB);
  await b.page.goto(`${base}/#/journal`);
  await b.page.getByRole('button', { name: 'New entry' }).click();
  await expect(b.page.getByRole('textbox', { name: 'Entry text' })).toBeFocused();
  const midway = 'B was typing this when the home peer was killed.';
  const typing = b.page.keyboard.type(midway, { delay: 40 });
  await b.page.waitForTimeout(800);
  await home.kill();
  await typing;
  await expect(b.page.getByText('Saved on this device')).toBeVisible();
  await b.page.getByRole('button', { name: 'Done' }).click();
  await writeEntry(b.page, base, 'B wrote this while the home peer was down.');

  // What the home peer acknowledged is exactly what it had committed when it died.
  // A half-typed entry counts with the part that was stored (link names are trimmed).
  const acknowledged = (await storedBodies())
    .map((body) => body.trim())
    .filter((body) => body.length >= 3);
  expect(acknowledged).toEqual(expect.arrayContaining([...fromA, ...fromB]));
  await devices.close(b);

  // Restarted with only --data, it rejoins by itself; A, alone with it, gets all of it.
  const restarted = startHomePeer(['--data', dataDir]);
  homePeers.push(restarted);
  await restarted.waitFor(/ready:/);
  await devices.reopen(a);
  await expectInJournal(a.page, base, acknowledged);

  // B comes back: whatever the home peer never had reaches A too, and each has everything.
  await devices.reopen(b);
  await b.page.goto(`${base}/#/journal`);
  const everything = [...fromA, ...fromB, midway, 'B wrote this while the home peer was down.'];
  await expectInJournal(a.page, base, everything);
  await expectInJournal(b.page, base, everything);
  await expect(journalLink(a.page, 'Written on A before anything else.')).toBeVisible();

  // Its log says what it did — never a word anyone wrote, nor the invite.
  const log = [...logLines(pairing), ...home.lines, ...restarted.lines].join('\n');
  expect(log).toContain('vault: 1 peer');
  for (const text of [...everything, code]) expect(log).not.toContain(text);
});
