/**
 * Figure 3: sync latency between two devices, next to raw WebRTC between the same two browsers.
 *
 * Two Chromium processes with separate profiles hold the same vault and the same vault secret
 * (seeded into `mull-device`, as pairing would leave it), so they meet in the vault's room
 * through the real signaling server. A edits an entry; B shows the same entry.
 *
 *   app   A's keydown (event time) → B's DOM contains the typed text (MutationObserver). The
 *         frame that then shows it is reported apart (`sync_frame_*`): waiting for the next
 *         frame is the display's rhythm, not the app's.
 *   raw   a page-level RTCPeerConnection pair between the same two pages (same ICE settings
 *         as the app: no STUN/TURN), signalled over CDP: `send()` on A → `message` on B, with
 *         the payload y-webrtc sends for one typed character.
 *
 * Samples of both alternate, in the same pages, in the same minute. One-way times between
 * two processes need one clock: each page's clock is mapped onto this process's by the
 * quickest of several CDP round trips (browser/chromium.ts `clockOffset`); the raw channel's
 * round trip halved is reported too, as a check that needs no clock at all.
 *
 * The first attempt uses the ten-year vault on both devices. If no edit arrives at all (a
 * y-webrtc sync message larger than the data channel's maximum is dropped silently; the
 * attempt records the largest one), run.ts tries the ten-year vault once more on two new
 * profiles, then one year, and says so.
 */
import type { Page } from '@playwright/test';
import { clockOffset, close, launch, type ChromiumProcess } from './browser/chromium';
import { seedProfile } from './browser/vault-profile';
import { waitForJournal } from './cold-start';
import { median, percentile, ratio, round, sleep } from './stats';

export const SYNC_TARGET_RATIO = 2;
const SAMPLES = 30;
/** Bytes in each raw message: y-webrtc sends 21 for one typed character (measured). */
const RAW_PAYLOAD_BYTES = 24;
/** The first exchange waits for the peers to find each other (signaling, ICE, sync steps). */
const CONNECT_TIMEOUT_MS = 45_000;
const SAMPLE_TIMEOUT_MS = 15_000;

export interface SyncFigures {
  sync_latency_ratio: number | null;
  sync_latency_p50_ms: number | null;
  sync_latency_p95_ms: number | null;
  sync_frame_p50_ms: number | null;
  sync_raw_p50_ms: number | null;
  sync_raw_p95_ms: number | null;
  /** Half the raw channel's round trip: needs no shared clock. */
  sync_raw_rtt_half_p50_ms: number | null;
  /** The split of `sync_latency_p50_ms` (medians of each part, so they need not add up). */
  sync_a_keydown_to_send_p50_ms: number | null;
  sync_wire_p50_ms: number | null;
  sync_b_receive_to_dom_p50_ms: number | null;
  /** How far off the shared clock may be (half the quickest CDP round trip, both pages). */
  sync_clock_error_ms: number | null;
  sync_samples: number;
  sync_connect_ms: number | null;
  /** Days of journal the devices held when the latencies were measured. */
  sync_vault_days: number | null;
  /** 1 if an edit crossed between two devices that both hold the ten-year vault, else 0. */
  sync_10y_delivered: number | null;
  /** Pairs of devices tried (run.ts stops at the first that delivers; at most three). */
  sync_attempts: number;
  sync_attempts_delivered: number;
  /** The largest message the app tried to send over a data channel with the ten-year vault. */
  sync_10y_largest_message_kb: number | null;
  /** The data channel's maximum message size, negotiated by Chromium. */
  sync_sctp_max_message_kb: number | null;
  sync_target_ratio: number;
}

type BenchWindow = Window & {
  __benchSync: {
    lastKeydown: number;
    seen: Promise<{ dom: number; frame: number }> | null;
    raw: {
      pc: RTCPeerConnection;
      dc: RTCDataChannel | null;
      sentAt: Map<number, number>;
      receivedAt: Map<number, number>;
      rtt: Map<number, number>;
    } | null;
  };
};

/** Recorders in both pages: A's last keydown time; B's "text has appeared" waiter. */
export async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.__benchSync = { lastKeydown: NaN, seen: null, raw: null };
    addEventListener(
      'keydown',
      (e) => (w.__benchSync.lastKeydown = performance.timeOrigin + e.timeStamp),
      { capture: true },
    );
  });
}

/** Arms B: resolves when `marker` is in the page's text, with that moment and the next frame. */
export async function armSeen(page: Page, marker: string): Promise<void> {
  await page.evaluate((text) => {
    const w = window as unknown as BenchWindow;
    const now = (): number => performance.timeOrigin + performance.now();
    w.__benchSync.seen = new Promise((resolve) => {
      const found = (): boolean =>
        document.querySelector('main')?.textContent?.includes(text) ?? false;
      const done = (): void => {
        const dom = now();
        requestAnimationFrame(() => resolve({ dom, frame: now() }));
      };
      if (found()) return done();
      const observer = new MutationObserver(() => {
        if (!found()) return;
        observer.disconnect();
        done();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, marker);
}

export async function awaitSeen(
  page: Page,
  timeoutMs: number,
): Promise<{ dom: number; frame: number }> {
  return page.evaluate(
    (timeout) =>
      Promise.race([
        (window as unknown as BenchWindow).__benchSync.seen!,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the edit did not arrive')), timeout),
        ),
      ]),
    timeoutMs,
  );
}

/** A plain RTCPeerConnection pair between the two pages, signalled through this process. */
async function connectRaw(a: Page, b: Page): Promise<void> {
  const offer = await a.evaluate(async () => {
    const w = window as unknown as BenchWindow;
    const pc = new RTCPeerConnection({ iceServers: [] });
    const dc = pc.createDataChannel('bench', { ordered: true });
    const raw = { pc, dc, sentAt: new Map(), receivedAt: new Map(), rtt: new Map() };
    w.__benchSync.raw = raw;
    dc.onmessage = (e: MessageEvent<string>) => {
      const i = Number(e.data.split(' ', 1)[0]);
      raw.rtt.set(i, performance.timeOrigin + performance.now() - (raw.sentAt.get(i) ?? NaN));
    };
    await pc.setLocalDescription(await pc.createOffer());
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) =>
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        }),
      );
    }
    return pc.localDescription!.toJSON() as RTCSessionDescriptionInit;
  });
  const answer = await b.evaluate(async (remote) => {
    const w = window as unknown as BenchWindow;
    const pc = new RTCPeerConnection({ iceServers: [] });
    const raw = {
      pc,
      dc: null as RTCDataChannel | null,
      sentAt: new Map(),
      receivedAt: new Map(),
      rtt: new Map(),
    };
    w.__benchSync.raw = raw;
    pc.ondatachannel = (event) => {
      const dc = event.channel;
      raw.dc = dc;
      dc.onmessage = (e: MessageEvent<string>) => {
        raw.receivedAt.set(
          Number(e.data.split(' ', 1)[0]),
          performance.timeOrigin + performance.now(),
        );
        dc.send(e.data); // the echo gives A a round trip
      };
    };
    await pc.setRemoteDescription(remote);
    await pc.setLocalDescription(await pc.createAnswer());
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) =>
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        }),
      );
    }
    return pc.localDescription!.toJSON() as RTCSessionDescriptionInit;
  }, offer);
  await a.evaluate(async (remote) => {
    const raw = (window as unknown as BenchWindow).__benchSync.raw!;
    await raw.pc.setRemoteDescription(remote);
    if (raw.dc!.readyState !== 'open') {
      await new Promise((resolve) => raw.dc!.addEventListener('open', resolve, { once: true }));
    }
  }, answer);
}

/** One raw message A → B; returns [A's send time, B's receive time, A's round trip]. */
async function rawSample(a: Page, b: Page, i: number): Promise<[number, number, number]> {
  const sentAt = await a.evaluate(
    ([n, size]) => {
      const raw = (window as unknown as BenchWindow).__benchSync.raw!;
      const message = `${n} `.padEnd(size, 'x');
      const at = performance.timeOrigin + performance.now();
      raw.sentAt.set(n, at);
      raw.dc!.send(message);
      return at;
    },
    [i, RAW_PAYLOAD_BYTES] as const,
  );
  const poll = async (page: Page, key: 'receivedAt' | 'rtt'): Promise<number> =>
    page.evaluate(
      async ([n, k, timeout]) => {
        const raw = (window as unknown as BenchWindow).__benchSync.raw!;
        const until = performance.now() + timeout;
        while (!raw[k].has(n) && performance.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        return raw[k].get(n) ?? NaN;
      },
      [i, key, SAMPLE_TIMEOUT_MS] as const,
    );
  return [sentAt, await poll(b, 'receivedAt'), await poll(a, 'rtt')];
}

/**
 * Notes the largest message the app hands to a data channel, before any of its code runs: a
 * y-webrtc message larger than the channel's maximum is dropped without an error.
 */
const RECORD_SENDS = `
  window.__benchLargestSend = 0;
  window.__benchChannel = { sends: [], receives: [] };
  const now = () => performance.timeOrigin + performance.now();
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (data) {
    const size = data.byteLength ?? data.size ?? data.length ?? 0;
    if (size > window.__benchLargestSend) window.__benchLargestSend = size;
    if (this.label !== 'bench') window.__benchChannel.sends.push(now());
    return send.call(this, data);
  };
  // simple-peer listens with \`onmessage\`: note when the app's channel hands it a message.
  const onmessage = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage');
  Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
    configurable: true,
    get() { return onmessage.get.call(this); },
    set(handler) {
      const timed = handler && this.label !== 'bench'
        ? function (event) { window.__benchChannel.receives.push(now()); return handler.call(this, event); }
        : handler;
      onmessage.set.call(this, timed);
    },
  });
`;

type ChannelWindow = Window & { __benchChannel: { sends: number[]; receives: number[] } };

/** Forgets the app's data-channel sends and receives noted so far in `page`. */
const clearChannel = (page: Page): Promise<void> =>
  page.evaluate(() => {
    (window as unknown as ChannelWindow).__benchChannel = { sends: [], receives: [] };
  });

/** The first app send (or receive) noted in `page` since the last `clearChannel`. */
const firstChannelTime = (page: Page, kind: 'sends' | 'receives'): Promise<number> =>
  page.evaluate((k) => (window as unknown as ChannelWindow).__benchChannel[k][0] ?? NaN, kind);

export async function openDevice(
  origin: string,
  profileDir: string,
  hash: string,
): Promise<{ chromium: ChromiumProcess; page: Page }> {
  const device = await launch(profileDir);
  await device.page.context().addInitScript({ content: RECORD_SENDS });
  await waitForJournal(device.page, origin);
  await device.page.evaluate((h) => (location.hash = h), hash);
  await instrument(device.page);
  return device;
}

const largestSend = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __benchLargestSend: number }).__benchLargestSend);

export interface SyncSamples {
  app_ms: number[];
  frame_ms: number[];
  raw_ms: number[];
  raw_rtt_half_ms: number[];
  /** On A: keydown → the app hands the update to its data channel. */
  a_keydown_to_send_ms: number[];
  /** A's send → B's channel delivers it to the app (one way, across the two clocks). */
  wire_ms: number[];
  /** On B: the message arrives → the text is in the page. */
  b_receive_to_dom_ms: number[];
}

export interface SyncAttempt {
  /** Days of journal both devices hold. */
  vaultDays: number;
  /** Whether an edit on A reached B at all within CONNECT_TIMEOUT_MS. */
  delivered: boolean;
  connectMs: number | null;
  /** The largest message either app handed to a data channel. */
  largestAppMessageBytes: number;
  /** The negotiated SCTP maximum message size (from the raw pair), when it was reached. */
  sctpMaxMessageBytes: number | null;
  clockErrorMs: number | null;
  samples: SyncSamples | null;
}

export interface SyncDevices {
  origin: string;
  /** Profile A; seeded with `rows` first unless `seedA` is false (already holds them). */
  profileA: string;
  profileB: string;
  seedA: boolean;
  rows: readonly Uint8Array[];
  vaultSecret: Uint8Array;
  vaultDays: number;
}

/**
 * One attempt with two devices holding the same vault: does an edit arrive at all, and if
 * so, how long do edits take next to the raw channel.
 */
export async function measureSync(
  devices: SyncDevices,
  log: (line: string) => void,
): Promise<SyncAttempt> {
  const { origin, profileA, profileB, rows, vaultSecret } = devices;
  for (const profile of devices.seedA ? [profileA, profileB] : [profileB]) {
    const seeding = await launch(profile);
    try {
      await seedProfile(seeding.page, origin, rows, vaultSecret);
    } finally {
      await close(seeding.chromium);
    }
  }

  // The newest written entry (not a check-in) on A is the one both devices show.
  const probe = await launch(profileA);
  let entryId: string;
  try {
    await waitForJournal(probe.page, origin);
    const href = await probe.page
      .locator('a.entry.card', { hasNotText: 'Check-in' })
      .first()
      .getAttribute('href');
    entryId = decodeURIComponent(/#\/entry\/([^?]+)/.exec(href ?? '')?.[1] ?? '');
    if (!entryId) throw new Error('sync: no entry to edit');
  } finally {
    await close(probe.chromium);
  }

  const a = await openDevice(origin, profileA, `#/entry/${encodeURIComponent(entryId)}?edit`);
  const b = await openDevice(origin, profileB, `#/entry/${encodeURIComponent(entryId)}`);
  const attempt: SyncAttempt = {
    vaultDays: devices.vaultDays,
    delivered: false,
    connectMs: null,
    largestAppMessageBytes: 0,
    sctpMaxMessageBytes: null,
    clockErrorMs: null,
    samples: null,
  };
  try {
    await a.page.waitForFunction(() => document.activeElement?.closest('.cm-content') != null);
    await a.page.keyboard.press('Control+End');

    // Warm-up: the first edit travels once the devices have found each other and synced.
    const connectStart = performance.now();
    await armSeen(b.page, 'sync-ready');
    await a.page.keyboard.type(' sync-ready');
    try {
      await awaitSeen(b.page, CONNECT_TIMEOUT_MS);
      attempt.delivered = true;
      attempt.connectMs = performance.now() - connectStart;
    } catch {
      log(
        `sync: ${devices.vaultDays}-day vault — nothing arrived in ${CONNECT_TIMEOUT_MS / 1000} s`,
      );
    }
    attempt.largestAppMessageBytes = Math.max(await largestSend(a.page), await largestSend(b.page));
    await connectRaw(a.page, b.page);
    attempt.sctpMaxMessageBytes = await a.page.evaluate(
      () => (window as unknown as BenchWindow).__benchSync.raw!.pc.sctp?.maxMessageSize ?? null,
    );
    if (!attempt.delivered) return attempt;
    log(
      `sync: ${devices.vaultDays}-day vault — connected after ${((attempt.connectMs ?? 0) / 1000).toFixed(1)} s`,
    );
    await sleep(1000);

    const clockA = await clockOffset(a.page);
    const clockB = await clockOffset(b.page);
    attempt.clockErrorMs = clockA.errorMs + clockB.errorMs;
    const oneWay = (sentOnA: number, seenOnB: number): number =>
      seenOnB - clockB.offsetMs - (sentOnA - clockA.offsetMs);

    const samples: SyncSamples = {
      app_ms: [],
      frame_ms: [],
      raw_ms: [],
      raw_rtt_half_ms: [],
      a_keydown_to_send_ms: [],
      wire_ms: [],
      b_receive_to_dom_ms: [],
    };
    for (let i = 0; i < SAMPLES; i++) {
      // Untimed: type a unique word, and wait until B has it.
      const word = ` s${i.toString(36)}q`;
      await armSeen(b.page, word);
      await a.page.keyboard.type(word);
      await awaitSeen(b.page, SAMPLE_TIMEOUT_MS);
      await sleep(100);
      // Timed: one more key completes a marker nobody has seen yet.
      await armSeen(b.page, `${word}.`);
      await Promise.all([clearChannel(a.page), clearChannel(b.page)]);
      await a.page.keyboard.type('.');
      const seen = await awaitSeen(b.page, SAMPLE_TIMEOUT_MS);
      const keydown = await a.page.evaluate(
        () => (window as unknown as BenchWindow).__benchSync.lastKeydown,
      );
      samples.app_ms.push(oneWay(keydown, seen.dom));
      // Where the time went: A's own work, the wire, B's own work (each on one clock but the wire).
      const sentByA = await firstChannelTime(a.page, 'sends');
      const receivedByB = await firstChannelTime(b.page, 'receives');
      samples.a_keydown_to_send_ms.push(sentByA - keydown);
      samples.wire_ms.push(oneWay(sentByA, receivedByB));
      samples.b_receive_to_dom_ms.push(seen.dom - receivedByB);
      samples.frame_ms.push(oneWay(keydown, seen.frame));
      await sleep(100);
      const [sent, received, rtt] = await rawSample(a.page, b.page, i);
      samples.raw_ms.push(oneWay(sent, received));
      samples.raw_rtt_half_ms.push(rtt / 2);
      await sleep(100);
    }
    attempt.samples = samples;
    return attempt;
  } finally {
    await close(a.chromium);
    await close(b.chromium);
  }
}

/**
 * Figures from the attempts: the first that delivered gives the latencies; the attempt with
 * the ten-year vault (`tenYearDays` of journal) says whether that vault syncs at all.
 */
export function syncFigures(attempts: readonly SyncAttempt[], tenYearDays: number): SyncFigures {
  const measured = attempts.find((t) => t.samples !== null);
  const tenYears = attempts.filter((t) => t.vaultDays === tenYearDays);
  const tenYear = tenYears.find((t) => t.delivered) ?? tenYears[0];
  const kb = (bytes: number | null | undefined): number | null =>
    bytes == null ? null : round(bytes / 1024, 1);
  const s = measured?.samples;
  const appMedian = s ? median(s.app_ms) : NaN;
  const rawMedian = s ? median(s.raw_ms) : NaN;
  return {
    sync_latency_ratio: s ? ratio(appMedian, rawMedian) : null,
    sync_latency_p50_ms: round(appMedian, 2),
    sync_latency_p95_ms: s ? round(percentile(s.app_ms, 95), 2) : null,
    sync_frame_p50_ms: s ? round(median(s.frame_ms), 2) : null,
    sync_raw_p50_ms: round(rawMedian, 2),
    sync_raw_p95_ms: s ? round(percentile(s.raw_ms, 95), 2) : null,
    sync_raw_rtt_half_p50_ms: s ? round(median(s.raw_rtt_half_ms), 2) : null,
    sync_a_keydown_to_send_p50_ms: s ? round(median(s.a_keydown_to_send_ms), 2) : null,
    sync_wire_p50_ms: s ? round(median(s.wire_ms), 2) : null,
    sync_b_receive_to_dom_p50_ms: s ? round(median(s.b_receive_to_dom_ms), 2) : null,
    sync_clock_error_ms: round(measured?.clockErrorMs ?? NaN, 2),
    sync_samples: s?.app_ms.length ?? 0,
    sync_connect_ms: round(measured?.connectMs ?? NaN, 0),
    sync_vault_days: measured?.vaultDays ?? null,
    sync_10y_delivered: tenYear ? (tenYear.delivered ? 1 : 0) : null,
    sync_attempts: attempts.length,
    sync_attempts_delivered: attempts.filter((t) => t.delivered).length,
    sync_10y_largest_message_kb: kb(tenYear?.largestAppMessageBytes),
    sync_sctp_max_message_kb: kb(attempts.find((t) => t.sctpMaxMessageBytes)?.sctpMaxMessageBytes),
    sync_target_ratio: SYNC_TARGET_RATIO,
  };
}

/** A sentence for results.json when an attempt delivered nothing. */
export function describeFailedAttempt(attempt: SyncAttempt): string {
  const largest = Math.round(attempt.largestAppMessageBytes / 1024);
  const limit = attempt.sctpMaxMessageBytes;
  const cause =
    limit !== null && attempt.largestAppMessageBytes > limit
      ? `the app handed the data channel a ${largest} KB message, over its ${Math.round(limit / 1024)} KB maximum; ` +
        'y-webrtc swallows the send error, so the edit (and every later one) waits on the other device forever'
      : `no message was over the data channel's maximum (largest ${largest} KB); the benchmark did not find why`;
  return `With the ${attempt.vaultDays}-day vault on both devices, no edit arrived in ${CONNECT_TIMEOUT_MS / 1000} s: ${cause}.`;
}
