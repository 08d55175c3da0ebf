/**
 * Invite payloads built by hand for tests, with Node's own CRC-32 (zlib), so the tests do not
 * trust src/lib/keys to describe its own format.
 */
import { crc32 } from 'node:zlib';

export interface CraftedPayload {
  version?: number;
  kindByte?: number;
  expirySeconds?: number;
  secret?: Uint8Array;
  inviterKeyHash?: Uint8Array;
  /** Total length; the checksum is always the last 4 bytes. */
  length?: number;
  /** Write this instead of the correct checksum. */
  checksum?: number;
}

export function craftPayload(options: CraftedPayload = {}): Buffer {
  const length = options.length ?? 60;
  const payload = Buffer.alloc(length);
  payload[0] = options.version ?? (length === 42 ? 1 : 2);
  if (length > 5) payload[1] = options.kindByte ?? 0x64;
  if (length >= 10) payload.writeUInt32BE(options.expirySeconds ?? 1_772_373_720, 2);
  if (length >= 42) Buffer.from(options.secret ?? new Uint8Array(32).fill(7)).copy(payload, 6);
  if (length >= 60) {
    Buffer.from(options.inviterKeyHash ?? new Uint8Array(18).fill(3)).copy(payload, 38);
  }
  const end = length - 4;
  payload.writeUInt32BE(options.checksum ?? crc32(payload.subarray(0, end)), end);
  return payload;
}

/** A code `<letter>.<base64url>` around a crafted payload. */
export const craftCode = (letter: string, options: CraftedPayload = {}): string =>
  `${letter}.${craftPayload(options).toString('base64url')}`;
