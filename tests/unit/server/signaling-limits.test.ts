import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import type { SignalConfig } from '../../../server/signaling/config';
import {
  startSignalServer,
  TestClient,
  until,
  type TestSignalServer,
} from './support/signal-server';

let server: TestSignalServer | undefined;
const clients: TestClient[] = [];

async function start(limits: Partial<SignalConfig>): Promise<TestSignalServer> {
  server = await startSignalServer(limits);
  return server;
}

async function open(url = server!.url, options?: ClientOptions): Promise<TestClient> {
  const client = await TestClient.open(url, options);
  clients.push(client);
  return client;
}

/** Two connections in a room of their own, to show a refusal elsewhere changes nothing. */
async function bystanders(): Promise<{ check(): Promise<void> }> {
  const [a, b] = [await open(), await open()];
  a.subscribe('bystanders');
  b.subscribe('bystanders');
  await Promise.all([a.sync(), b.sync()]);
  let round = 0;
  return {
    async check() {
      round += 1;
      a.publish('bystanders', `round ${round}`);
      await b.next((m) => m.type === 'publish' && m.data === `round ${round}`);
      expect(a.ws.readyState).toBe(WebSocket.OPEN);
      expect(b.ws.readyState).toBe(WebSocket.OPEN);
    },
  };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

describe('signaling limits: frame size (SIGNAL_MAX_FRAME_BYTES)', () => {
  it('closes a connection whose frame is over the limit with 1009, and only that one', async () => {
    await start({ maxFrameBytes: 1024 });
    const others = await bystanders();
    const a = await open();
    const envelope = JSON.stringify({ type: 'publish', topic: 't', data: '' }).length;
    a.publish('t', 'x'.repeat(1024 - envelope)); // exactly at the limit: fine
    await a.sync();
    a.publish('t', 'x'.repeat(1025 - envelope));
    expect((await a.closed).code).toBe(1009);
    expect(server!.signaling.metrics.framesRejected.too_big).toBe(1);
    await others.check();
  });
});

describe('signaling limits: topics per connection (SIGNAL_MAX_TOPICS)', () => {
  it('allows up to the limit, counting a topic once however often it is named', async () => {
    await start({ maxTopicsPerConn: 3 });
    const a = await open();
    a.subscribe('a', 'b');
    a.subscribe('b', 'c', 'a');
    await a.sync();
    a.unsubscribe('c');
    a.subscribe('d');
    await a.sync();
    expect(server!.signaling.hub.subscriptionCount).toBe(3);
  });

  it('closes a connection that subscribes to one topic too many, with 1008', async () => {
    await start({ maxTopicsPerConn: 3 });
    const others = await bystanders();
    const a = await open();
    a.subscribe('a', 'b', 'c');
    await a.sync();
    a.subscribe('d');
    expect(await a.closed).toEqual({ code: 1008, reason: 'too_many_topics' });
    expect(server!.signaling.metrics.framesRejected.too_many_topics).toBe(1);
    await others.check();
    // It left all its topics: only the bystanders' remains.
    await until(() => server!.signaling.hub.topicCount === 1);
  });

  it('refuses a frame naming more topics than the limit before looking inside', async () => {
    await start({ maxTopicsPerConn: 3 });
    const a = await open();
    a.send({ type: 'unsubscribe', topics: ['a', 'b', 'c', 'd'] });
    expect((await a.closed).code).toBe(1008);
  });
});

describe('signaling limits: topic name length (SIGNAL_MAX_TOPIC_LENGTH)', () => {
  it('accepts a topic at the limit and closes a connection naming a longer one', async () => {
    await start({ maxTopicLength: 10 });
    const others = await bystanders();
    const a = await open();
    a.subscribe('x'.repeat(10));
    await a.sync();
    a.subscribe('x'.repeat(11));
    expect(await a.closed).toEqual({ code: 1008, reason: 'topic_too_long' });
    const b = await open();
    b.publish('y'.repeat(11), 'data');
    expect((await b.closed).code).toBe(1008);
    expect(server!.signaling.metrics.framesRejected.topic_too_long).toBe(2);
    await others.check();
  });
});

describe('signaling limits: messages per second (SIGNAL_MAX_MSGS_PER_SEC, SIGNAL_MSG_BURST)', () => {
  it('allows a burst up to the bucket size, then closes the connection with 1008', async () => {
    await start({ maxMsgsPerSec: 1, msgBurst: 5 });
    const a = await open();
    for (let i = 0; i < 5; i++) a.send({ type: 'ping' });
    await until(() => a.messages.length === 5);
    a.send({ type: 'ping' });
    expect(await a.closed).toEqual({ code: 1008, reason: 'rate_limited' });
    expect(server!.signaling.metrics.framesRejected.rate_limited).toBe(1);
  });

  it('keeps a connection that stays within the rate', async () => {
    await start({ maxMsgsPerSec: 50, msgBurst: 3 });
    const a = await open();
    // 40 frames a second for a quarter second: well over the burst, under the rate.
    for (let i = 0; i < 10; i++) {
      a.send({ type: 'ping' });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await until(() => a.messages.length === 10);
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('survives a flood: the flooder is closed once, everyone else carries on', async () => {
    await start({ maxMsgsPerSec: 20, msgBurst: 40 });
    const others = await bystanders();
    const flooder = await open();
    flooder.subscribe('bystanders');
    for (let i = 0; i < 5000; i++) flooder.publish('bystanders', i);
    expect((await flooder.closed).code).toBe(1008);
    expect(server!.signaling.metrics.framesRejected.rate_limited).toBe(1);
    // At most the burst got through before the bucket ran dry.
    expect(server!.signaling.metrics.messagesPublished).toBeLessThanOrEqual(40);
    await others.check();
  });
});

describe('signaling limits: connections per address (SIGNAL_MAX_CONNS_PER_IP)', () => {
  it('refuses one connection too many from an address with 429, until one leaves', async () => {
    await start({ maxConnsPerIp: 3 });
    const [a] = [await open(), await open(), await open()];
    await expect(TestClient.open(server!.url)).rejects.toThrow('HTTP 429');
    expect(server!.signaling.metrics.connectionsRejected.per_ip).toBe(1);
    await a!.sync(); // the others are untouched
    a!.close();
    await until(() => server!.signaling.hub.connectionCount === 2);
    const again = await open();
    await again.sync();
  });

  it('gives back the slot of a refused handshake, and counts it as bad_handshake', async () => {
    await start({ maxConnsPerIp: 1 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: server!.port,
        path: '/signal',
        headers: { Connection: 'Upgrade', Upgrade: 'websocket' }, // no Sec-WebSocket-Key
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(server!.signaling.metrics.connectionsRejected.bad_handshake).toBe(1);
    // The slot is freed when the refused socket closes, a moment after the 400.
    for (let tries = 0; ; tries++) {
      try {
        clients.push(await TestClient.open(server!.url));
        break;
      } catch (err) {
        if (tries === 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  });

  it('counts each address on its own (behind a trusted proxy, by X-Forwarded-For)', async () => {
    await start({ maxConnsPerIp: 1, trustProxy: true });
    const as = (address: string) => ({ headers: { 'X-Forwarded-For': `6.6.6.6, ${address}` } });
    await open(server!.url, as('10.0.0.1'));
    await open(server!.url, as('10.0.0.2'));
    await expect(TestClient.open(server!.url, as('10.0.0.1'))).rejects.toThrow('HTTP 429');
  });

  it('ignores X-Forwarded-For unless told to trust it', async () => {
    await start({ maxConnsPerIp: 1 });
    await open(server!.url, { headers: { 'X-Forwarded-For': '10.0.0.1' } });
    await expect(
      TestClient.open(server!.url, { headers: { 'X-Forwarded-For': '10.0.0.2' } }),
    ).rejects.toThrow('HTTP 429');
  });
});

describe('signaling limits: connections in total (SIGNAL_MAX_CONNS)', () => {
  it('refuses connections beyond the total with 503', async () => {
    await start({ maxConns: 2 });
    await open();
    await open();
    await expect(TestClient.open(server!.url)).rejects.toThrow('HTTP 503');
    expect(server!.signaling.metrics.connectionsRejected.server_full).toBe(1);
  });
});

describe('signaling limits: idle timeout (SIGNAL_IDLE_TIMEOUT_MS)', () => {
  it('drops a connection that sends nothing and answers no ping', async () => {
    await start({ idleTimeoutMs: 200 });
    const others = await bystanders();
    const silent = await open(server!.url, { autoPong: false });
    let pings = 0;
    silent.ws.on('ping', () => (pings += 1));
    const started = Date.now();
    await silent.closed;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(pings).toBeGreaterThan(0); // it was asked first
    expect(server!.signaling.metrics.connectionsDropped.idle).toBe(1);
    await others.check();
  });

  it('keeps a quiet connection that answers protocol pings', async () => {
    await start({ idleTimeoutMs: 100 });
    const quiet = await open(); // ws answers pings by itself, as browsers do
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(quiet.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("keeps a connection that answers no protocol ping but sends y-webrtc's own pings", async () => {
    await start({ idleTimeoutMs: 150 });
    const talker = await open(server!.url, { autoPong: false });
    for (let i = 0; i < 8; i++) {
      talker.send({ type: 'ping' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(talker.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('signaling limits: slow consumers (SIGNAL_MAX_BUFFERED_BYTES)', () => {
  it('drops a subscriber that stops reading instead of queueing without bound', async () => {
    await start({ maxBufferedBytes: 64 * 1024, maxFrameBytes: 1024 * 1024, msgBurst: 1000 });
    const [publisher, reader, stalled] = [await open(), await open(), await open()];
    for (const c of [reader, stalled]) c.subscribe('room');
    await Promise.all([reader.sync(), stalled.sync()]);
    // Stop reading: once the kernel's buffers are full, frames queue in the server.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = 'x'.repeat(512 * 1024);
    for (
      let i = 0;
      i < 40 && server!.signaling.metrics.connectionsDropped.slow_consumer === 0;
      i++
    ) {
      publisher.publish('room', chunk);
      await publisher.sync();
    }
    expect(server!.signaling.metrics.connectionsDropped.slow_consumer).toBe(1);
    await until(() => server!.signaling.hub.connectionCount === 2);
    publisher.publish('room', 'small');
    await reader.next((m) => m.data === 'small');
  });
});
