import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from './support/signal-server';

const MAIN = fileURLToPath(new URL('../../../server/signal-main.ts', import.meta.url));

let child: ChildProcess | undefined;

/** Runs `npm run signal`'s script; resolves with its base URL once it listens. */
function startStandalone(env: Record<string, string> = {}): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ws:\/\/localhost:(\d+)\/signal/.exec(out);
      if (match) resolve(`127.0.0.1:${match[1]}`);
    });
    child!.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

/** Runs it expecting a refusal to start; resolves with its exit code and error output. */
function failToStart(env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child!.once('exit', (code) => resolve({ code, err })));
}

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

describe('standalone signaling server (server/signal-main.ts)', () => {
  it('relays at /signal and at / (as the stock server), answers /healthz and /metrics, and stops on SIGTERM', async () => {
    const host = await startStandalone();
    const a = await TestClient.open(`ws://${host}/signal`);
    const b = await TestClient.open(`ws://${host}/`);
    a.subscribe('room');
    await a.sync();
    b.publish('room', 'hello');
    expect((await a.next((m) => m.type === 'publish')).data).toBe('hello');

    const health = await fetch(`http://${host}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const metrics = await (await fetch(`http://${host}/metrics`)).text();
    expect(metrics).toMatch(/^mull_signal_connections 2$/m);
    expect(metrics).toMatch(/^mull_signal_messages_relayed_total 1$/m);
    expect((await fetch(`http://${host}/other`)).status).toBe(404);

    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect((await a.closed).code).toBe(1001);
    expect(await exited).toBe(0);
    b.close();
  }, 15_000);

  it('refuses to start with a wrong limit and names the variable', async () => {
    const { code, err } = await failToStart({ SIGNAL_MAX_TOPICS: 'lots' });
    expect(code).toBe(1);
    expect(err).toContain('SIGNAL_MAX_TOPICS must be a whole number');
  }, 15_000);

  it('takes its limits from the environment', async () => {
    const host = await startStandalone({ SIGNAL_MAX_CONNS_PER_IP: '1' });
    const a = await TestClient.open(`ws://${host}/signal`);
    await expect(TestClient.open(`ws://${host}/signal`)).rejects.toThrow('HTTP 429');
    a.close();
  }, 15_000);
});
