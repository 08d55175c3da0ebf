/**
 * The home peer pairs like any device, at a terminal: the invite pasted at its prompt, piped
 * in, or read from a file — never from argv — and the six-digit code confirmed there before
 * anything is adopted. Approved and confirmed, it stores the vault secret owner-only,
 * registers itself in the vault's devices list as a home peer, stamps when it last met a
 * device, and later starts need only --data. Told the codes differ, it adopts nothing and the
 * inviting device learns why.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIdentity } from '../../../server/home-peer/identity';
import { formatCode } from '../../../src/lib/sync/pair-code';
import { startSignalServer, type TestSignalServer } from '../server/support/signal-server';
import {
  CONFIRM_CODE,
  logLines,
  startHomePeer,
  startHomePeerInTerminal,
  startMullPeer,
  until,
  type HomePeerProcess,
  type MullPeer,
} from '../../helpers/home-peer/processes';

let server: TestSignalServer;
let dataDir: string;
const homePeers: HomePeerProcess[] = [];
const peers: MullPeer[] = [];

beforeEach(async () => {
  server = await startSignalServer();
  dataDir = mkdtempSync(join(tmpdir(), 'mull-home-pair-'));
});

afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.quit()));
  await Promise.all(homePeers.splice(0).map((h) => h.kill()));
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits for the code question and checks it shows the code the inviting device shows. */
async function expectSameCode(home: HomePeerProcess, inviter: MullPeer): Promise<string> {
  const shown = CONFIRM_CODE.exec(await home.waitFor(CONFIRM_CODE))?.[1];
  await until(() => inviter.request !== null, 20_000, 'request seen by the inviter');
  expect(shown).toBe(formatCode(inviter.request?.code ?? 'missing'));
  return inviter.request?.code ?? '';
}

describe('pairing the home peer', () => {
  it('takes the invite pasted at its prompt, pairs once the code is confirmed, and restarts with only --data', async () => {
    const inviter = await startMullPeer({ mode: 'invite', signaling: server.url });
    peers.push(inviter);
    const home = startHomePeerInTerminal(['--data', dataDir, '--join', '--signal', server.url]);
    homePeers.push(home);

    await home.waitFor(/Paste the invite link or code:/);
    home.type(inviter.code ?? '');
    const code = await expectSameCode(home, inviter);
    expect(inviter.request?.name).toBe(`Home peer (${hostname()})`.slice(0, 60));
    home.type('yes');
    await until(() => inviter.acknowledged === true, 20_000, 'grant acknowledged');
    await home.waitFor(/pairing: approved; paired as one of your devices/);
    await home.waitFor(/ready:/);

    const stored = readIdentity(dataDir);
    expect(stored?.identity.signaling).toEqual([server.url]);
    expect(statSync(join(dataDir, 'device.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'mull-home.sqlite')).mode & 0o077).toBe(0);

    // It shows up on the inviting device as a home peer, and stamps having met it.
    await until(
      () =>
        inviter.view.devices.some(
          (d) => d.kind === 'home-peer' && d.id === stored?.identity.deviceId && d.lastSeenAt,
        ),
      30_000,
      'home peer listed with lastSeenAt',
    );

    // Ctrl-C, as the README says once it is ready; then it runs with only --data.
    expect(await home.stop()).toBe(0);
    const again = startHomePeer(['--data', dataDir]);
    homePeers.push(again);
    await again.waitFor(/ready:/);
    await again.waitFor(/vault: 1 peer/, 40_000);

    // The log never names the invite, the code, the secret, a room or a device.
    const log = [...logLines(home), ...logLines(again)].join('\n');
    expect(log).not.toContain(inviter.code ?? 'missing');
    expect(log).not.toContain(code);
    expect(log).not.toContain(formatCode(code));
    expect(log).not.toContain(inviter.vaultSecret ?? 'missing');
    expect(log).not.toContain('mull-vault-');
    expect(log).not.toContain('mull-pair-');
    expect(log).not.toContain('Test inviter');
  }, 120_000);

  it('takes a piped invite and asks for the code at the controlling terminal', async () => {
    const inviter = await startMullPeer({ mode: 'invite', signaling: server.url });
    peers.push(inviter);
    const file = join(dataDir, '..', `${dataDir.split('/').pop()}-invite.txt`);
    writeFileSync(file, `${inviter.code}\n`, { mode: 0o600 });
    try {
      const home = startHomePeerInTerminal(
        ['--data', dataDir, '--join', '-', '--signal', server.url],
        { pipeFrom: file },
      );
      homePeers.push(home);
      await expectSameCode(home, inviter);
      // Nothing asked for the invite: it came through the pipe.
      expect(home.lines.join('\n')).not.toContain('Paste the invite');
      home.type('yes');
      await home.waitFor(/ready:/);
      await until(() => inviter.acknowledged === true, 20_000, 'grant acknowledged');
      expect(readIdentity(dataDir)?.identity.vaultSecret).toBeDefined();
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);

  it('adopts nothing when told the codes differ, and the inviting device learns so', async () => {
    const inviter = await startMullPeer({
      mode: 'invite',
      signaling: server.url,
      approve: 'when-told',
    });
    peers.push(inviter);
    const file = join(dataDir, '..', `${dataDir.split('/').pop()}-invite.txt`);
    writeFileSync(file, `${inviter.code}\n`, { mode: 0o600 });
    try {
      const home = startHomePeerInTerminal([
        '--data',
        dataDir,
        '--invite-file',
        file,
        '--signal',
        server.url,
      ]);
      homePeers.push(home);
      await expectSameCode(home, inviter);
      home.type('no');
      expect(await home.exited).toBe(1);
      expect(home.lines.join('\n')).toContain(
        'Nothing was shared. As the codes didn’t match, someone else may have seen the invite: make a new one on the other device.',
      );
      await until(() => inviter.closed === 'mismatch', 20_000, 'inviter told of the mismatch');
      expect(inviter.acknowledged).toBeNull();
      expect(existsSync(join(dataDir, 'device.json'))).toBe(false);
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});
