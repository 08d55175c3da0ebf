/**
 * What `npm start`, `npm run signal` and `npm run home-peer` run: the server built to plain
 * JavaScript by `npm run build:server` (dist-server/), started by node with no TypeScript
 * loader, every npm package (native ones included) resolved from node_modules.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/signal-server';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILT = join(ROOT, 'dist-server');
/** npm and esbuild start in well under this, even on a busy machine. */
const BUILD_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 20_000;

let child: ChildProcess | undefined;
let scratch: string;

/** Runs a built entry point under plain node with no loader flags; `out` collects its output. */
function runBuilt(entry: string, args: string[], env: Record<string, string>) {
  child = spawn(process.execPath, [join(BUILT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
  /** Resolves with the port from the line the server prints once it listens. */
  const listening = (pattern: RegExp): Promise<number> =>
    new Promise((resolve, reject) => {
      child!.stdout!.on('data', () => {
        const match = pattern.exec(out);
        if (match) resolve(Number(match[1]));
      });
      void exited.then((code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
  return { exited, listening, output: () => out };
}

beforeAll(() => {
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
  });
  expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
  scratch = mkdtempSync(join(tmpdir(), 'mull-built-server-'));
}, BUILD_TIMEOUT_MS);

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the server built to plain JavaScript', () => {
  it(
    'serves the app, /healthz and signaling under node alone, and stops on SIGTERM',
    async () => {
      const app = mkdtempSync(join(scratch, 'app-'));
      writeFileSync(join(app, 'index.html'), '<!doctype html><title>built app marker</title>');
      const server = runBuilt('main.js', [], { MULL_DIST: app });
      const port = await server.listening(/served at http:\/\/localhost:(\d+)/);

      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('built app marker');
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true });

      const a = await TestClient.open(`ws://127.0.0.1:${port}/signal`);
      const b = await TestClient.open(`ws://127.0.0.1:${port}/signal`);
      a.subscribe('room');
      await a.sync();
      b.publish('room', 'hello');
      expect((await a.next((m) => m.type === 'publish')).data).toBe('hello');

      child!.kill('SIGTERM');
      expect((await a.closed).code).toBe(1001);
      expect(await server.exited).toBe(0);
      b.close();
    },
    START_TIMEOUT_MS,
  );

  it(
    'refuses to start without a built app and says how to build it',
    async () => {
      const server = runBuilt('main.js', [], { MULL_DIST: join(scratch, 'no-such-dist') });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain('Run "npm run build" first');
    },
    START_TIMEOUT_MS,
  );

  it(
    'runs the standalone signaling server, which answers /healthz and stops on SIGTERM',
    async () => {
      const server = runBuilt('signal-main.js', [], {});
      const port = await server.listening(/ws:\/\/localhost:(\d+)\/signal/);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true });
      child!.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    },
    START_TIMEOUT_MS,
  );

  it(
    'runs the home peer with its native modules: an unpaired data folder asks to pair first',
    async () => {
      const data = mkdtempSync(join(scratch, 'home-'));
      const peer = runBuilt('home-peer/main.js', ['--data', data], {});
      expect(await peer.exited).toBe(1);
      expect(peer.output()).toContain('holds no paired home peer yet');
    },
    START_TIMEOUT_MS,
  );
});
