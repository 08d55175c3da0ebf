import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FRAME_REJECTIONS } from '../../../server/signaling/protocol';
import { createPrng } from '../../helpers/prng';
import { startSignalServer, TestClient, type TestSignalServer } from './support/signal-server';

let server: TestSignalServer;
let watcher: TestClient;
let speaker: TestClient;
let round = 0;

// One server for the whole file: every refusal below must leave it, and the two bystanders
// talking in their own room, exactly as they were.
beforeAll(async () => {
  server = await startSignalServer({ maxConnsPerIp: 1000 });
  watcher = await TestClient.open(server.url);
  speaker = await TestClient.open(server.url);
  watcher.subscribe('bystanders');
  await watcher.sync();
});

afterAll(async () => {
  watcher.close();
  speaker.close();
  await server.close();
});

beforeEach(async () => {
  round += 1;
  speaker.publish('bystanders', round);
  await watcher.next((m) => m.data === round);
});

/** Sends one raw frame on a fresh connection and says how the server closed it. */
async function closeCodeFor(frame: string | Buffer, binary = false): Promise<number> {
  const client = await TestClient.open(server.url);
  client.ws.send(frame, { binary });
  const { code } = await client.closed;
  return code;
}

describe('signaling: garbage frames close only the sender', () => {
  it.each(['{', 'hello', '', '{"type":"ping"', "{'type':'ping'}", '\u0000'])(
    'closes on invalid JSON %j with 1007',
    async (frame) => {
      expect(await closeCodeFor(frame)).toBe(1007);
    },
  );

  it('closes on a binary frame with 1003', async () => {
    expect(await closeCodeFor(Buffer.from(JSON.stringify({ type: 'ping' })), true)).toBe(1003);
    expect(server.signaling.metrics.framesRejected.binary).toBeGreaterThan(0);
  });

  it('closes on a text frame that is not UTF-8 with 1007', async () => {
    expect(await closeCodeFor(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toBe(1007);
  });

  it.each(['42', '"ping"', 'null', 'true', '[]', '[{"type":"ping"}]'])(
    'closes on JSON that is not an object, %s, with 1008',
    async (frame) => {
      expect(await closeCodeFor(frame)).toBe(1008);
    },
  );

  it.each([
    {},
    { type: 5 },
    { type: 'PING' },
    { type: 'announce' },
    { type: 'subscribe' },
    { type: 'subscribe', topics: 'room' },
    { type: 'subscribe', topics: { 0: 'room' } },
    { type: 'subscribe', topics: [1] },
    { type: 'subscribe', topics: ['ok', null] },
    { type: 'subscribe', topics: [['nested']] },
    { type: 'subscribe', topics: [''] },
    { type: 'unsubscribe', topics: 7 },
    { type: 'publish' },
    { type: 'publish', topic: 5, data: 'x' },
    { type: 'publish', topic: ['room'], data: 'x' },
    { type: 'publish', topic: '', data: 'x' },
  ])('closes on a message with wrong fields, %j, with 1008', async (message) => {
    expect(await closeCodeFor(JSON.stringify(message))).toBe(1008);
  });

  it('closes on a huge topics array with 1008, without subscribing to any of it', async () => {
    const topics = Array.from({ length: 5_000 }, (_, i) => `t${i}`);
    expect(await closeCodeFor(JSON.stringify({ type: 'subscribe', topics }))).toBe(1008);
    expect(server.signaling.hub.topicCount).toBe(1);
  });

  it('closes on a frame over the size limit with 1009', async () => {
    const data = 'x'.repeat(64 * 1024);
    expect(await closeCodeFor(JSON.stringify({ type: 'publish', topic: 't', data }))).toBe(1009);
  });

  it('closes on data nested too deeply to re-encode, instead of crashing', async () => {
    // Parses, but JSON.stringify overflows the stack on it: the stock server would crash.
    const deep = '['.repeat(30_000) + ']'.repeat(30_000);
    const frame = `{"type":"publish","topic":"bystanders","data":${deep}}`;
    expect(await closeCodeFor(frame)).toBe(1008);
  });

  it('sends only the reason label in a close frame, never what the client sent', async () => {
    const client = await TestClient.open(server.url);
    client.ws.send('{"type":"subscribe","topics":"secret-room-name"}');
    const closed = await client.closed;
    expect(closed.reason).toBe('bad_message');
  });
});

describe('signaling: random garbage (seeded)', () => {
  const VALID = [
    '{"type":"subscribe","topics":["mull-vault-abc","mull-conv-def"]}',
    '{"type":"unsubscribe","topics":["mull-vault-abc"]}',
    '{"type":"publish","topic":"mull-vault-abc","data":"b64ciphertext=="}',
    '{"type":"ping"}',
  ];

  function mutate(prng: ReturnType<typeof createPrng>, text: string): Buffer {
    const bytes = Buffer.from(text);
    switch (prng.int(0, 4)) {
      case 0: // flip some bytes
        for (let i = 0; i < prng.int(1, 4); i++)
          bytes[prng.int(0, bytes.length - 1)] = prng.int(0, 255);
        return bytes;
      case 1: // truncate
        return bytes.subarray(0, prng.int(0, bytes.length - 1));
      case 2: // splice in random text
        return Buffer.concat([
          bytes.subarray(0, prng.int(0, bytes.length)),
          Buffer.from(prng.string(prng.int(1, 8))),
          bytes.subarray(prng.int(0, bytes.length)),
        ]);
      case 3: // random bytes
        return Buffer.from(Array.from({ length: prng.int(0, 64) }, () => prng.int(0, 255)));
      default: // swap a value for another JSON type
        return Buffer.from(
          text.replace(/"[a-z-]+"(?=[,}\]])/, prng.pick(['1', 'null', '[]', '{}', 'true', '""'])),
        );
    }
  }

  it('survives 300 mutated frames: each connection stays or closes with a known code', async () => {
    const prng = createPrng(0x5157);
    const known = new Set([1002, 1003, 1007, 1008, 1009]);
    const openBefore = server.signaling.hub.connectionCount;
    for (let i = 0; i < 300; i++) {
      const frame = mutate(prng, prng.pick(VALID));
      const binary = prng.int(0, 9) === 0;
      const client = await TestClient.open(server.url);
      client.ws.send(frame, { binary });
      const outcome = await Promise.race([
        client.closed.then(({ code }) => code),
        client.sync().then(() => 'open' as const),
      ]);
      if (outcome !== 'open')
        expect(known, `frame ${i}: ${frame.toString('hex')}`).toContain(outcome);
      client.close();
      await client.closed;
    }
    speaker.publish('bystanders', 'still here');
    await watcher.next((m) => m.data === 'still here');
    expect(watcher.ws.readyState).toBe(WebSocket.OPEN);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.signaling.hub.connectionCount).toBe(openBefore);
    const rejected = FRAME_REJECTIONS.reduce(
      (sum, reason) => sum + server.signaling.metrics.framesRejected[reason],
      0,
    );
    expect(rejected).toBeGreaterThan(100);
  });
});
