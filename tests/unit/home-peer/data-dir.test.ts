/**
 * What the data directory holds and guards: the identity file (owner-only, atomic, checked on
 * read) and the lock that keeps a second home peer off the same store.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirError, lockDataDir, prepareDataDir } from '../../../server/home-peer/data-dir';
import {
  IDENTITY_FILE,
  IdentityError,
  readIdentity,
  writeIdentity,
  type HomeIdentity,
} from '../../../server/home-peer/identity';
import { createSecret, encodeSecret } from '../../../src/lib/keys';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mull-datadir-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const identity = (): HomeIdentity => ({
  vaultSecret: createSecret(),
  deviceId: 'd1',
  deviceName: 'Home peer (nas)',
  pairedAt: '2026-03-01T14:00:00.000Z',
  signaling: ['wss://mull.example/signal'],
  iceServers: [{ urls: 'turn:turn.example:3478', username: 'u', credential: 'p' }],
});

describe('identity file', () => {
  it('round-trips, owner-only', () => {
    const written = identity();
    writeIdentity(dir, written);
    expect(statSync(join(dir, IDENTITY_FILE)).mode & 0o777).toBe(0o600);
    expect(readIdentity(dir)).toEqual({ identity: written, permissionsFixed: false });
  });

  it('is absent before pairing', () => {
    expect(readIdentity(dir)).toBeNull();
  });

  it('makes a file that others could read owner-only again, and says so', () => {
    writeIdentity(dir, identity());
    chmodSync(join(dir, IDENTITY_FILE), 0o644);
    expect(readIdentity(dir)?.permissionsFixed).toBe(true);
    expect(statSync(join(dir, IDENTITY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file with a message that names it and the way out', () => {
    const path = join(dir, IDENTITY_FILE);
    const cases: [string, RegExp][] = [
      ['{', /not JSON/],
      ['{"format":"other"}', /not a home peer identity/],
      ['{"format":"mull-home-peer","version":2}', /newer home peer/],
      [
        JSON.stringify({ format: 'mull-home-peer', version: 1, vaultSecret: 'short' }),
        /vaultSecret/,
      ],
      [
        JSON.stringify({
          format: 'mull-home-peer',
          version: 1,
          vaultSecret: encodeSecret(createSecret()),
          deviceId: 'd',
          deviceName: 'n',
          pairedAt: 'x',
          signaling: ['http://no'],
          iceServers: [],
        }),
        /signaling/,
      ],
    ];
    for (const [text, reason] of cases) {
      writeFileSync(path, text, { mode: 0o600 });
      expect(() => readIdentity(dir)).toThrow(IdentityError);
      expect(() => readIdentity(dir)).toThrow(reason);
      expect(() => readIdentity(dir)).toThrow(path);
    }
  });

  it('replaces the file whole: no temporary file is left behind', () => {
    writeIdentity(dir, identity());
    const next = { ...identity(), deviceName: 'Renamed' };
    writeIdentity(dir, next);
    expect(JSON.parse(readFileSync(join(dir, IDENTITY_FILE), 'utf8')).deviceName).toBe('Renamed');
    expect(() => statSync(join(dir, `${IDENTITY_FILE}.tmp`))).toThrow();
  });
});

describe('data directory', () => {
  it('is created owner-only, and a file in its place is refused', () => {
    const nested = join(dir, 'a', 'b');
    prepareDataDir(nested);
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    writeFileSync(join(dir, 'file'), '');
    expect(() => prepareDataDir(join(dir, 'file'))).toThrow(DataDirError);
  });

  it('is locked to one home peer at a time, and free again once released', () => {
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/Another home peer is already running/);
    lock.release();
    lockDataDir(dir).release();
  });
});
