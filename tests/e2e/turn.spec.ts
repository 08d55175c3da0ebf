/**
 * TURN for networks where peers cannot reach each other directly: coturn (the Debian package)
 * on loopback with long-term credentials, entered in Settings → Connection on both devices,
 * and both browsers held to relay-only ICE (`iceTransportPolicy: 'relay'`) — so the only way
 * their data channels can open is through coturn. They pair and sync anyway, and every open
 * connection's chosen candidate pair is a relayed one.
 *
 * The app has no switch for relay-only (PeerRoom takes `iceTransportPolicy`, SyncState does
 * not pass one), so an init script makes every RTCPeerConnection of the page relay-only, as
 * `iceTransportPolicy: 'relay'` in PeerRoom would, and keeps them for `getStats()`.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BrowserDevices,
  expectInJournal,
  pairBrowsers,
  writeEntry,
} from '../helpers/browser-devices';
import { freePort } from '../helpers/home-peer/redis-server';
import { expect, test } from './fixtures';

const TURNSERVER = (() => {
  const found = spawnSync('sh', ['-c', 'command -v turnserver'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
})();
const TURN_USER = 'mull';
const TURN_PASSWORD = 'relay-only-test';

interface Coturn {
  port: number;
  log(): string;
  stop(): Promise<void>;
}

/** coturn on 127.0.0.1 with one long-term user, as server/README.md's turnserver.conf. */
async function startCoturn(): Promise<Coturn> {
  const dir = mkdtempSync(join(tmpdir(), 'mull-coturn-'));
  const port = await freePort();
  // Relay ports from a range of their own; coturn skips any already taken.
  const minPort = 40_000 + Math.floor(Math.random() * 20_000);
  const logFile = join(dir, 'turn.log');
  writeFileSync(
    join(dir, 'turnserver.conf'),
    [
      'listening-ip=127.0.0.1',
      'relay-ip=127.0.0.1',
      `listening-port=${port}`,
      `min-port=${minPort}`,
      `max-port=${minPort + 100}`,
      'lt-cred-mech',
      `user=${TURN_USER}:${TURN_PASSWORD}`,
      'realm=mull.test',
      'fingerprint',
      // Only for this test: both relays are on loopback, so each is the other's peer.
      'allow-loopback-peers',
      'no-cli',
      'no-tls',
      'no-dtls',
      `log-file=${logFile}`,
      'simple-log',
      'verbose',
      `pidfile=${join(dir, 'turnserver.pid')}`,
      `userdb=${join(dir, 'turndb')}`,
    ].join('\n'),
  );
  const child: ChildProcess = spawn(TURNSERVER as string, ['-c', join(dir, 'turnserver.conf')], {
    stdio: 'ignore',
  });
  const log = (): string => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  await expect.poll(log, { timeout: 15_000 }).toContain('Relay ports initialization done');
  return {
    port,
    log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every RTCPeerConnection of the page is relay-only, and kept for inspection. */
async function forceRelayOnly(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const kept: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = kept;
    class RelayOnly extends Native {
      constructor(config: RTCConfiguration = {}) {
        super({ ...config, iceTransportPolicy: 'relay' });
        kept.push(this);
      }
    }
    window.RTCPeerConnection = RelayOnly;
  });
}

/** The local candidate types of the selected pair of every connected peer connection. */
function selectedCandidateTypes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const kept = (window as unknown as { __peerConnections: RTCPeerConnection[] })
      .__peerConnections;
    const types: string[] = [];
    for (const pc of kept) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => byId.set(s.id as string, s));
      for (const s of byId.values()) {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) continue;
        const pair = byId.get(s.selectedCandidatePairId as string);
        const local = pair && byId.get(pair.localCandidateId as string);
        const remote = pair && byId.get(pair.remoteCandidateId as string);
        types.push(`${local?.candidateType}/${remote?.candidateType}`);
      }
    }
    return types;
  });
}

/** Settings → Connection → Change servers: this TURN server with its user name and password. */
async function useTurnServer(page: Page, origin: string, turnUrl: string): Promise<void> {
  await page.goto(`${origin}/#/settings`);
  const section = page.getByRole('region', { name: 'Connection' });
  await section.getByRole('button', { name: 'Change servers' }).click();
  await section
    .getByRole('textbox', { name: /STUN or TURN servers/ })
    .fill(`${turnUrl} ${TURN_USER} ${TURN_PASSWORD}`);
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status')).toContainText('Saved');
}

const devices = new BrowserDevices();
let coturn: Coturn | null = null;

test.afterEach(async () => {
  await devices.closeAll();
  await coturn?.stop();
  coturn = null;
});

test('two browsers held to relay-only ICE pair and sync through coturn', async ({ baseURL }) => {
  test.skip(!TURNSERVER, 'coturn is not installed (apt-get install coturn; .ci/run does this)');
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  coturn = await startCoturn();
  const turnUrl = `turn:127.0.0.1:${coturn.port}?transport=udp`;

  const a = await devices.open('A');
  const b = await devices.open('B');
  for (const device of [a, b]) {
    await forceRelayOnly(device.page.context());
    await useTurnServer(device.page, base, turnUrl);
  }
  await writeEntry(a.page, base, 'Written on A, relayed by TURN.');

  await pairBrowsers(a.page, base, b.page);
  await expectInJournal(b.page, base, ['Written on A, relayed by TURN.']);
  await writeEntry(b.page, base, 'Written on B, back through the relay.');
  await expectInJournal(a.page, base, ['Written on B, back through the relay.']);

  // Every open connection goes through a relay at both ends…
  for (const device of [a, b]) {
    const types = await selectedCandidateTypes(device.page);
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['relay/relay']));
  }
  // …and coturn handed out the allocations and permissions for them.
  const log = coturn.log();
  expect(log).toMatch(/username=<mull>/);
  expect(log).toMatch(/ALLOCATE processed, success/);
  expect(log).toMatch(/CREATE_PERMISSION processed, success/);
});
