/**
 * What makes this home peer a device of one person: the vault secret it was granted, its
 * device id and name, and the servers it was started with. The browser keeps the same in
 * IndexedDB (sync/device-store.ts); here it is `device.json` in the data directory, mode 0600,
 * replaced atomically (write a temporary file, fsync, rename, fsync the directory), so a crash
 * leaves either the old file or the new one, never half of one.
 *
 *   { "format": "mull-home-peer", "version": 1, "vaultSecret": "<43 base64url>",
 *     "deviceId": "<uuid>", "deviceName": "Home peer (nas)", "pairedAt": "…",
 *     "signaling": ["wss://…/signal"], "iceServers": [{ "urls": "turn:…", … }] }
 *
 * `signaling` and `iceServers` are those given at pairing, or on the latest start that gave
 * any, so later starts need only `--data`.
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { decodeSecret, encodeSecret } from '../../src/lib/keys';
import { isSignalingUrl } from '../../src/lib/vault';
import { isIceServer, type IceServerConfig } from './config';

export const IDENTITY_FILE = 'device.json';
const FORMAT = 'mull-home-peer';
const VERSION = 1;
/** Owner read/write only: the file holds the key to the person's whole journal. */
export const IDENTITY_FILE_MODE = 0o600;

export interface HomeIdentity {
  vaultSecret: Uint8Array;
  deviceId: string;
  deviceName: string;
  pairedAt: string;
  signaling: string[];
  iceServers: IceServerConfig[];
}

export class IdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityError';
  }
}

export interface ReadIdentity {
  identity: HomeIdentity;
  /** The file was readable by others and has been made owner-only. */
  permissionsFixed: boolean;
}

/** The stored identity, or null before pairing. Throws `IdentityError` for a damaged file. */
export function readIdentity(dir: string): ReadIdentity | null {
  const path = join(dir, IDENTITY_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    throw new IdentityError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  let permissionsFixed = false;
  if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, IDENTITY_FILE_MODE);
    permissionsFixed = true;
  }
  const damaged = (what: string): IdentityError =>
    new IdentityError(
      `${path} is damaged (${what}). Restore it from a backup, or pair again into an empty data directory.`,
    );
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw damaged('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || raw.format !== FORMAT) {
    throw damaged('not a home peer identity');
  }
  if (raw.version !== VERSION) {
    throw new IdentityError(
      `${path} was written by a newer home peer (version ${String(raw.version)}).`,
    );
  }
  let vaultSecret: Uint8Array;
  try {
    vaultSecret = decodeSecret(String(raw.vaultSecret));
  } catch {
    throw damaged('vaultSecret');
  }
  const { deviceId, deviceName, pairedAt, signaling, iceServers } = raw;
  if (typeof deviceId !== 'string' || !deviceId) throw damaged('deviceId');
  if (typeof deviceName !== 'string' || !deviceName) throw damaged('deviceName');
  if (typeof pairedAt !== 'string') throw damaged('pairedAt');
  if (!Array.isArray(signaling) || !signaling.every(isSignalingUrl)) throw damaged('signaling');
  if (!Array.isArray(iceServers) || !iceServers.every(isIceServer)) throw damaged('iceServers');
  return {
    identity: { vaultSecret, deviceId, deviceName, pairedAt, signaling, iceServers },
    permissionsFixed,
  };
}

/** Stores `identity` atomically and durably, owner-only. */
export function writeIdentity(dir: string, identity: HomeIdentity): void {
  const path = join(dir, IDENTITY_FILE);
  const temporary = `${path}.tmp`;
  const text = `${JSON.stringify(
    {
      format: FORMAT,
      version: VERSION,
      vaultSecret: encodeSecret(identity.vaultSecret),
      deviceId: identity.deviceId,
      deviceName: identity.deviceName,
      pairedAt: identity.pairedAt,
      signaling: identity.signaling,
      iceServers: identity.iceServers,
    },
    null,
    2,
  )}\n`;
  const fd = openSync(temporary, 'w', IDENTITY_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // Mode is only applied on creation; a leftover temporary file keeps its own.
  chmodSync(temporary, IDENTITY_FILE_MODE);
  renameSync(temporary, path);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
