/**
 * Every limit of the signaling server, in one place, each from an environment variable.
 *
 * The defaults are sized for y-webrtc clients: one connection per browser tab and signaling
 * URL, one topic per room (a Mull person has a vault room, a room per conversation and a short-
 * lived pairing room), and bursts of WebRTC offers, answers and ICE candidates when a device
 * comes online and meets its peers.
 */

export interface SignalConfig {
  /** Largest WebSocket message accepted, in bytes; a bigger one closes the connection (1009). */
  maxFrameBytes: number;
  /** Topics one connection may be subscribed to at once (and may name in one frame). */
  maxTopicsPerConn: number;
  /** Longest topic name, in characters. Mull's room names are about 35. */
  maxTopicLength: number;
  /** Sustained frames per second per connection (token bucket refill rate). */
  maxMsgsPerSec: number;
  /** Frames a connection may send at once before the rate applies (token bucket size). */
  msgBurst: number;
  /** Open connections from one address (an IPv6 /64 counts as one address). */
  maxConnsPerIp: number;
  /** Open connections in total; beyond this new ones get 503. */
  maxConns: number;
  /** A connection that sends nothing and answers no ping for this long is dropped. */
  idleTimeoutMs: number;
  /** Bytes queued for a client that does not read; beyond this it is dropped (slow consumer). */
  maxBufferedBytes: number;
  /** Take the client address from the last X-Forwarded-For entry (behind one trusted proxy). */
  trustProxy: boolean;
}

type NumberKey = Exclude<keyof SignalConfig, 'trustProxy'>;

interface NumberSetting {
  env: string;
  min: number;
  max: number;
  fallback: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * The environment variable, allowed range and default of each numeric limit.
 *
 * MSG_BURST: a device coming online sends a subscribe and an announce per room, then an
 * answer and a handful of ICE candidates per peer, all within a second or two; 200 covers a
 * person with a few devices and a dozen conversations, while 50/s keeps a flood cheap.
 */
export const SIGNAL_SETTINGS: Readonly<Record<NumberKey, NumberSetting>> = {
  maxFrameBytes: { env: 'SIGNAL_MAX_FRAME_BYTES', min: 1 * KIB, max: 16 * MIB, fallback: 64 * KIB },
  maxTopicsPerConn: { env: 'SIGNAL_MAX_TOPICS', min: 1, max: 100_000, fallback: 64 },
  maxTopicLength: { env: 'SIGNAL_MAX_TOPIC_LENGTH', min: 1, max: 64 * KIB, fallback: 256 },
  maxMsgsPerSec: { env: 'SIGNAL_MAX_MSGS_PER_SEC', min: 1, max: 1_000_000, fallback: 50 },
  msgBurst: { env: 'SIGNAL_MSG_BURST', min: 1, max: 1_000_000, fallback: 200 },
  maxConnsPerIp: { env: 'SIGNAL_MAX_CONNS_PER_IP', min: 1, max: 1_000_000, fallback: 64 },
  maxConns: { env: 'SIGNAL_MAX_CONNS', min: 1, max: 1_000_000, fallback: 10_000 },
  // y-webrtc clients ping every 15 s and browsers answer protocol pings by themselves, so a
  // live client is never quiet for a minute.
  idleTimeoutMs: { env: 'SIGNAL_IDLE_TIMEOUT_MS', min: 20, max: 3_600_000, fallback: 60_000 },
  maxBufferedBytes: {
    env: 'SIGNAL_MAX_BUFFERED_BYTES',
    min: 1 * KIB,
    max: 1024 * MIB,
    fallback: 1 * MIB,
  },
};

export const TRUST_PROXY_ENV = 'SIGNAL_TRUST_PROXY';

export const DEFAULT_SIGNAL_CONFIG: Readonly<SignalConfig> = Object.freeze({
  ...(Object.fromEntries(
    Object.entries(SIGNAL_SETTINGS).map(([key, setting]) => [key, setting.fallback]),
  ) as Record<NumberKey, number>),
  trustProxy: false,
});

export class SignalConfigError extends Error {
  override name = 'SignalConfigError';
}

const INTEGER = /^\d+$/;

/**
 * Reads the limits from `env` (usually `process.env`); unset or empty variables take their
 * default. Throws a SignalConfigError naming every variable that is wrong, and why.
 */
export function parseSignalConfig(env: Record<string, string | undefined>): SignalConfig {
  const problems: string[] = [];
  const config: SignalConfig = { ...DEFAULT_SIGNAL_CONFIG };
  for (const [key, { env: name, min, max }] of Object.entries(SIGNAL_SETTINGS)) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = INTEGER.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${env[name]}"`);
      continue;
    }
    config[key as NumberKey] = value;
  }
  const trust = env[TRUST_PROXY_ENV]?.trim().toLowerCase();
  if (trust !== undefined && trust !== '') {
    if (['1', 'true', 'yes'].includes(trust)) config.trustProxy = true;
    else if (['0', 'false', 'no'].includes(trust)) config.trustProxy = false;
    else problems.push(`${TRUST_PROXY_ENV} must be 1 or 0, got "${env[TRUST_PROXY_ENV]}"`);
  }
  if (problems.length > 0) throw new SignalConfigError(problems.join('; '));
  return config;
}
