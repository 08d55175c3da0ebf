/**
 * The Redis bus against a real redis-server started here: the shared SignalBus acceptance
 * suite, two signaling servers meeting through it, surviving a Redis outage, and the
 * standalone server picking it from REDIS_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SignalBus } from '../../../server/signaling/bus';
import {
  createRedisBus,
  RedisUrlError,
  signalBusFromEnv,
} from '../../../server/signaling/redis-bus';
import {
  REDIS_MISSING,
  REDIS_SERVER,
  startRedis,
  type TestRedis,
} from '../../helpers/home-peer/redis-server';
import { describeSignalBus } from './support/signal-bus-suite';
import {
  startSignalServer,
  TestClient,
  until,
  type TestSignalServer,
} from './support/signal-server';

const quiet = (): void => {};

describe('signalBusFromEnv', () => {
  it('keeps the in-process default without REDIS_URL', () => {
    expect(signalBusFromEnv({})).toBeUndefined();
    expect(signalBusFromEnv({ REDIS_URL: '  ' })).toBeUndefined();
  });

  it('refuses a REDIS_URL that is not a Redis URL, without repeating it', () => {
    for (const url of ['http://s3cr3t@example.invalid', 'not a url', 'example.invalid:6379']) {
      const attempt = (): unknown => signalBusFromEnv({ REDIS_URL: url }, quiet);
      expect(attempt).toThrow(RedisUrlError);
      expect(attempt).not.toThrow(/s3cr3t|example\.invalid|not a url/);
    }
  });
});

if (!REDIS_SERVER) {
  describe.skip(`Redis bus: skipped, ${REDIS_MISSING}`, () => {
    it('needs redis-server', () => {});
  });
} else {
  let redis: TestRedis;
  const buses: SignalBus[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
    await redis.kill();
  });

  /** A bus whose connections are up (so timing in the suite is Redis's, not the handshake's). */
  async function connectedBus(): Promise<SignalBus> {
    const lines: string[] = [];
    const bus = createRedisBus(redis.url, { log: (line) => lines.push(line) });
    await until(() => lines.filter((l) => /ready/.test(l)).length === 2, 5000);
    return bus;
  }

  describeSignalBus('redis', async () => [await connectedBus(), await connectedBus()]);

  describe('two signaling servers on one Redis', () => {
    const servers: TestSignalServer[] = [];
    const clients: TestClient[] = [];

    afterEach(async () => {
      for (const c of clients.splice(0)) c.close();
      for (const s of servers.splice(0)) await s.close();
      await Promise.all(buses.splice(0).map((b) => b.close()));
      if (!redis.running) await redis.restart();
    });

    async function twoServers(): Promise<[TestSignalServer, TestSignalServer]> {
      for (let i = 0; i < 2; i++) {
        const bus = await connectedBus();
        buses.push(bus);
        servers.push(await startSignalServer({}, { bus }));
      }
      return servers as [TestSignalServer, TestSignalServer];
    }

    it('act as one: clients of different instances meet in a topic', async () => {
      const [one, two] = await twoServers();
      const a = await TestClient.open(one.url);
      const b = await TestClient.open(two.url);
      clients.push(a, b);
      a.subscribe('room');
      b.subscribe('room');
      await Promise.all([a.sync(), b.sync()]);
      await new Promise((resolve) => setTimeout(resolve, 100)); // SUBSCRIBE reaches Redis
      a.publish('room', 'from one');
      expect((await b.next((m) => m.data === 'from one')).type).toBe('publish');
      b.publish('room', 'from two');
      expect((await a.next((m) => m.data === 'from two')).type).toBe('publish');
      // Each hears itself once: local delivery, and the Redis echo is skipped.
      await Promise.all([a.sync(), b.sync()]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(a.published('room').map((m) => m.data)).toEqual(['from one', 'from two']);
      expect(b.published('room').map((m) => m.data)).toEqual(['from one', 'from two']);
    });

    it('keeps each instance working while Redis is down, and joins them again when it is back', async () => {
      const [one, two] = await twoServers();
      const a = await TestClient.open(one.url);
      const a2 = await TestClient.open(one.url);
      const b = await TestClient.open(two.url);
      clients.push(a, a2, b);
      for (const c of [a, a2, b]) c.subscribe('room');
      await Promise.all([a.sync(), a2.sync(), b.sync()]);

      await redis.kill();
      a.publish('room', 'while down');
      expect((await a2.next((m) => m.data === 'while down')).type).toBe('publish');

      await redis.restart();
      // ioredis reconnects with backoff and the bus subscribes its topics again on `ready`.
      // Publish now and then (well under the rate limit) until one crosses over again.
      const deadline = Date.now() + 15_000;
      while (!b.published('room').some((m) => m.data === 'back')) {
        if (Date.now() > deadline) throw new Error('instances did not meet again');
        a.publish('room', 'back');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }, 30_000);
  });

  describe('npm run signal with REDIS_URL', () => {
    const children: ChildProcess[] = [];
    const clients: TestClient[] = [];

    afterAll(async () => {
      for (const c of clients.splice(0)) c.close();
      await Promise.all(
        children.splice(0).map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    });

    function startStandalone(url: string): Promise<{ url: string; output: () => string }> {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/signal-main.ts'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REDIS_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      return until(
        () => /ws:\/\/localhost:\d+/.test(output) && /subscribe connection ready/.test(output),
        15_000,
      ).then(() => ({
        url: `ws://127.0.0.1:${/ws:\/\/localhost:(\d+)/.exec(output)?.[1]}/signal`,
        output: () => output,
      }));
    }

    it('shares topics between two standalone servers, and never logs the password or a topic', async () => {
      const secured = await startRedis({ password: 'hunter2-redis' });
      try {
        const one = await startStandalone(secured.url);
        const two = await startStandalone(secured.url);
        const a = await TestClient.open(one.url);
        const b = await TestClient.open(two.url);
        clients.push(a, b);
        a.subscribe('mull-vault-standalone-topic');
        b.subscribe('mull-vault-standalone-topic');
        await Promise.all([a.sync(), b.sync()]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        a.publish('mull-vault-standalone-topic', 'across processes');
        await b.next((m) => m.data === 'across processes', 5000);
        for (const output of [one.output(), two.output()]) {
          expect(output).toContain(`redis at 127.0.0.1:${secured.port}`);
          expect(output).not.toContain('hunter2-redis');
          expect(output).not.toContain('mull-vault-standalone-topic');
          expect(output).not.toContain('across processes');
        }
      } finally {
        await secured.kill();
      }
    }, 40_000);
  });
}
