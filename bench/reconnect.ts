/**
 * Back online → merged: a device that was offline for a while comes back, and the edit it made
 * while offline appears on the other device.
 *
 * Two Chromiums hold the same small vault and vault secret (as in sync-latency.ts) and meet in
 * the vault's room through the real signaling server. Device A runs in a network namespace of
 * its own (browser/netns.ts). RECONNECTS times: A's link goes down and the page is told it is
 * offline (as the OS tells it when Wi-Fi drops), A types a word nobody has seen, stays offline
 * for OFFLINE_MS, and its link comes back up. The figure is the time from "back online" (just
 * before the link goes up) to the word being in B's page, on one clock (B's clock mapped onto
 * this process's).
 *
 * Without root (no namespace) only Playwright's `setOffline` is used and results.json says so:
 * WebRTC then keeps flowing, so B hears at once that A closed its connection, and the case
 * this section exists for (B still holding A's old connection) does not happen.
 *
 * OFFLINE_MS is 10 s. What decides whether a reconnect is slow is whether B still holds A's
 * old peer connection when A comes back: y-webrtc ignores an announce from a peer it holds a
 * connection to. Chromium calls a silent connection "disconnected" after ≈ 5 s and gives it up
 * ("failed") ≈ 15 s after its peer went quiet (measured here with MULL_BENCH_TRACE=1; on real
 * networks with more candidate pairs it can take longer, which is how 20 s offline gave
 * 15–21 s waits when first seen). 10 s sits between the two, so every reconnect meets a stale
 * connection, and 20 of them take ~5 minutes.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { createMullServer } from '../server/app';
import { clockOffset, nodeNow } from './browser/chromium';
import { canCreateNetNs, createNetNs, type NetNs } from './browser/netns';
import { seedProfile } from './browser/vault-profile';
import { waitForJournal } from './cold-start';
import { median, percentile, round, sleep } from './stats';
import { generateSyntheticVault } from './synthetic-vault';
import { armSeen, awaitSeen, instrument } from './sync-latency';

export const RECONNECTS = 20;
export const OFFLINE_MS = 10_000;
/** Days of journal both devices hold: enough to be a vault, small enough to sync at once. */
const VAULT_DAYS = 30;
const CONNECT_TIMEOUT_MS = 45_000;
/** A reconnect that has not merged after this long is counted as failed. */
const MERGE_TIMEOUT_MS = 60_000;
/** Online time between reconnects, so each starts from two devices that are in sync. */
const SETTLE_MS = 2000;
/** A merge slower than this is "slow" (the usual one takes well under 0.1 s). */
const SLOW_MS = 1000;
const NETNS_NAME = 'mullbench';
const NETWORK_BACK_TIMEOUT_MS = 15_000;

/**
 * With MULL_BENCH_TRACE=1, each reconnect logs what both pages' WebSockets and peer
 * connections did, in ms after "back online": where the time went.
 */
const TRACE = process.env.MULL_BENCH_TRACE === '1';
const TRACE_NETWORK = `
  window.__benchNet = [];
  const at = () => performance.timeOrigin + performance.now();
  const note = (what) => window.__benchNet.push([what, at()]);
  addEventListener('online', () => note('online'));
  addEventListener('offline', () => note('offline'));
  const WS = WebSocket;
  window.WebSocket = class extends WS {
    constructor(...args) {
      super(...args);
      note('ws-new');
      for (const e of ['open', 'close', 'error']) this.addEventListener(e, () => note('ws-' + e));
    }
  };
  const PC = RTCPeerConnection;
  let pcs = 0;
  window.RTCPeerConnection = class extends PC {
    constructor(...args) {
      super(...args);
      const id = ++pcs;
      note('pc' + id + '-new');
      this.addEventListener('connectionstatechange', () => note('pc' + id + '-' + this.connectionState));
      const close = this.close.bind(this);
      this.close = () => { note('pc' + id + '-close()'); close(); };
    }
  };
`;

type TraceWindow = Window & { __benchNet: [string, number][] };

/** The page's network events since `from` (node clock), in ms after `zero`, as one line. */
async function traceLine(
  page: Page,
  offsetMs: number,
  from: number,
  zero: number,
): Promise<string> {
  const events = await page.evaluate(() => {
    const w = window as unknown as TraceWindow;
    const all = w.__benchNet;
    w.__benchNet = [];
    return all;
  });
  return events
    .map(([what, t]) => [what, t - offsetMs] as const)
    .filter(([, t]) => t >= from)
    .map(([what, t]) => `${what}@${Math.round(t - zero)}`)
    .join(' ');
}

export interface ReconnectFigures {
  reconnect_merge_p50_ms: number | null;
  reconnect_merge_p95_ms: number | null;
  reconnect_merge_max_ms: number | null;
  /** Reconnects that took longer than a second. */
  reconnect_slow_count: number;
  /** Reconnects that had not merged after MERGE_TIMEOUT_MS. */
  reconnect_failed_count: number;
  reconnect_count: number;
  reconnect_offline_s: number;
  /** 1 if A's network was really cut (namespace), 0 if only `setOffline` was used. */
  reconnect_network_cut: number;
}

export interface ReconnectResult {
  figures: ReconnectFigures;
  /** Each reconnect's "back online → merged", in order; null if it timed out. */
  samples_ms: (number | null)[];
  note: string | null;
}

/** Waits until WebRTC in `page` gathers a host candidate on `address`. */
async function waitForHostCandidate(page: Page, address: string): Promise<void> {
  const until = performance.now() + NETWORK_BACK_TIMEOUT_MS;
  while (performance.now() < until) {
    const found = await page.evaluate(async (wanted) => {
      const pc = new RTCPeerConnection();
      pc.createDataChannel('bench-probe');
      const seen = new Promise<boolean>((resolve) => {
        pc.onicecandidate = (e) => {
          if (e.candidate?.address === wanted) resolve(true);
          if (!e.candidate) resolve(false);
        };
        setTimeout(() => resolve(false), 500);
      });
      await pc.setLocalDescription(await pc.createOffer());
      const result = await seen;
      pc.close();
      return result;
    }, address);
    if (found) return;
    await sleep(100);
  }
  throw new Error(
    `reconnect: the device did not see its network again in ${NETWORK_BACK_TIMEOUT_MS} ms`,
  );
}

async function newestEntryId(page: Page): Promise<string> {
  const href = await page
    .locator('a.entry.card', { hasNotText: 'Check-in' })
    .first()
    .getAttribute('href');
  const id = decodeURIComponent(/#\/entry\/([^?]+)/.exec(href ?? '')?.[1] ?? '');
  if (!id) throw new Error('reconnect: no entry to edit');
  return id;
}

/** A browser on `profile` (inside `netns` if given) showing the app at `origin`, seeded. */
async function openDevice(
  origin: string,
  profile: string,
  seed: { rows: Uint8Array[]; secret: Uint8Array },
  netns: NetNs | null,
): Promise<{ context: BrowserContext; page: Page }> {
  const executable = findChromium();
  if (!executable) throw new Error('No Chromium: set CHROMIUM_PATH or install chromium');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: netns ? netns.wrap(executable) : executable,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      // The origin is on the veth link, not localhost: let it be a secure context.
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      // Real addresses in ICE candidates: mDNS names do not resolve across the namespace.
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  if (TRACE) await context.addInitScript({ content: TRACE_NETWORK });
  const page = context.pages()[0] ?? (await context.newPage());
  await seedProfile(page, origin, seed.rows, seed.secret);
  await waitForJournal(page, origin);
  return { context, page };
}

export async function benchReconnect(
  distDir: string,
  log: (line: string) => void,
  { reconnects = RECONNECTS, offlineMs = OFFLINE_MS } = {},
): Promise<ReconnectResult> {
  const netns = canCreateNetNs() ? createNetNs(NETNS_NAME) : null;
  const host = netns?.hostAddress ?? '127.0.0.1';
  const server = createMullServer({ distDir, signaling: { log: () => {} } });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  const profiles = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'mull-bench-reconnect-')));
  const doc = generateSyntheticVault({ days: VAULT_DAYS, seed: 5 });
  const seed = {
    rows: [Y.encodeStateAsUpdate(doc)],
    secret: crypto.getRandomValues(new Uint8Array(32)),
  };
  doc.destroy();
  const devices: BrowserContext[] = [];
  const samples: (number | null)[] = [];
  const setCut = async (context: BrowserContext, cut: boolean): Promise<void> => {
    netns?.setCut(cut);
    // The browser must see its network again before it may say so (as the OS's "online"
    // comes from the network it sees); Chromium notices an address within a few seconds.
    if (!cut && netns) await waitForHostCandidate(context.pages()[0]!, netns.deviceAddress);
    await context.setOffline(cut);
  };
  try {
    const a = await openDevice(origin, profiles[0]!, seed, netns);
    devices.push(a.context);
    const b = await openDevice(origin, profiles[1]!, seed, null);
    devices.push(b.context);
    const entry = `#/entry/${encodeURIComponent(await newestEntryId(a.page))}`;
    await a.page.evaluate((h) => (location.hash = h), `${entry}?edit`);
    await b.page.evaluate((h) => (location.hash = h), entry);
    await instrument(a.page);
    await instrument(b.page);
    await a.page.waitForFunction(() => document.activeElement?.closest('.cm-content') != null);
    await a.page.keyboard.press('Control+End');
    await armSeen(b.page, 'reconnect-ready');
    await a.page.keyboard.type(' reconnect-ready');
    await awaitSeen(b.page, CONNECT_TIMEOUT_MS);
    await sleep(SETTLE_MS);
    const clockB = await clockOffset(b.page);
    const clockA = await clockOffset(a.page);

    for (let i = 0; i < reconnects; i++) {
      const cutAt = nodeNow();
      await setCut(a.context, true);
      const word = ` away${i.toString(36)}z`;
      await a.page.keyboard.type(word);
      await sleep(offlineMs);
      await armSeen(b.page, word);
      const backOnline = nodeNow();
      await setCut(a.context, false);
      try {
        const seen = await awaitSeen(b.page, MERGE_TIMEOUT_MS);
        samples.push(seen.dom - clockB.offsetMs - backOnline);
      } catch {
        samples.push(null);
      }
      const last = samples[samples.length - 1];
      log(
        `reconnect ${i + 1}/${reconnects}: ` +
          (last == null ? `not merged in ${MERGE_TIMEOUT_MS / 1000} s` : `${Math.round(last)} ms`),
      );
      if (TRACE) {
        log(`  A: ${await traceLine(a.page, clockA.offsetMs, cutAt, backOnline)}`);
        log(`  B: ${await traceLine(b.page, clockB.offsetMs, cutAt, backOnline)}`);
      }
      await sleep(SETTLE_MS);
    }
  } finally {
    for (const context of devices) await context.close().catch(() => {});
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    netns?.remove();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  }
  return {
    figures: reconnectFigures(samples, reconnects, offlineMs, netns !== null),
    samples_ms: samples,
    note: netns
      ? null
      : 'No network namespace (needs root and iproute2): only setOffline was used, so WebRTC kept flowing and B was told at once that A left.',
  };
}

export function reconnectFigures(
  samples: readonly (number | null)[],
  reconnects: number,
  offlineMs: number,
  networkCut: boolean,
): ReconnectFigures {
  const merged = samples.filter((s): s is number => s !== null);
  // A reconnect that never merged counts as the timeout: a lower bound, but not left out.
  const all = samples.map((s) => s ?? MERGE_TIMEOUT_MS);
  return {
    reconnect_merge_p50_ms: round(median(all), 0),
    reconnect_merge_p95_ms: round(percentile(all, 95), 0),
    reconnect_merge_max_ms: round(Math.max(...all), 0),
    reconnect_slow_count: merged.filter((s) => s > SLOW_MS).length,
    reconnect_failed_count: samples.length - merged.length,
    reconnect_count: reconnects,
    reconnect_offline_s: offlineMs / 1000,
    reconnect_network_cut: networkCut ? 1 : 0,
  };
}
