/**
 * Processes for home peer tests: the real home peer CLI (node --import tsx, not npm or tsx's
 * own CLI, so a SIGKILL hits the process that holds the store), and Mull devices in Node
 * (mull-peer.ts). Both can be awaited on what they print or report.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PeerSpec, PeerView } from './mull-peer';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PEER_SCRIPT = fileURLToPath(new URL('./mull-peer.ts', import.meta.url));
export const HOME_PEER_MAIN = 'server/home-peer/main.ts';

/** Every process started here that may still run: none outlives the test runner. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Resolves once `check` is true, polling. */
export async function until(
  check: () => boolean,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface HomePeerProcess {
  child: ChildProcess;
  /** Every line printed so far, stdout and stderr. */
  lines: string[];
  exited: Promise<number | null>;
  /** The first line (printed or to come) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL: nothing graceful. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<number | null>;
}

export function startHomePeer(args: string[], env: Record<string, string> = {}): HomePeerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', HOME_PEER_MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, MULL_HOME_STATUS_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const lines: string[] = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) if (line) lines.push(line);
    if (process.env.HOME_PEER_DEBUG) process.stderr.write(chunk);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    lines,
    exited,
    async waitFor(pattern, timeoutMs = 30_000) {
      await until(
        () => lines.some((l) => pattern.test(l)) || child.exitCode !== null,
        timeoutMs,
        `home peer line ${pattern} (got: ${lines.slice(-5).join(' | ')})`,
      );
      const line = lines.find((l) => pattern.test(l));
      if (!line) throw new Error(`home peer exited (${child.exitCode}): ${lines.join('\n')}`);
      return line;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface MullPeer {
  child: ChildProcess;
  view: PeerView;
  peers: number;
  /** Invite mode: the code, the vault secret, and what the home peer asked with. */
  code: string | null;
  vaultSecret: string | null;
  request: { name: string; checkCode: string } | null;
  acknowledged: boolean | null;
  send(command: unknown): void;
  quit(): Promise<void>;
}

export function startMullPeer(spec: PeerSpec): Promise<MullPeer> {
  const child = fork(PEER_SCRIPT, [JSON.stringify(spec)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  track(child);
  const peer: MullPeer = {
    child,
    view: { messages: [], entries: [], contacts: [], devices: [] },
    peers: 0,
    code: null,
    vaultSecret: null,
    request: null,
    acknowledged: null,
    send: (command) => child.send(command as never),
    quit: () => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.send({ op: 'quit' });
      });
    },
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`peer exited with ${code}`)));
    child.on('message', (m: Record<string, unknown>) => {
      if (m.view) peer.view = m.view as PeerView;
      if (typeof m.peers === 'number') peer.peers = m.peers;
      if (typeof m.code === 'string') {
        peer.code = m.code;
        peer.vaultSecret = m.vaultSecret as string;
        // Invite mode is "ready" once there is a code to hand over.
        resolve(peer);
      }
      if (m.request) peer.request = m.request as MullPeer['request'];
      if (typeof m.acknowledged === 'boolean') peer.acknowledged = m.acknowledged;
      if (m.ready) resolve(peer);
    });
  });
}
