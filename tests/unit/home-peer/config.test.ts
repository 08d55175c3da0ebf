/**
 * The home peer's arguments and environment: what a good start looks like, and a clear
 * message — naming the flag or variable — for every kind of mistake, all at once. An invite on
 * the command line is refused without being repeated.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_ROOMS,
  DEFAULT_STATUS_SECONDS,
  HomePeerConfigError,
  INVITE_IN_ARGV_MESSAGE,
  looksLikeInvite,
  parseHomePeerArgs,
  type HomePeerConfig,
} from '../../../server/home-peer/config';
import { createInvite, encodeInvite, inviteLink } from '../../../src/lib/keys';
import { createInviterKeys } from '../../../src/lib/sync/pair-crypto';

const NOW = new Date('2026-03-01T14:00:00Z');
const keyHash = (await createInviterKeys()).keyHash;

function parse(argv: string[], env: Record<string, string> = {}): HomePeerConfig {
  const parsed = parseHomePeerArgs(argv, env);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.config;
}

function problems(argv: string[], env: Record<string, string> = {}): string[] {
  try {
    parseHomePeerArgs(argv, env);
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

  it('pairs with the invite from standard input (--join, --join -) or from --invite-file', () => {
    for (const argv of [['--join'], ['--join', '-'], ['--join=-'], ['--join', '--name', 'n']]) {
      expect(parse(['--data', '/d', ...argv]).invite).toEqual({ from: 'stdin' });
    }
    expect(parse(['--data', '/d', '--invite-file', '/run/invite.txt']).invite).toEqual({
      from: 'file',
      path: '/run/invite.txt',
    });
    expect(problems(['--data', '/d', '--join', '--invite-file', '/i'])).toEqual([
      'Give the invite one way: --join (standard input) or --invite-file, not both.',
    ]);
    expect(problems(['--data', '/d', '--join', '--join'])).toEqual(['--join may be given once.']);
  });

  it('refuses an invite anywhere on the command line, saying how to give it and never repeating it', () => {
    const invite = createInvite('device', keyHash, NOW);
    const code = encodeInvite(invite);
    const link = inviteLink('https://mull.example', invite);
    const body = code.slice(2);
    const contact = encodeInvite(createInvite('contact', keyHash, NOW));
    for (const argv of [
      ['--join', code],
      ['--join', link],
      [`--join=${code}`],
      ['--join', contact],
      ['--join', code.slice(0, 30)], // cut off: still not repeated
      [code],
      [`"${link}"`],
      ['--invite-file', code],
      ['--invite', code],
    ]) {
      let found: string[] = [];
      try {
        parseHomePeerArgs(['--data', '/d', ...argv], {});
      } catch (err) {
        found = (err as HomePeerConfigError).problems;
      }
      expect(found).toContain(INVITE_IN_ARGV_MESSAGE);
      expect(found.join('\n')).not.toContain(body.slice(0, 12));
      expect(found.join('\n')).not.toContain('mull.example');
    }
    expect(INVITE_IN_ARGV_MESSAGE).toMatch(/--join and paste it when asked/);
    expect(INVITE_IN_ARGV_MESSAGE).toMatch(/--join -/);
    expect(INVITE_IN_ARGV_MESSAGE).toMatch(/--invite-file <path>/);
    expect(problems(['--data', '/d', '--join', 'later'])).toEqual([
      expect.stringMatching(/^--join takes no value: it reads the invite from standard input/),
    ]);
  });

  it('does not mistake an ordinary folder, name or file for an invite', () => {
    for (const text of ['d.mull', 'c.invite-for-the-home-peer.txt', '/var/lib/d.mull', 'data']) {
      expect(looksLikeInvite(text)).toBe(false);
    }
    expect(parse(['--data', 'd.mull-home-peer-data-2026', '--name', 'c.attic']).dataDir).toBe(
      'd.mull-home-peer-data-2026',
    );
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
