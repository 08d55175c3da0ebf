/**
 * Processes for home peer tests: the real home peer CLI (node --import tsx, not npm or tsx's
 * own CLI, so a SIGKILL hits the process that holds the store) — without any terminal, or at
 * a pseudo-terminal of its own (util-linux `script`, as on every Debian) when it pairs and a
 * person must confirm the code — and Mull devices in Node (mull-peer.ts). All can be awaited
 * on what they print or report.
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
  /** Every line printed so far, stdout and stderr (in a terminal: what the terminal showed). */
  lines: string[];
  exited: Promise<number | null>;
  /** The first line (printed or to come, or the unfinished last one) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL: nothing graceful. */
  kill(): Promise<void>;
  /** SIGTERM (in a terminal: Ctrl-C), and wait for the exit. */
  stop(): Promise<number | null>;
}

export interface HomePeerInTerminal extends HomePeerProcess {
  /** Types `text` and Enter at the terminal. */
  type(text: string): void;
}

// Cursor movements and colours, which a terminal interprets and a test does not.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Collects a process's output as lines; an unfinished last line (a prompt) counts too. */
function watchOutput(child: ChildProcess, what: string) {
  const lines: string[] = [];
  const partials = new Map<unknown, string>();
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8'); // a character split between chunks stays whole
    stream?.on('data', (chunk: string) => {
      const parts = ((partials.get(stream) ?? '') + chunk).replace(ANSI, '').split(/\r?\n|\r/);
      partials.set(stream, parts.pop() ?? '');
      for (const line of parts) if (line) lines.push(line);
      if (process.env.HOME_PEER_DEBUG) process.stderr.write(chunk);
    });
  }
  let failed = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', resolve);
    // Could not start at all (for a terminal: util-linux `script` missing).
    child.once('error', (err) => {
      failed = true;
      lines.push(`could not start: ${err.message}`);
      resolve(null);
    });
  });
  const partial = (): string => [...partials.values()].filter(Boolean).join(' | ');
  const ended = (): boolean => failed || child.exitCode !== null || child.signalCode !== null;
  const seen = (pattern: RegExp): string | undefined =>
    lines.find((l) => pattern.test(l)) ??
    [...partials.values()].find((p) => p !== '' && pattern.test(p));
  return {
    lines,
    exited,
    async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
      await until(
        () => seen(pattern) !== undefined || ended(),
        timeoutMs,
        `${what} line ${pattern} (got: ${[...lines.slice(-5), partial()].join(' | ')})`,
      );
      const line = seen(pattern);
      if (line === undefined) {
        throw new Error(`${what} exited (${child.exitCode}): ${[...lines, partial()].join('\n')}`);
      }
      return line;
    },
    ended,
    async kill(): Promise<void> {
      if (ended()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The home peer with no terminal at all (its own session, as under a service manager), so it
 * can never ask anyone anything; `stdin`, when given, is piped in and closed.
 */
export function startHomePeer(
  args: string[],
  env: Record<string, string> = {},
  { stdin }: { stdin?: string } = {},
): HomePeerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', HOME_PEER_MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, MULL_HOME_STATUS_SECONDS: '0', ...env },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    // A new session: no controlling terminal, even when the tests run in one.
    detached: true,
  });
  track(child);
  child.stdin?.on('error', () => {}); // it may exit before reading
  child.stdin?.end(stdin);
  const output = watchOutput(child, 'home peer');
  return {
    child,
    ...output,
    async stop() {
      if (output.ended()) return child.exitCode;
      child.kill('SIGTERM');
      return output.exited;
    },
  };
}

const shellQuote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * The home peer at a terminal of its own (a pseudo-terminal from util-linux `script`), the way
 * a person starts it by hand to pair: standard input is that terminal, unless `pipeFrom`
 * names a file to pipe in (`cat file | … --join -`), and then the terminal is only its
 * controlling terminal (`/dev/tty`).
 */
export function startHomePeerInTerminal(
  args: string[],
  { env = {}, pipeFrom }: { env?: Record<string, string>; pipeFrom?: string } = {},
): HomePeerInTerminal {
  const command = [process.execPath, '--import', 'tsx', HOME_PEER_MAIN, ...args]
    .map(shellQuote)
    .join(' ');
  const script = pipeFrom ? `cat ${shellQuote(pipeFrom)} | ${command}` : `exec ${command}`;
  const child = spawn(
    'script',
    ['--quiet', '--flush', '--return', '--command', script, '/dev/null'],
    {
      cwd: ROOT,
      // A dumb terminal: readline writes prompts without cursor movements.
      env: { ...process.env, MULL_HOME_STATUS_SECONDS: '0', TERM: 'dumb', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    },
  );
  track(child);
  child.stdin?.on('error', () => {});
  const output = watchOutput(child, 'home peer (terminal)');
  return {
    child,
    ...output,
    type(text) {
      child.stdin?.write(`${text}\r`);
    },
    async stop() {
      if (output.ended()) return child.exitCode;
      child.stdin?.write('\x03'); // Ctrl-C: SIGINT to the home peer, as at a real terminal
      return output.exited;
    },
  };
}

export interface MullPeer {
  child: ChildProcess;
  view: PeerView;
  peers: number;
  /** Invite mode: the code, the vault secret, what the home peer asked with, how it ended. */
  code: string | null;
  vaultSecret: string | null;
  request: { name: string; code: string } | null;
  acknowledged: boolean | null;
  closed: string | null;
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
    closed: null,
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
      if (typeof m.closed === 'string') peer.closed = m.closed;
      if (m.ready) resolve(peer);
    });
  });
}

/** The question the home peer asks once both devices show a code; group 1 is the code. */
export const CONFIRM_CODE = /Does your other device show (\d{3} \d{3})\? Type yes to confirm:/;

/**
 * Pairs a home peer as the README tells a person to: at a terminal, `--join`, paste `invite`
 * when asked, check that the other device shows the same code (`approveThere` gets the code
 * shown here, e.g. "482 193", approves it on that device and resolves), type yes, wait until it
 * is ready, then Ctrl-C. Resolves with its output; start it again with only --data.
 */
export async function pairHomePeer(
  args: string[],
  invite: string,
  approveThere: (code: string) => Promise<void>,
): Promise<HomePeerProcess> {
  const home = startHomePeerInTerminal([...args, '--join']);
  try {
    await home.waitFor(/Paste the invite link or code:/);
    home.type(invite);
    const code = CONFIRM_CODE.exec(await home.waitFor(CONFIRM_CODE))?.[1] ?? '';
    home.type('yes');
    await approveThere(code);
    await home.waitFor(/ready:/);
    const exit = await home.stop();
    if (exit !== 0) throw new Error(`home peer stopped with ${exit}: ${home.lines.join('\n')}`);
    return home;
  } finally {
    await home.kill();
  }
}

/** A home peer's own log lines, without what its terminal echoed of the person's typing. */
export const logLines = (home: HomePeerProcess): string[] =>
  home.lines.filter((line) => line.startsWith('home-peer:'));
