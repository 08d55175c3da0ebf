/**
 * `npm run home-peer -- --data <dir> [--join | --invite-file <path>] [--signal <url>]`: Mull
 * headless in Node, one of a person's devices that stays online (see home-peer.ts and README.md).
 *
 * First start pairs (`--join`: the invite pasted at a prompt or piped in; or `--invite-file`),
 * once the person has confirmed the six-digit code at the terminal and approved it on another
 * device, and stores the vault secret in `<dir>/device.json`; every later start needs only
 * `--data`. SIGTERM or SIGINT leaves the rooms and closes the store; SIGKILL loses nothing
 * either (persisted-doc.ts).
 *
 * Exit codes: 0 stopped by a signal, 1 could not start (the log says why), 2 wrong arguments.
 */
import wrtc from '@roamhq/wrtc';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { formatCode } from '../../src/lib/sync/pair-code';
import { cleanDeviceName } from '../../src/lib/vault';
import { HomePeerConfigError, parseHomePeerArgs, USAGE, type HomePeerConfig } from './config';
import { DataDirError, lockDataDir, prepareDataDir, type DataDirLock } from './data-dir';
import { DocStore, STORE_FILE } from './doc-store';
import { HomePeer } from './home-peer';
import { IdentityError, readIdentity, writeIdentity, type HomeIdentity } from './identity';
import { InviteInputError, readDeviceInvite } from './invite-input';
import { consoleLog, errorKind, type HomeLog } from './log';
import { pairWithInvite, PairingError, type ConfirmCode } from './pair';
import type { Network } from './served-doc';
import { isYes, openTerminal, type Terminal } from './terminal';

/** Long enough to say goodbye to the signaling server; never a hang. */
const SHUTDOWN_GRACE_MS = 3000;

class StartError extends Error {}

/** Errors ignored per minute before giving up: past this, something is looping. */
const MAX_IGNORED_ERRORS_PER_MINUTE = 600;

/**
 * Logs an ignored error; if they come faster than MAX_IGNORED_ERRORS_PER_MINUTE, exits 1 so
 * the service manager restarts a clean process (nothing acknowledged is lost by exiting).
 */
function errorBudget(log: HomeLog): (line: string) => void {
  let windowStart = Date.now();
  let count = 0;
  return (line) => {
    const now = Date.now();
    if (now - windowStart > 60_000) {
      windowStart = now;
      count = 0;
    }
    count += 1;
    if (count <= 10) log(line);
    if (count > MAX_IGNORED_ERRORS_PER_MINUTE) {
      log('too many errors in a minute; exiting so the service manager starts afresh');
      process.exit(1);
    }
  };
}

const defaultName = (): string => cleanDeviceName(`Home peer (${hostname() || 'server'})`);

const NO_TERMINAL_MESSAGE =
  'Pairing needs you at a terminal: the home peer shows a six-digit code to compare with your other device, and pairs only once you type yes. This process has no terminal (a service, or a pipe with no terminal behind it), so nothing was sent. Run the first start by hand in a terminal (see server/home-peer/README.md), then start the service.';

/** Asks at `terminal` whether the other device shows the same code. */
const confirmAt =
  (terminal: Terminal): ConfirmCode =>
  async (code, signal) => {
    const answer = await terminal.ask(
      `Does your other device show ${formatCode(code)}? Type yes to confirm: `,
      signal,
    );
    return answer === null ? null : isYes(answer);
  };

/** The identity to run as: stored, or made by pairing now. Stores changed servers and name. */
async function resolveIdentity(
  config: HomePeerConfig,
  log: HomeLog,
  peerOpts: Record<string, unknown>,
): Promise<HomeIdentity> {
  const stored = readIdentity(config.dataDir);
  if (stored?.permissionsFixed) log('device.json was readable by others; made it owner-only');
  if (stored && config.invite) {
    throw new StartError(
      `${config.dataDir} already belongs to a paired home peer. Start it without --join or --invite-file, or pair into an empty directory.`,
    );
  }
  if (stored) {
    const { identity } = stored;
    const next: HomeIdentity = {
      ...identity,
      signaling: config.signaling.length ? config.signaling : identity.signaling,
      iceServers: config.iceServers ?? identity.iceServers,
      deviceName: config.name ?? identity.deviceName,
    };
    if (JSON.stringify(next) !== JSON.stringify(identity)) {
      writeIdentity(config.dataDir, next);
      log('stored the servers and name given on this start for later starts');
    }
    return next;
  }
  if (!config.invite) {
    throw new StartError(
      `${config.dataDir} holds no paired home peer yet. Pair it first: make an invite in the app (Settings → Your devices → Add a device), start with --join --signal <url> in a terminal, and paste the invite when asked.`,
    );
  }
  if (!config.signaling.length) {
    throw new StartError(
      'Pairing needs a signaling server: --signal wss://<your Mull server>/signal (or MULL_SIGNAL_URL).',
    );
  }
  // Before reading the invite: without a terminal it could not be used anyway.
  const terminal = openTerminal();
  if (!terminal) throw new StartError(NO_TERMINAL_MESSAGE);
  const deviceName = config.name ?? defaultName();
  let vaultSecret: Uint8Array;
  try {
    const invite = await readDeviceInvite(config.invite, { stdin: process.stdin, terminal });
    vaultSecret = await pairWithInvite({
      invite,
      name: deviceName,
      confirmCode: confirmAt(terminal),
      network: {
        signaling: config.signaling,
        iceServers: config.iceServers ?? [],
        iceTransportPolicy: config.iceTransportPolicy,
      },
      peerOpts,
      log,
    });
  } finally {
    terminal.close();
  }
  const identity: HomeIdentity = {
    vaultSecret,
    deviceId: crypto.randomUUID(),
    deviceName,
    pairedAt: new Date().toISOString(),
    signaling: config.signaling,
    iceServers: config.iceServers ?? [],
  };
  writeIdentity(config.dataDir, identity);
  log('pairing: approved; paired as one of your devices');
  return identity;
}

async function main(): Promise<number> {
  let config: HomePeerConfig;
  try {
    const parsed = parseHomePeerArgs(process.argv.slice(2), process.env);
    if (parsed.help) {
      console.log(USAGE);
      return 0;
    }
    config = parsed.config;
  } catch (err) {
    if (!(err instanceof HomePeerConfigError)) throw err;
    for (const problem of err.problems) console.error(`home-peer: ${problem}`);
    console.error('home-peer: run with --help for usage.');
    return 2;
  }

  const log = consoleLog;
  // Everything this process creates (store, WAL, identity) is owner-only.
  process.umask(0o077);
  // lib0's WebSocket client (y-webrtc's signaling) expects a browser-like global.
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  // Whoever reads our output may go away (a closed terminal, a test runner that died): a
  // write to a broken pipe must not become an error that is logged, which fails, and so on.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  // A peer must not be able to stop the home peer: y-webrtc leaves some promises unhandled
  // (a frame that does not decrypt). Logged by kind only — a message may quote peer bytes.
  const errors = errorBudget(log);
  process.on('unhandledRejection', (err) =>
    errors(`ignored a failed operation (${errorKind(err)})`),
  );
  process.on('uncaughtException', (err) => errors(`ignored an error (${errorKind(err)})`));
  // y-webrtc adds an `exit` listener per room; many rooms are expected, not a leak.
  process.setMaxListeners(config.maxRooms + 10);
  const peerOpts = { wrtc };

  let lock: DataDirLock | null = null;
  let store: DocStore | null = null;
  let peer: HomePeer | null = null;
  try {
    prepareDataDir(config.dataDir);
    lock = lockDataDir(config.dataDir);
    store = DocStore.open(join(config.dataDir, STORE_FILE));
    const identity = await resolveIdentity(config, log, peerOpts);
    if (!identity.signaling.length) {
      throw new StartError('No signaling server: give --signal <url> (or MULL_SIGNAL_URL).');
    }
    const network: Network = {
      signaling: identity.signaling,
      iceServers: identity.iceServers,
      iceTransportPolicy: config.iceTransportPolicy,
    };
    log(
      `starting: ${network.signaling.length} signaling, ${network.iceServers.length} ICE servers, policy ${network.iceTransportPolicy}`,
    );
    peer = await HomePeer.start({
      store,
      identity,
      network,
      peerOpts,
      log,
      maxRooms: config.maxRooms,
      statusIntervalMs: config.statusIntervalMs,
    });
  } catch (err) {
    const known =
      err instanceof StartError ||
      err instanceof DataDirError ||
      err instanceof IdentityError ||
      err instanceof InviteInputError ||
      err instanceof PairingError;
    console.error(
      `home-peer: ${known ? (err as Error).message : `could not start (${errorKind(err)})`}`,
    );
    if (!known) console.error(err);
    await peer?.stop();
    store?.close();
    lock?.release();
    return 1;
  }

  const running = { peer, store, lock };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`stopping (${signal})`);
      setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
      void running.peer
        .stop()
        .catch((err: unknown) => log(`stop: ${errorKind(err)}`))
        .finally(() => {
          running.store.close();
          running.lock.release();
          // wrtc keeps native threads; nothing is left to flush.
          process.exit(0);
        });
    });
  }
  return -1;
}

main().then(
  (code) => {
    // -1: running; the rooms and timers keep the process alive.
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error('home-peer: failed', err);
    process.exit(1);
  },
);
