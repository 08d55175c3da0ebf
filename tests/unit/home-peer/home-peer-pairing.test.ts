/**
 * The home peer pairs like any device: a device invite, approved on the inviting device, hands
 * it the vault secret; it stores that owner-only, registers itself in the vault's devices list
 * as a home peer, stamps when it last met a device, and later starts need only --data.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIdentity } from '../../../server/home-peer/identity';
import { startSignalServer, type TestSignalServer } from '../server/support/signal-server';
import {
  startHomePeer,
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

describe('pairing the home peer', () => {
  it('joins with a device invite, registers as a home peer, and restarts with only --data', async () => {
    const inviter = await startMullPeer({ mode: 'invite', signaling: server.url });
    peers.push(inviter);
    const home = startHomePeer([
      '--data',
      dataDir,
      '--join',
      inviter.code ?? '',
      '--signal',
      server.url,
    ]);
    homePeers.push(home);

    const codeLine = await home.waitFor(/pairing: check code \d{4}/);
    await until(() => inviter.request !== null, 20_000, 'request seen by the inviter');
    expect(inviter.request?.name).toBe(`Home peer (${hostname()})`.slice(0, 60));
    expect(codeLine).toContain(inviter.request?.checkCode ?? 'missing');
    await until(() => inviter.acknowledged === true, 20_000, 'grant acknowledged');
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

    await home.stop();
    const again = startHomePeer(['--data', dataDir]);
    homePeers.push(again);
    await again.waitFor(/ready:/);
    await again.waitFor(/vault: 1 peer/, 40_000);

    // The log never names the invite, the secret, a room or a device.
    const log = [...home.lines, ...again.lines].join('\n');
    expect(log).not.toContain(inviter.code ?? 'missing');
    expect(log).not.toContain(inviter.vaultSecret ?? 'missing');
    expect(log).not.toContain('mull-vault-');
    expect(log).not.toContain('mull-pair-');
    expect(log).not.toContain('Test inviter');
  }, 120_000);
});
