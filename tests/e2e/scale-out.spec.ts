/**
 * Signaling scaled out: two server instances on different ports, sharing topics through one
 * real redis-server (server/signaling/redis-bus.ts). Each browser loads the app from its own
 * instance and so signals through that instance's /signal only; they still pair and sync.
 */
import type { AddressInfo } from 'node:net';
import { createMullServer } from '../../server/app';
import { createRedisBus } from '../../server/signaling/redis-bus';
import {
  BrowserDevices,
  expectInJournal,
  pairBrowsers,
  writeEntry,
} from '../helpers/browser-devices';
import {
  REDIS_MISSING,
  REDIS_SERVER,
  startRedis,
  type TestRedis,
} from '../helpers/home-peer/redis-server';
import { expect, test } from './fixtures';

const DIST = process.env.E2E_DIST ?? 'dist';
const quiet = (): void => {};

interface Instance {
  url: string;
  close(): Promise<void>;
}

/** One Mull server (app + signaling) whose signaling bus is the Redis at `redisUrl`. */
async function startInstance(redisUrl: string): Promise<Instance> {
  const bus = createRedisBus(redisUrl, { log: quiet });
  const server = createMullServer({ distDir: DIST, signaling: { bus, log: quiet } });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.close();
    },
  };
}

/** A counter or gauge from an instance's /metrics. */
async function metric(instance: Instance, name: string): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

const devices = new BrowserDevices();
const instances: Instance[] = [];
let redis: TestRedis | null = null;

test.afterEach(async () => {
  await devices.closeAll();
  for (const instance of instances.splice(0)) await instance.close();
  await redis?.kill();
  redis = null;
});

test('browsers on two signaling instances sharing one Redis pair and sync', async () => {
  test.skip(!REDIS_SERVER, REDIS_MISSING);
  test.setTimeout(180_000);
  redis = await startRedis();
  const one = await startInstance(redis.url);
  const two = await startInstance(redis.url);
  instances.push(one, two);

  const a = await devices.open('A');
  const b = await devices.open('B');
  await writeEntry(a.page, one.url, 'Written on A, which signals through instance one.');
  await writeEntry(b.page, two.url, 'Written on B, which signals through instance two.');

  // B's own entry is merged in, as the person chooses on joining (the default keeps it apart).
  await pairBrowsers(a.page, one.url, b.page, two.url, { merge: true });
  await expectInJournal(b.page, two.url, ['Written on A, which signals through instance one.']);
  await expectInJournal(a.page, one.url, ['Written on B, which signals through instance two.']);

  await writeEntry(a.page, one.url, 'A new thought on A, after pairing.');
  await expectInJournal(b.page, two.url, ['A new thought on A, after pairing.']);

  // Each browser talked only to its own instance; the frames crossed over through Redis.
  for (const instance of [one, two]) {
    expect(await metric(instance, 'mull_signal_connections')).toBe(1);
    expect(await metric(instance, 'mull_signal_messages_published_total')).toBeGreaterThan(0);
    expect(await metric(instance, 'mull_signal_messages_relayed_total')).toBeGreaterThan(0);
  }
});
