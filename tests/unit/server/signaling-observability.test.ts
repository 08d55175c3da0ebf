import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMullServer } from '../../../server/app';
import { DEFAULT_SIGNAL_CONFIG } from '../../../server/signaling/config';
import { METRICS_CONTENT_TYPE } from '../../../server/signaling/metrics';
import { close, listen, rawRequest } from '../../helpers/http';
import { TestClient, until } from './support/signal-server';

let dist: string;
let server: Server;
let logs: string[];
let url: string;
const clients: TestClient[] = [];

async function open(): Promise<TestClient> {
  const client = await TestClient.open(url);
  clients.push(client);
  return client;
}

/** Parses the exposition text into "name{labels}" → value, checking every line's shape. */
function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-z_]+ .+$/);
      continue;
    }
    const match = /^([a-z_]+(?:\{reason="[a-z_]+"\})?) (\d+)$/.exec(line);
    expect(match, line).not.toBeNull();
    values.set(match![1]!, Number(match![2]));
  }
  return values;
}

async function metrics(): Promise<Map<string, number>> {
  const res = await rawRequest(server, '/metrics');
  return parseMetrics(res.body.toString());
}

beforeEach(async () => {
  dist = await mkdtemp(join(tmpdir(), 'mull-signal-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Mull</title>');
  logs = [];
  server = createMullServer({
    distDir: dist,
    signaling: {
      config: { ...DEFAULT_SIGNAL_CONFIG, maxTopicsPerConn: 4 },
      log: (line) => logs.push(line),
    },
  });
  await listen(server);
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/signal`;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await close(server);
  await rm(dist, { recursive: true, force: true });
});

describe('app server with signaling', () => {
  it('still answers /healthz and serves the app', async () => {
    expect(JSON.parse((await rawRequest(server, '/healthz')).body.toString())).toEqual({
      ok: true,
    });
    expect((await rawRequest(server, '/')).body.toString()).toContain('<title>Mull</title>');
  });

  it('relays between two clients at /signal', async () => {
    const [a, b] = [await open(), await open()];
    a.subscribe('room');
    await a.sync();
    b.publish('room', 'hi');
    expect((await a.next((m) => m.type === 'publish')).data).toBe('hi');
  });

  it('closes with open signaling connections, which are told 1001', async () => {
    const a = await open();
    await a.sync();
    await close(server);
    expect((await a.closed).code).toBe(1001);
    server = createMullServer({ distDir: dist, signaling: false }); // for afterEach
    await listen(server);
  });

  it('can be created without signaling: upgrades are then not answered', async () => {
    const plain = createMullServer({ distDir: dist, signaling: false });
    await listen(plain);
    const port = (plain.address() as AddressInfo).port;
    await expect(TestClient.open(`ws://127.0.0.1:${port}/signal`)).rejects.toThrow();
    await close(plain);
  });
});

describe('GET /metrics', () => {
  it('answers in the Prometheus text format, never cached', async () => {
    const res = await rawRequest(server, '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.body.toString();
    expect(text).toContain('# TYPE mull_signal_connections gauge');
    expect(text).toContain('# TYPE mull_signal_topics gauge');
    expect(text).toContain('# TYPE mull_signal_messages_relayed_total counter');
    expect(text).toContain('# TYPE mull_signal_frames_rejected_total counter');
    expect(text).toContain('# TYPE mull_signal_connections_rejected_total counter');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('starts every counter, and every reason, at zero', async () => {
    const values = await metrics();
    expect(values.get('mull_signal_connections')).toBe(0);
    expect(values.get('mull_signal_topics')).toBe(0);
    expect(values.get('mull_signal_messages_relayed_total')).toBe(0);
    for (const reason of ['too_big', 'binary', 'invalid_json', 'bad_message', 'rate_limited']) {
      expect(values.get(`mull_signal_frames_rejected_total{reason="${reason}"}`)).toBe(0);
    }
    expect(values.get('mull_signal_connections_rejected_total{reason="per_ip"}')).toBe(0);
    expect(values.get('process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts connections, topics, relays and refusals as they happen', async () => {
    const [a, b, c] = [await open(), await open(), await open()];
    a.subscribe('room-1', 'room-2');
    b.subscribe('room-1');
    await Promise.all([a.sync(), b.sync()]);
    c.publish('room-1', 'x'); // reaches a and b
    c.publish('room-2', 'y'); // reaches a
    await c.sync();
    let values = await metrics();
    expect(values.get('mull_signal_connections')).toBe(3);
    expect(values.get('mull_signal_topics')).toBe(2);
    expect(values.get('mull_signal_subscriptions')).toBe(3);
    expect(values.get('mull_signal_messages_published_total')).toBe(2);
    expect(values.get('mull_signal_messages_relayed_total')).toBe(3);
    expect(values.get('mull_signal_connections_accepted_total')).toBe(3);

    c.ws.send('not json');
    await c.closed;
    b.subscribe('1', '2', '3', '4', '5');
    await b.closed;
    await expect(TestClient.open(url.replace('/signal', '/elsewhere'))).rejects.toThrow();
    await until(() => logs.filter((l) => l.includes('close')).length === 2);
    values = await metrics();
    expect(values.get('mull_signal_connections')).toBe(1);
    expect(values.get('mull_signal_topics')).toBe(2);
    expect(values.get('mull_signal_frames_rejected_total{reason="invalid_json"}')).toBe(1);
    expect(values.get('mull_signal_frames_rejected_total{reason="too_many_topics"}')).toBe(1);
    expect(values.get('mull_signal_connections_rejected_total{reason="bad_path"}')).toBe(1);
  });
});

describe('signaling logs', () => {
  it('write a line per connect, disconnect and refusal with a hashed address, and never a topic or a byte of a frame', async () => {
    const consoleLines: string[] = [];
    const capture = (...args: unknown[]) => consoleLines.push(args.map(String).join(' '));
    const spies = [
      vi.spyOn(console, 'log').mockImplementation(capture),
      vi.spyOn(console, 'error').mockImplementation(capture),
      vi.spyOn(console, 'warn').mockImplementation(capture),
    ];
    try {
      const secrets = ['mull-vault-SECRETROOM', 'mull-conv-OTHERROOM', 'PAYLOAD-Dear-diary'];
      const [a, b] = [await open(), await open()];
      a.subscribe(secrets[0]!, secrets[1]!);
      await a.sync();
      b.publish(secrets[0]!, { text: secrets[2] });
      await a.next((m) => m.type === 'publish');
      a.unsubscribe(secrets[1]!);
      b.ws.send(`{"type":"publish","topic":"${secrets[0]}","data":"${secrets[2]}"`); // broken
      await b.closed;
      a.subscribe(...secrets, 'x', 'y'); // too many topics
      await a.closed;
      await expect(TestClient.open(url.replace('/signal', `/${secrets[0]}`))).rejects.toThrow();
      await until(() => logs.filter((l) => l.includes('close')).length === 2);

      const all = [...logs, ...consoleLines];
      expect(logs.filter((l) => l.includes('connect'))).toHaveLength(2);
      expect(logs.filter((l) => l.includes('close'))).toHaveLength(2);
      expect(logs.filter((l) => l.includes('refuse'))).toHaveLength(1);
      expect(logs.join('\n')).toMatch(/reason=invalid_json/);
      expect(logs.join('\n')).toMatch(/reason=too_many_topics/);
      for (const line of all) {
        for (const secret of [...secrets, 'SECRETROOM', 'OTHERROOM', 'Dear-diary']) {
          expect(line).not.toContain(secret);
        }
        expect(line).not.toContain('127.0.0.1');
        expect(line).toMatch(/^signal: /);
        expect(line.length).toBeLessThan(200);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('log a flood of refused connections as one line per second, with a count', async () => {
    const refused = await Promise.allSettled(
      Array.from({ length: 10 }, () => TestClient.open(url.replace('/signal', '/nope'))),
    );
    expect(refused.every((r) => r.status === 'rejected')).toBe(true);
    expect(logs.filter((l) => l.includes('refuse'))).toHaveLength(1);
  });
});
