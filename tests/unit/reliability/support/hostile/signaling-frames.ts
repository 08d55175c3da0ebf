/**
 * Hostile frames against the real Mull server (createMullServer, signaling at /signal, default
 * limits) on a free loopback port: mutations of the frames y-webrtc sends, random text and
 * binary, text that is not UTF-8, frames past the size limit, nesting deep enough to overflow a
 * stack, and raw bytes under the WebSocket framing itself.
 *
 * Each frame goes out on a hostile connection (a new one whenever the server closed the last),
 * followed by a ping: the server must either close that connection or answer within
 * `HANG_MS` (with its idle timeout at 1 s, a frame begun and never finished is cut in time).
 * Meanwhile two bystanders talk in their own room; every few frames their message
 * must still arrive, and /healthz must still answer. An error escaping the server, a frame left
 * unanswered, or a bystander let down all count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMullServer } from '../../../../../server/app';
import { DEFAULT_SIGNAL_CONFIG } from '../../../../../server/signaling/config';
import type { Prng } from '../../../../helpers/prng';
import { TestClient } from '../../../server/support/signal-server';
import { inputPrng, mutateText, randomBytes } from './mutate';
import { addExample, count, emptyTally, type HostileTally } from './tally';

const HANG_MS = 3000;
/** Far below HANG_MS, so a connection left half a frame short is cut before it counts as a hang. */
const IDLE_TIMEOUT_MS = 1000;
const BYSTANDER_EVERY = 25;
const HEALTH_EVERY = 200;

type Frame = { data: string | Buffer; binary: boolean } | { raw: Buffer };

const VALID = [
  { type: 'subscribe', topics: ['mull-vault-abc', 'mull-conv-def'] },
  { type: 'unsubscribe', topics: ['mull-vault-abc'] },
  { type: 'publish', topic: 'mull-vault-abc', data: 'AAAAAAAAAAAAAAAA' },
  { type: 'publish', topic: 'mull-pair-x', data: { type: 'announce', from: 'peer' } },
  { type: 'ping' },
];

function frameFor(rnd: Prng): Frame {
  const roll = rnd.next();
  const text = (data: string): Frame => ({ data, binary: false });
  if (roll < 0.15) return text(JSON.stringify(rnd.pick(VALID)));
  if (roll < 0.6) return text(mutateText(rnd, JSON.stringify(rnd.pick(VALID))));
  if (roll < 0.68) {
    return text(
      Array.from({ length: rnd.int(0, 200) }, () => String.fromCharCode(rnd.int(0, 0xffff))).join(
        '',
      ),
    );
  }
  if (roll < 0.74) return { data: Buffer.from(randomBytes(rnd, 500)), binary: true };
  if (roll < 0.8)
    return { data: Buffer.from([0x7b, ...randomBytes(rnd, 50), 0xff, 0xfe]), binary: false };
  if (roll < 0.85) {
    const size = DEFAULT_SIGNAL_CONFIG.maxFrameBytes + rnd.int(1, 100_000);
    return text(`{"type":"publish","topic":"t","data":"${'A'.repeat(size)}"}`);
  }
  if (roll < 0.9) {
    const depth = rnd.int(1000, 30_000);
    return text(`{"type":"publish","topic":"t","data":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  }
  if (roll < 0.95) {
    return text(
      rnd.pick([
        JSON.stringify({
          type: 'subscribe',
          topics: Array.from({ length: 100_000 }, (_, i) => `t${i}`),
        }),
        JSON.stringify({ type: 'subscribe', topics: ['x'.repeat(10_000)] }),
        '{"type":"publish","topic":"t","__proto__":{"polluted":true}}',
        '{"type":"publish","topic":"t","data":1e999}',
        '{"type":"ping","type":"subscribe"}',
      ]),
    );
  }
  // Bytes under the WebSocket layer: bad opcodes, reserved bits, lengths that lie.
  return { raw: Buffer.from(randomBytes(rnd, 64)) };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`);
    return res.ok && ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([promise, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);

export async function fuzzSignalingFrames(seed: number, inputs: number): Promise<HostileTally> {
  const tally = emptyTally('signaling frames', seed);
  const started = Date.now();
  const escaped: string[] = [];
  const onEscape = (err: unknown) => escaped.push(String(err));
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  const dist = mkdtempSync(join(tmpdir(), 'mull-hostile-'));
  // Default limits, but a 1 s idle timeout: raw bytes that start a frame and never finish it
  // leave a connection waiting for the rest, and the idle timeout is what ends it.
  const server = createMullServer({
    distDir: dist,
    signaling: {
      config: { ...DEFAULT_SIGNAL_CONFIG, idleTimeoutMs: IDLE_TIMEOUT_MS },
      log: () => {},
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const http = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${http.replace('http', 'ws')}/signal`;
  const watcher = await TestClient.open(url);
  const speaker = await TestClient.open(url);
  watcher.subscribe('bystanders');
  await watcher.sync();
  let hostile: TestClient | null = null;
  let said = 0;
  try {
    for (let index = 0; index < inputs; index++) {
      const frame = frameFor(inputPrng(seed, index));
      hostile ??= await TestClient.open(url);
      const client = hostile;
      const before = escaped.length;
      const closed = client.closed.then(() => 'closed' as const);
      if ('raw' in frame) {
        (client.ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(frame.raw);
      } else {
        client.ws.send(frame.data, { binary: frame.binary });
      }
      // A pong proves the server read the frame and let the connection be; no pong, no close
      // within HANG_MS is a hang.
      const answered = client.sync().then(
        () => 'alive' as const,
        () => new Promise<never>(() => {}),
      );
      const result = await within(Promise.race([closed, answered]), HANG_MS);
      if (result === 'timeout') {
        tally.inputs++;
        tally.hangs++;
        addExample(tally, `hang at input ${index}: no close and no pong in ${HANG_MS} ms`);
        client.close();
        hostile = null;
      } else {
        if (result === 'closed') hostile = null;
        count(tally, index, {
          verdict: result === 'closed' ? 'refused' : 'accepted',
          crash: escaped.length > before ? escaped.at(-1) : undefined,
        });
      }
      if ((index + 1) % BYSTANDER_EVERY === 0) {
        said++;
        speaker.publish('bystanders', said);
        const heard = await watcher
          .next((m) => m.data === said, HANG_MS)
          .then(
            () => true,
            () => false,
          );
        if (!heard) {
          tally.damaged++;
          addExample(tally, `after input ${index}: the bystanders stopped hearing each other`);
        }
      }
      if ((index + 1) % HEALTH_EVERY === 0 && !(await healthy(http))) {
        tally.crashes++;
        addExample(tally, `after input ${index}: /healthz stopped answering`);
      }
    }
    if (!(await healthy(http))) {
      tally.crashes++;
      addExample(tally, 'at the end: /healthz stopped answering');
    }
  } finally {
    hostile?.close();
    watcher.close();
    speaker.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dist, { recursive: true, force: true });
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  }
  tally.ms = Date.now() - started;
  return tally;
}
