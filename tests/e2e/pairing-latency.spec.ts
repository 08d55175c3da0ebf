/**
 * Pairing over a slow signaling link, each device a Chromium of its own: both devices are set
 * (Settings → Connection) to a signaling server behind tests/helpers/slow-signaling.ts, which
 * holds every frame 250–350 ms each way. They still pair, both people confirming, and stay
 * in step; the spec logs how long it took from Join to "Paired with".
 *
 * Then the joining device loses its network once it shows the code. Going offline in Chromium
 * (`context.setOffline`) does not touch WebRTC: a data channel that is open stays open, and a
 * grant sent meanwhile still arrives. So losing the network here is all three things a real
 * loss brings: the browser is offline, its signaling connection is dropped (and refused until
 * it is back), and its peer connections are gone (closed, as after a change of network). The
 * inviter approves and the joiner's person confirms in the meantime; when the network returns,
 * pairing finishes with the same invite.
 */
import type { BrowserContext, Page } from '@playwright/test';
import {
  approval,
  askToJoin,
  BrowserDevices,
  confirmCode,
  expectInJournal,
  makeDeviceInvite,
  writeEntry,
} from '../helpers/browser-devices';
import {
  SLOW_LINK_MAX_DELAY_MS,
  SLOW_LINK_MIN_DELAY_MS,
  startSlowSignaling,
  type SlowSignaling,
} from '../helpers/slow-signaling';
import { expect, test } from './fixtures';

/** Room names as y-webrtc publishes them (src/lib/keys/derive.ts). */
const VAULT_TOPIC = 'mull-vault-';
const PAIR_TOPIC = 'mull-pair-';
/** How long the joiner stays cut off, with the grant and the confirmation made meanwhile. */
const OUTAGE_MS = 5000;
const PEER_STEP_TIMEOUT_MS = 30_000;

const devices = new BrowserDevices();
let proxy: SlowSignaling | null = null;
/** What went where, and when: attached to a failed test. */
let trace: string[] = [];
let pageErrors: string[] = [];

const note = (line: string): void => {
  trace.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
};

test.afterEach(async () => {
  const info = test.info();
  if (info.status !== info.expectedStatus) {
    await info.attach('signaling-trace', { body: trace.join('\n'), contentType: 'text/plain' });
  }
  trace = [];
  pageErrors = [];
  await devices.closeAll();
  await proxy?.close();
  proxy = null;
});

async function startProxy(base: string): Promise<SlowSignaling> {
  proxy = await startSlowSignaling(`${base.replace(/^http/, 'ws')}/signal`, {
    onFrame: (tag, direction, text) =>
      note(`${tag} ${direction === 'up' ? '→' : '←'} ${text.slice(0, 100)}`),
  });
  return proxy;
}

async function openDevice(label: string): Promise<Page> {
  const { page } = await devices.open(label);
  page.on('pageerror', (err) => pageErrors.push(`${label}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') note(`${label} ${msg.text()}`);
  });
  return page;
}

/**
 * Settings → Connection → Change servers: the slow link as the only signaling server. Waits
 * until the journal's room has moved there: y-webrtc announces every room of a page on every
 * signaling connection the page has, so a connection to the old server still open would carry
 * the pairing room too, past the slow link.
 */
async function useSlowSignaling(page: Page, origin: string, tag: string): Promise<void> {
  const link = proxy!;
  await page.goto(`${origin}/#/settings`);
  const section = page.getByRole('region', { name: 'Connection' });
  await section.getByRole('button', { name: 'Change servers' }).click();
  await section.getByRole('textbox', { name: /Signaling servers/ }).fill(link.url(tag));
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status')).toContainText('Saved');
  await expect(section).toContainText(link.url(tag));
  await expect
    .poll(() => link.published(tag).some((topic) => topic.startsWith(VAULT_TOPIC)), {
      timeout: 15_000,
    })
    .toBe(true);
}

/**
 * Makes a device invite on the inviting page and waits until the inviter has announced itself
 * in the pairing room through the slow link, as it long has by the time a person on the other
 * device has typed or scanned the code.
 */
async function inviteThroughSlowLink(page: Page, origin: string): Promise<string> {
  const code = await makeDeviceInvite(page, origin);
  await expect
    .poll(() => proxy!.published('inviter').some((topic) => topic.startsWith(PAIR_TOPIC)), {
      timeout: 15_000,
    })
    .toBe(true);
  return code;
}

/** Every RTCPeerConnection the page makes is kept, so a test can close them (a lost network). */
async function keepPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const kept: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = kept;
    class Kept extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        kept.push(this);
      }
    }
    window.RTCPeerConnection = Kept;
  });
}

/** Closes every peer connection of the page; returns how many were open. */
function closePeerConnections(page: Page): Promise<number> {
  return page.evaluate(() => {
    const kept = (window as unknown as { __peerConnections: RTCPeerConnection[] })
      .__peerConnections;
    const open = kept.filter((pc) => pc.connectionState === 'connected').length;
    for (const pc of kept) pc.close();
    return open;
  });
}

test('two devices pair over a slow signaling link and stay in step', async ({ baseURL }) => {
  const base = baseURL ?? '';
  await startProxy(base);
  const a = await openDevice('inviter');
  const b = await openDevice('joiner');
  await useSlowSignaling(a, base, 'inviter');
  await useSlowSignaling(b, base, 'joiner');

  const code = await inviteThroughSlowLink(a, base);
  await b.goto(`${base}/#/join/${code}`);
  await b.getByLabel('Name for this device').fill('Phone');
  const joinedAt = Date.now();
  note('Join');
  const shown = await askToJoin(b, base, code, undefined, { navigate: false });
  const codeAt = Date.now();
  await expect(approval(a, shown)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
  await expect(approval(a, shown)).toContainText('Approve “Phone”?');
  await confirmCode(b);
  await approval(a, shown).getByRole('button', { name: 'Approve' }).click();
  await expect(b.getByText(/Paired with/)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
  const pairedAt = Date.now();
  await expect(a.getByText(/Phone is paired/)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
  console.log(
    `Pairing over a ${SLOW_LINK_MIN_DELAY_MS}–${SLOW_LINK_MAX_DELAY_MS} ms signaling link: code on screen ${codeAt - joinedAt} ms ` +
      `after Join, "Paired with" ${pairedAt - joinedAt} ms after Join.`,
  );

  // The joiner's side of the pairing room went through the slow link (its only server now).
  expect(proxy!.published('joiner').some((topic) => topic.startsWith(PAIR_TOPIC))).toBe(true);

  // In step: an entry written on the new device afterwards shows up on the other.
  await writeEntry(b, base, 'Written on the phone after pairing over a slow link.');
  await expectInJournal(a, base, ['Written on the phone after pairing over a slow link.']);
  expect(pageErrors).toEqual([]);
});

test('the joiner loses its network after showing the code; pairing finishes when it is back', async ({
  baseURL,
}) => {
  const base = baseURL ?? '';
  await startProxy(base);
  const a = await openDevice('inviter');
  const b = await openDevice('joiner');
  await keepPeerConnections(b.context());
  await useSlowSignaling(a, base, 'inviter');
  await useSlowSignaling(b, base, 'joiner');

  const code = await inviteThroughSlowLink(a, base);
  const shown = await askToJoin(b, base, code, 'Phone');
  await expect(approval(a, shown)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });

  // The joiner's network goes: offline, its signaling dropped, its peer connections gone.
  note('joiner: network lost');
  await b.context().setOffline(true);
  proxy!.cut('joiner');
  expect(await closePeerConnections(b)).toBeGreaterThan(0);

  // Meanwhile the inviter approves and the joiner's person says the codes match.
  await approval(a, shown).getByRole('button', { name: 'Approve' }).click();
  await confirmCode(b);
  await expect(b.getByText('Waiting for the other device to approve…')).toBeVisible();
  // Held apart for a while (this is the outage itself, not a wait for something to happen):
  // nothing reaches the joiner.
  await b.waitForTimeout(OUTAGE_MS);
  await expect(b.getByText(/Paired with/)).toHaveCount(0);
  await expect(a.getByText(/Phone is paired/)).toHaveCount(0);
  expect(proxy!.live('joiner')).toBe(0);

  // The network returns: pairing finishes with the same invite, on both screens.
  note('joiner: network back');
  const backAt = Date.now();
  proxy!.restore('joiner');
  await b.context().setOffline(false);
  await expect(b.getByText(/Paired with/)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
  await expect(a.getByText(/Phone is paired/)).toBeVisible({ timeout: PEER_STEP_TIMEOUT_MS });
  console.log(`Back online: "Paired with" ${Date.now() - backAt} ms after the network returned.`);

  // In step: an entry written on the inviter afterwards shows up on the new device.
  await writeEntry(a, base, 'Written on the laptop after the phone came back.');
  await expectInJournal(b, base, ['Written on the laptop after the phone came back.']);
  expect(pageErrors).toEqual([]);
});
