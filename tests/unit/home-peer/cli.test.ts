/**
 * The CLI's refusals, as a person meets them: wrong arguments exit 2 with every problem
 * named; a start that cannot work exits 1 with a sentence that says what to do. An invite on
 * the command line is refused and never repeated; pairing without a terminal, where nobody
 * could confirm the code, is refused before the invite is read.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvite, createSecret, encodeInvite, inviteLink } from '../../../src/lib/keys';
import { createInviterKeys } from '../../../src/lib/sync/pair-crypto';
import { startHomePeer } from '../../helpers/home-peer/processes';
import { seedDataDir } from '../../helpers/home-peer/stored-doc';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mull-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A device invite as the app makes one, pinned to a fresh inviter key. */
const deviceCode = async (): Promise<string> =>
  encodeInvite(createInvite('device', (await createInviterKeys()).keyHash));

async function run(args: string[], env: Record<string, string> = {}, stdin?: string) {
  const proc = startHomePeer(args, env, { stdin });
  const code = await proc.exited;
  return { code, output: proc.lines.join('\n') };
}

describe('home peer CLI', () => {
  it('prints usage for --help', async () => {
    const { code, output } = await run(['--help']);
    expect(code).toBe(0);
    expect(output).toContain('--data <dir>');
    expect(output).toContain('MULL_ICE_SERVERS');
  }, 20_000);

  it('exits 2 naming every wrong argument', async () => {
    const { code, output } = await run(['--signal', 'http://x', '--nope'], {
      MULL_HOME_DATA: '',
    });
    expect(code).toBe(2);
    expect(output).toContain('Unknown option --nope');
    expect(output).toContain('--data <dir> (or MULL_HOME_DATA) is required');
    expect(output).toContain('"http://x" is not a ws:// or wss:// URL');
    expect(output).toContain('--help');
  }, 20_000);

  it('exits 1 with the next step when the data directory is not paired yet', async () => {
    const { code, output } = await run(['--data', dir]);
    expect(code).toBe(1);
    expect(output).toMatch(/holds no paired home peer yet.*start with --join --signal <url>/);
    expect(output).toContain('paste the invite when asked');
  }, 20_000);

  it('refuses an invite given on the command line, says how to give it, and never repeats it', async () => {
    const invite = createInvite('device', (await createInviterKeys()).keyHash);
    const code = encodeInvite(invite);
    for (const args of [
      ['--join', code],
      ['--join', inviteLink('https://mull.example', invite)],
      [code],
    ]) {
      const { code: exit, output } = await run(['--data', dir, ...args, '--signal', 'ws://x/s']);
      expect(exit).toBe(2);
      expect(output).toContain('An invite can’t be given on the command line');
      expect(output).toContain('--invite-file <path>');
      expect(output).not.toContain(code.slice(2, 20));
      expect(output).not.toContain('mull.example');
    }
    expect(existsSync(join(dir, 'device.json'))).toBe(false);
  }, 40_000);

  it('asks for a signaling server to pair with', async () => {
    const { code, output } = await run(['--data', dir, '--join'], { MULL_SIGNAL_URL: '' });
    expect(code).toBe(1);
    expect(output).toContain('Pairing needs a signaling server');
  }, 20_000);

  it('refuses to pair without a terminal, where nobody could confirm the code', async () => {
    const invite = await deviceCode();
    const signal = ['--signal', 'ws://127.0.0.1:9/signal'];
    const file = join(dir, 'invite.txt');
    writeFileSync(file, `${invite}\n`);
    for (const [args, stdin] of [
      [['--join', '-'], `${invite}\n`],
      [['--invite-file', file], undefined],
    ] as const) {
      const { code, output } = await run(['--data', dir, ...args, ...signal], {}, stdin);
      expect(code).toBe(1);
      expect(output).toContain('Pairing needs you at a terminal');
      expect(output).toContain('nothing was sent');
      expect(output).not.toContain(invite.slice(2, 20));
      expect(output).not.toMatch(/pairing: waiting/);
    }
    expect(existsSync(join(dir, 'device.json'))).toBe(false);
  }, 40_000);

  it('refuses to pair a data directory that is already paired', async () => {
    await seedDataDir(dir, {
      vaultSecret: createSecret(),
      deviceId: 'd',
      deviceName: 'Home peer (t)',
      pairedAt: new Date().toISOString(),
      signaling: ['ws://127.0.0.1:9/signal'],
      iceServers: [],
    });
    const { code, output } = await run(['--data', dir, '--join'], {}, `${await deviceCode()}\n`);
    expect(code).toBe(1);
    expect(output).toContain('already belongs to a paired home peer');
  }, 20_000);

  it('refuses a second home peer on the same data directory', async () => {
    await seedDataDir(dir, {
      vaultSecret: createSecret(),
      deviceId: 'd',
      deviceName: 'Home peer (t)',
      pairedAt: new Date().toISOString(),
      // Nothing listens there: the first one keeps retrying, which is all this test needs.
      signaling: ['ws://127.0.0.1:9/signal'],
      iceServers: [],
    });
    const first = startHomePeer(['--data', dir]);
    try {
      await first.waitFor(/ready:/);
      const { code, output } = await run(['--data', dir]);
      expect(code).toBe(1);
      expect(output).toContain('Another home peer is already running');
    } finally {
      await first.kill();
    }
  }, 30_000);
});
