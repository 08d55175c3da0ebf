/**
 * The home peer's command line and environment, checked all at once: a wrong start names
 * every problem (the flag or variable, what it must be, what it got) instead of the first.
 *
 *   --data <dir>      MULL_HOME_DATA             where everything is kept (required)
 *   --join [-]                                   pair: read the invite from standard input
 *   --invite-file <path>                         pair: read the invite from a file
 *   --signal <url>    MULL_SIGNAL_URL            signaling server(s); repeat or separate with commas
 *   --name <name>     MULL_HOME_NAME             the name in the app's devices list
 *                     MULL_ICE_SERVERS           STUN/TURN servers, JSON (as VITE_MULL_ICE_SERVERS)
 *                     MULL_ICE_TRANSPORT_POLICY  all | relay (relay: TURN only)
 *                     MULL_HOME_MAX_ROOMS        rooms joined at most (vault + conversations), 64
 *                     MULL_HOME_STATUS_SECONDS   a status line this often, 600 (0: never)
 *
 * A flag wins over its variable. Nothing here touches the disk or the network.
 *
 * An invite is never taken from the command line itself: other people on the machine can read
 * a process's arguments (`ps`), and the shell keeps them in its history. Anything in argv that
 * looks like one is refused without being repeated; invite-input.ts reads it instead.
 */
import {
  isIceUrl,
  isSignalingUrl,
  MAX_DEVICE_NAME_LENGTH,
  MAX_ICE_SERVERS,
  MAX_SIGNALING_URLS,
} from '../../src/lib/vault';

/** An RTCIceServer as JSON: what MULL_ICE_SERVERS holds and `device.json` stores. */
export interface IceServerConfig {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** Where the invite to pair with comes from: standard input (a prompt or a pipe), or a file. */
export type InviteSource = { from: 'stdin' } | { from: 'file'; path: string };

export interface HomePeerConfig {
  dataDir: string;
  /** Where to read the invite to pair with, or null (already paired). */
  invite: InviteSource | null;
  /** Signaling servers given now; empty: the ones stored at pairing. */
  signaling: string[];
  /** ICE servers given now; null: the ones stored at pairing. */
  iceServers: IceServerConfig[] | null;
  iceTransportPolicy: RTCIceTransportPolicy;
  /** The device name given now; null: stored, or "Home peer (<hostname>)" at pairing. */
  name: string | null;
  maxRooms: number;
  statusIntervalMs: number;
}

export type ParsedArgs = { help: true } | { help: false; config: HomePeerConfig };

/**
 * The signaling server closes a connection holding more topics than its SIGNAL_MAX_TOPICS
 * (64 by default), and y-webrtc puts every room of a process on one connection per server.
 */
export const DEFAULT_MAX_ROOMS = 64;
export const DEFAULT_STATUS_SECONDS = 600;

export const USAGE = `Mull home peer: keeps your journal and conversations online, on a machine you own.

  npm run home-peer -- --data <dir> --join --signal <wss://…/signal>   first start: pair
  npm run home-peer -- --data <dir>                                   every start after

  --data <dir>          where the home peer keeps everything (MULL_HOME_DATA)
  --join                pair with a device invite (Settings → Your devices → Add a device):
                        paste the link or code when asked, or pipe it in with --join -
  --invite-file <path>  pair with the invite in this file instead
  --signal <url>        signaling server, ws:// or wss:// (MULL_SIGNAL_URL; several: repeat or commas)
  --name <name>         its name in your devices list (MULL_HOME_NAME; default "Home peer (<host>)")
  --help                this text

Pairing shows a six-digit code: type yes only if your other device shows the same one.

Environment: MULL_ICE_SERVERS (JSON list of {urls, username, credential}),
MULL_ICE_TRANSPORT_POLICY (all | relay), MULL_HOME_MAX_ROOMS (${DEFAULT_MAX_ROOMS}),
MULL_HOME_STATUS_SECONDS (${DEFAULT_STATUS_SECONDS}; 0 turns the status line off).
See server/home-peer/README.md.`;

export class HomePeerConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'HomePeerConfigError';
    this.problems = problems;
  }
}

export function isIceServer(value: unknown): value is IceServerConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { urls, username, credential } = value as Record<string, unknown>;
  const urlsOk = Array.isArray(urls) ? urls.length > 0 && urls.every(isIceUrl) : isIceUrl(urls);
  return (
    urlsOk &&
    (username === undefined || (typeof username === 'string' && username.length <= 200)) &&
    (credential === undefined || (typeof credential === 'string' && credential.length <= 500))
  );
}

const FLAGS = ['data', 'join', 'invite-file', 'signal', 'name'] as const;
type Flag = (typeof FLAGS)[number];

const isFlag = (name: string): name is Flag => (FLAGS as readonly string[]).includes(name);

const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `--join` alone, or `--join -`: the invite comes on standard input. */
const STDIN = '-';

export const INVITE_IN_ARGV_MESSAGE =
  'An invite can’t be given on the command line: other people on this machine could see it in the list of running programs, and it would stay in your shell history. Nothing was sent. Start with --join and paste it when asked, pipe it in (… | npm run home-peer -- --data <dir> --join -), or save it in a file and give --invite-file <path>.';

const JOIN_TAKES_NO_VALUE =
  '--join takes no value: it reads the invite from standard input (paste it when asked, or pipe it in with --join -).';

/**
 * A join link, or a code (`d.` or `c.` and base64url, perhaps cut off, perhaps in quotes):
 * never repeated in a message.
 */
export function looksLikeInvite(text: string): boolean {
  return (
    text.includes('#/join/') ||
    /^[\s"'`<([]*[dc]\.[A-Za-z0-9_-]{20,}[\s"'`>)\].,;:!?]*$/i.test(text)
  );
}

/** Reads argv (without node and the script) and the environment; throws `HomePeerConfigError`. */
export function parseHomePeerArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ParsedArgs {
  const problems: string[] = [];
  const given: Partial<Record<Flag, string[]>> = {};
  let inviteInArgv = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!arg.startsWith('--')) {
      if (looksLikeInvite(arg)) inviteInArgv = true;
      else problems.push(`Unexpected argument "${arg}": every option is a --flag (see --help).`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const next = argv[i + 1];
    const nextIsValue = eq === -1 && next !== undefined && !next.startsWith('--');
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (nextIsValue) value = argv[++i];
    // Where an invite might be put by mistake (not --data, --name or --signal, whose values
    // may well start with "d." or "c.").
    const mayBeInvite = !isFlag(name) || name === 'join' || name === 'invite-file';
    if (mayBeInvite && value !== undefined && looksLikeInvite(value)) {
      inviteInArgv = true;
      if (isFlag(name)) continue;
    }
    if (!isFlag(name)) {
      problems.push(`Unknown option --${name} (see --help).`);
      continue;
    }
    if (name === 'join') {
      if (value === undefined || value === STDIN) (given.join ??= []).push(STDIN);
      // Not repeated either: it may be a mangled invite.
      else problems.push(JOIN_TAKES_NO_VALUE);
      continue;
    }
    if (value === undefined || value === '') {
      problems.push(`--${name} needs a value.`);
      continue;
    }
    (given[name] ??= []).push(value);
  }
  if (inviteInArgv) problems.push(INVITE_IN_ARGV_MESSAGE);
  for (const name of ['data', 'join', 'invite-file', 'name'] as const) {
    if ((given[name]?.length ?? 0) > 1) problems.push(`--${name} may be given once.`);
  }

  const dataDir = given.data?.[0] ?? env.MULL_HOME_DATA?.trim() ?? '';
  if (!dataDir)
    problems.push('--data <dir> (or MULL_HOME_DATA) is required: where to keep things.');

  let invite: InviteSource | null = null;
  const inviteFile = given['invite-file']?.[0];
  if (given.join && inviteFile !== undefined) {
    problems.push('Give the invite one way: --join (standard input) or --invite-file, not both.');
  } else if (given.join) invite = { from: 'stdin' };
  else if (inviteFile !== undefined) invite = { from: 'file', path: inviteFile };

  const signaling = given.signal
    ? given.signal.flatMap(splitList)
    : splitList(env.MULL_SIGNAL_URL ?? '');
  const source = given.signal ? '--signal' : 'MULL_SIGNAL_URL';
  for (const url of signaling) {
    if (!isSignalingUrl(url)) problems.push(`${source}: "${url}" is not a ws:// or wss:// URL.`);
  }
  if (signaling.length > MAX_SIGNALING_URLS) {
    problems.push(
      `${source}: at most ${MAX_SIGNALING_URLS} signaling servers, got ${signaling.length}.`,
    );
  }

  let iceServers: IceServerConfig[] | null = null;
  const iceText = env.MULL_ICE_SERVERS?.trim();
  if (iceText) {
    let raw: unknown;
    try {
      raw = JSON.parse(iceText);
    } catch {
      problems.push(
        'MULL_ICE_SERVERS must be JSON, e.g. [{"urls":"turn:turn.example:3478","username":"u","credential":"p"}].',
      );
    }
    if (raw !== undefined) {
      if (!Array.isArray(raw) || raw.length > MAX_ICE_SERVERS) {
        problems.push(
          `MULL_ICE_SERVERS must be a JSON list of at most ${MAX_ICE_SERVERS} servers.`,
        );
      } else {
        raw.forEach((server, index) => {
          if (!isIceServer(server)) {
            problems.push(
              `MULL_ICE_SERVERS[${index}] must be {"urls": "stun:…" | "turn:…" | "turns:…", "username"?, "credential"?}.`,
            );
          }
        });
        iceServers = raw as IceServerConfig[];
      }
    }
  }

  const policy = env.MULL_ICE_TRANSPORT_POLICY?.trim() || 'all';
  if (policy !== 'all' && policy !== 'relay') {
    problems.push(`MULL_ICE_TRANSPORT_POLICY must be "all" or "relay", got "${policy}".`);
  }

  const nameText = given.name?.[0] ?? env.MULL_HOME_NAME;
  const name = nameText?.replace(/\s+/g, ' ').trim() || null;
  if (nameText !== undefined && !name) problems.push('--name / MULL_HOME_NAME must not be blank.');
  if (name && name.length > MAX_DEVICE_NAME_LENGTH) {
    problems.push(`--name / MULL_HOME_NAME: at most ${MAX_DEVICE_NAME_LENGTH} characters.`);
  }

  const maxRooms = integerVar(env, 'MULL_HOME_MAX_ROOMS', DEFAULT_MAX_ROOMS, 1, 1000, problems);
  const statusSeconds = integerVar(
    env,
    'MULL_HOME_STATUS_SECONDS',
    DEFAULT_STATUS_SECONDS,
    0,
    86_400,
    problems,
  );

  if (problems.length) throw new HomePeerConfigError(problems);
  return {
    help: false,
    config: {
      dataDir,
      invite,
      signaling,
      iceServers,
      iceTransportPolicy: policy as RTCIceTransportPolicy,
      name,
      maxRooms,
      statusIntervalMs: statusSeconds * 1000,
    },
  };
}

function integerVar(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${text}".`);
    return fallback;
  }
  return value;
}
