import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  openClients,
  startSignalServer,
  TestClient,
  until,
  type TestSignalServer,
} from './support/signal-server';

let server: TestSignalServer;
const clients: TestClient[] = [];

async function client(): Promise<TestClient> {
  const opened = await TestClient.open(server.url);
  clients.push(opened);
  return opened;
}

async function many(count: number): Promise<TestClient[]> {
  const opened = await openClients(server.url, count);
  clients.push(...opened);
  return opened;
}

beforeEach(async () => {
  server = await startSignalServer();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

describe('signaling protocol', () => {
  it('answers ping with pong', async () => {
    const a = await client();
    a.send({ type: 'ping' });
    expect(await a.next((m) => m.type === 'pong')).toEqual({ type: 'pong' });
  });

  it('relays a publish to every subscriber of the topic, the publisher included, as the stock server does', async () => {
    const [a, b, c] = await many(3);
    for (const each of [a!, b!, c!]) each.subscribe('room-1');
    await Promise.all([a!, b!, c!].map((each) => each.sync()));
    a!.publish('room-1', { hello: 'world' });
    const expected = {
      type: 'publish',
      topic: 'room-1',
      data: { hello: 'world' },
      clients: 3,
    };
    for (const each of [a!, b!, c!]) {
      expect(await each.next((m) => m.type === 'publish')).toEqual(expected);
    }
  });

  it('keeps every field of the published message, and sets clients to the subscriber count', async () => {
    const [a, b] = await many(2);
    a!.subscribe('room');
    await a!.sync();
    // y-webrtc sends { type, topic, data }; anything else a client adds is passed on.
    b!.send({ type: 'publish', topic: 'room', data: 'ciphertext', extra: [1, 2], clients: 99 });
    expect(await a!.next((m) => m.type === 'publish')).toEqual({
      type: 'publish',
      topic: 'room',
      data: 'ciphertext',
      extra: [1, 2],
      clients: 1,
    });
  });

  it('relays only to subscribers of that topic', async () => {
    const [a, b, c] = await many(3);
    a!.subscribe('room-a');
    b!.subscribe('room-b');
    await Promise.all([a!.sync(), b!.sync()]);
    c!.publish('room-a', 'for a');
    await c!.sync();
    await Promise.all([a!.sync(), b!.sync()]);
    expect(a!.published().map((m) => m.data)).toEqual(['for a']);
    expect(b!.published()).toEqual([]);
    expect(c!.published()).toEqual([]);
  });

  it('subscribes to several topics in one frame, and a repeated topic once', async () => {
    const [a, b] = await many(2);
    a!.subscribe('x', 'y', 'x');
    a!.subscribe('y');
    await a!.sync();
    b!.publish('x', 1);
    b!.publish('y', 2);
    await b!.sync();
    await a!.sync();
    expect(a!.published().map((m) => m.data)).toEqual([1, 2]);
    expect(server.signaling.hub.subscriptionCount).toBe(2);
  });

  it('fans out in publish order to many subscribers', async () => {
    const subscribers = await many(12);
    const [publisher] = await many(1);
    for (const s of subscribers) s.subscribe('busy');
    await Promise.all(subscribers.map((s) => s.sync()));
    for (let i = 0; i < 20; i++) publisher!.publish('busy', i);
    await publisher!.sync();
    await Promise.all(subscribers.map((s) => s.sync()));
    for (const s of subscribers) {
      expect(s.published().map((m) => m.data)).toEqual([...Array(20).keys()]);
    }
    expect(server.signaling.metrics.messagesRelayed).toBe(12 * 20);
  });

  it('delivers nothing after unsubscribe', async () => {
    const [a, b] = await many(2);
    a!.subscribe('room', 'other');
    await a!.sync();
    a!.unsubscribe('room');
    await a!.sync();
    b!.publish('room', 'after');
    b!.publish('other', 'still here');
    await b!.sync();
    await a!.sync();
    expect(a!.published().map((m) => m.data)).toEqual(['still here']);
  });

  it('ignores unsubscribing from a topic it never had', async () => {
    const a = await client();
    a.unsubscribe('never');
    await a.sync();
    expect(server.signaling.hub.topicCount).toBe(0);
  });

  it('forgets a closed connection: others get nothing sent to it and the topic goes', async () => {
    const [a, b] = await many(2);
    a!.subscribe('room');
    b!.subscribe('room');
    await Promise.all([a!.sync(), b!.sync()]);
    expect(server.signaling.hub.topicCount).toBe(1);
    a!.close();
    await a!.closed;
    await until(() => server.signaling.hub.connectionCount === 1);
    b!.publish('room', 'alone');
    expect((await b!.next((m) => m.type === 'publish')).clients).toBe(1);
    b!.unsubscribe('room');
    await b!.sync();
    expect(server.signaling.hub.topicCount).toBe(0);
    expect(server.signaling.hub.subscriptionCount).toBe(0);
  });

  it('relays a publish from a connection that is not subscribed itself, as the stock server does', async () => {
    const [a, b] = await many(2);
    a!.subscribe('room');
    await a!.sync();
    b!.publish('room', 'knock');
    expect((await a!.next((m) => m.type === 'publish')).data).toBe('knock');
    await b!.sync();
    expect(b!.published()).toEqual([]);
  });

  it('accepts a publish to a topic nobody holds, and sends it nowhere', async () => {
    const a = await client();
    a.publish('empty', 'x');
    await a.sync();
    expect(server.signaling.metrics.messagesPublished).toBe(1);
    expect(server.signaling.metrics.messagesRelayed).toBe(0);
  });

  it('accepts an empty topic list (y-webrtc sends one when it has no rooms yet)', async () => {
    const a = await client();
    a.subscribe();
    await a.sync();
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses an upgrade on any other path with 404, and keeps serving /signal', async () => {
    await expect(TestClient.open(server.url.replace('/signal', '/other'))).rejects.toThrow(
      'HTTP 404',
    );
    await expect(TestClient.open(server.url.replace('/signal', '/'))).rejects.toThrow('HTTP 404');
    expect(server.signaling.metrics.connectionsRejected.bad_path).toBe(2);
    const a = await client();
    await a.sync();
  });

  it('accepts /signal with a query string', async () => {
    const a = await TestClient.open(`${server.url}?v=1`);
    clients.push(a);
    await a.sync();
  });
});

describe('signaling: closing the server', () => {
  it('closes every connection with 1001 (going away)', async () => {
    const a = await client();
    a.subscribe('room');
    await a.sync();
    await server.signaling.close();
    expect(await a.closed).toEqual({ code: 1001, reason: 'shutdown' });
  });
});
