/**
 * The CLI's refusals, as a person meets them: wrong arguments exit 2 with every problem
 * named; a start that cannot work exits 1 with a sentence that says what to do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvite, createSecret, encodeInvite } from '../../../src/lib/keys';
import { startHomePeer } from '../../helpers/home-peer/processes';
import { seedDataDir } from '../../helpers/home-peer/stored-doc';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mull-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  const proc = startHomePeer(args, env);
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
    expect(output).toMatch(/holds no paired home peer yet.*--join <invite>/);
  }, 20_000);

  it('asks for a signaling server to pair with', async () => {
    const invite = encodeInvite(createInvite('device'));
    const { code, output } = await run(['--data', dir, '--join', invite], { MULL_SIGNAL_URL: '' });
    expect(code).toBe(1);
    expect(output).toContain('Pairing needs a signaling server');
  }, 20_000);

  it('refuses to pair a data directory that is already paired', async () => {
    await seedDataDir(dir, {
      vaultSecret: createSecret(),
      deviceId: 'd',
      deviceName: 'Home peer (t)',
      pairedAt: new Date().toISOString(),
      signaling: ['ws://127.0.0.1:9/signal'],
      iceServers: [],
    });
    const invite = encodeInvite(createInvite('device'));
    const { code, output } = await run(['--data', dir, '--join', invite]);
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
