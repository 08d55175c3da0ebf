/**
 * The home peer's arguments and environment: what a good start looks like, and a clear
 * message — naming the flag or variable — for every kind of mistake, all at once.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_ROOMS,
  DEFAULT_STATUS_SECONDS,
  HomePeerConfigError,
  parseHomePeerArgs,
  type HomePeerConfig,
} from '../../../server/home-peer/config';
import { createInvite, encodeInvite, INVITE_TTL_MS, inviteLink } from '../../../src/lib/keys';

const NOW = new Date('2026-03-01T14:00:00Z');

function parse(argv: string[], env: Record<string, string> = {}): HomePeerConfig {
  const parsed = parseHomePeerArgs(argv, env, NOW);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.config;
}

function problems(argv: string[], env: Record<string, string> = {}): string[] {
  try {
    parseHomePeerArgs(argv, env, NOW);
  } catch (err) {
    if (err instanceof HomePeerConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a HomePeerConfigError');
}

describe('parseHomePeerArgs', () => {
  it('needs only --data after pairing, with sensible defaults', () => {
    expect(parse(['--data', '/var/lib/mull'])).toEqual({
      dataDir: '/var/lib/mull',
      invite: null,
      signaling: [],
      iceServers: null,
      iceTransportPolicy: 'all',
      name: null,
      maxRooms: DEFAULT_MAX_ROOMS,
      statusIntervalMs: DEFAULT_STATUS_SECONDS * 1000,
    });
  });

  it('takes --flag=value as well as --flag value, and asks for --help', () => {
    expect(parse(['--data=/d', '--signal=ws://a/signal']).signaling).toEqual(['ws://a/signal']);
    expect(parseHomePeerArgs(['--data', '/d', '--help'], {})).toEqual({ help: true });
    expect(parseHomePeerArgs(['-h'], {})).toEqual({ help: true });
  });

  it('reads a device invite as a code or as a whole link', () => {
    const invite = createInvite('device', NOW);
    for (const text of [encodeInvite(invite), inviteLink('https://mull.example', invite)]) {
      const config = parse([
        '--data',
        '/d',
        '--join',
        text,
        '--signal',
        'wss://mull.example/signal',
      ]);
      expect(config.invite?.secret).toEqual(invite.secret);
      expect(config.invite?.kind).toBe('device');
    }
  });

  it('refuses a contact invite, an expired one and a typo, each with its own message', () => {
    const contact = encodeInvite(createInvite('contact', NOW));
    expect(problems(['--data', '/d', '--join', contact])).toEqual([
      expect.stringMatching(/^--join: this is an invite to talk with someone/),
    ]);
    const old = encodeInvite(
      createInvite('device', new Date(NOW.getTime() - INVITE_TTL_MS - 1000)),
    );
    expect(problems(['--data', '/d', '--join', old])).toEqual([
      expect.stringMatching(/^--join: .*expired/),
    ]);
    const code = encodeInvite(createInvite('device', NOW));
    const typo = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
    expect(problems(['--data', '/d', '--join', typo])).toEqual([
      expect.stringMatching(/^--join: /),
    ]);
  });

  it('takes signaling servers from repeated flags, commas, or MULL_SIGNAL_URL; a flag wins', () => {
    expect(
      parse(['--data', '/d', '--signal', 'ws://a/s,wss://b/s', '--signal', 'ws://c/s']).signaling,
    ).toEqual(['ws://a/s', 'wss://b/s', 'ws://c/s']);
    expect(
      parse(['--data', '/d'], { MULL_SIGNAL_URL: 'wss://x/signal, wss://y/signal' }).signaling,
    ).toEqual(['wss://x/signal', 'wss://y/signal']);
    expect(
      parse(['--data', '/d', '--signal', 'ws://flag/s'], { MULL_SIGNAL_URL: 'ws://env/s' })
        .signaling,
    ).toEqual(['ws://flag/s']);
  });

  it('reads data, name, ICE servers, policy and limits from the environment', () => {
    const config = parse([], {
      MULL_HOME_DATA: '/srv/mull',
      MULL_HOME_NAME: '  Attic   NAS ',
      MULL_ICE_SERVERS: JSON.stringify([
        { urls: 'stun:stun.example:3478' },
        {
          urls: ['turn:turn.example:3478', 'turns:turn.example:5349'],
          username: 'u',
          credential: 'p',
        },
      ]),
      MULL_ICE_TRANSPORT_POLICY: 'relay',
      MULL_HOME_MAX_ROOMS: '10',
      MULL_HOME_STATUS_SECONDS: '0',
    });
    expect(config).toMatchObject({
      dataDir: '/srv/mull',
      name: 'Attic NAS',
      iceTransportPolicy: 'relay',
      maxRooms: 10,
      statusIntervalMs: 0,
    });
    expect(config.iceServers).toHaveLength(2);
  });

  it('names every problem at once', () => {
    const found = problems(['stray', '--bogus', 'x', '--signal', 'http://not-ws', '--name'], {
      MULL_ICE_SERVERS: '{nope',
      MULL_ICE_TRANSPORT_POLICY: 'sometimes',
      MULL_HOME_MAX_ROOMS: '0',
      MULL_HOME_STATUS_SECONDS: 'often',
    });
    expect(found).toEqual([
      'Unexpected argument "stray": every option is a --flag (see --help).',
      'Unknown option --bogus (see --help).',
      '--name needs a value.',
      '--data <dir> (or MULL_HOME_DATA) is required: where to keep things.',
      '--signal: "http://not-ws" is not a ws:// or wss:// URL.',
      expect.stringMatching(/^MULL_ICE_SERVERS must be JSON/),
      'MULL_ICE_TRANSPORT_POLICY must be "all" or "relay", got "sometimes".',
      'MULL_HOME_MAX_ROOMS must be a whole number from 1 to 1000, got "0".',
      'MULL_HOME_STATUS_SECONDS must be a whole number from 0 to 86400, got "often".',
    ]);
  });

  it('checks each ICE server and the number of servers', () => {
    expect(
      problems(['--data', '/d'], {
        MULL_ICE_SERVERS: JSON.stringify([{ urls: 'turn:ok:3478' }, { urls: 'http://x' }, 'x']),
      }),
    ).toEqual([
      expect.stringMatching(/^MULL_ICE_SERVERS\[1\] must be/),
      expect.stringMatching(/^MULL_ICE_SERVERS\[2\] must be/),
    ]);
    expect(
      problems(['--data', '/d'], { MULL_ICE_SERVERS: JSON.stringify({ urls: 'stun:x' }) }),
    ).toEqual([expect.stringMatching(/must be a JSON list/)]);
    const six = Array.from({ length: 6 }, (_, i) => `ws://s${i}/signal`).join(',');
    expect(problems(['--data', '/d', '--signal', six])).toEqual([
      '--signal: at most 5 signaling servers, got 6.',
    ]);
  });

  it('refuses a flag given twice where one is meant, and a blank or too long name', () => {
    expect(problems(['--data', '/a', '--data', '/b'])).toEqual(['--data may be given once.']);
    expect(problems(['--data', '/d'], { MULL_HOME_NAME: '   ' })).toEqual([
      '--name / MULL_HOME_NAME must not be blank.',
    ]);
    expect(problems(['--data', '/d', '--name', 'n'.repeat(61)])).toEqual([
      '--name / MULL_HOME_NAME: at most 60 characters.',
    ]);
  });
});
