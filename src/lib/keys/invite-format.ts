/**
 * The invite payload, byte by byte (all integers big-endian; see README.md):
 *
 *   offset  size  field
 *        0     1  format version (1)
 *        1     1  kind, as its ASCII letter: 0x64 'd' (a device) or 0x63 'c' (a contact)
 *        2     4  expiry, whole seconds since 1970-01-01T00:00:00Z (unsigned)
 *        6    32  the pairing secret
 *       38     4  CRC-32 of bytes 0–37
 *
 * 42 bytes are exactly 56 base64url characters, so a code has no padding and no spare bits.
 * Rule for every future version: byte 0 is the version and the last 4 bytes are the CRC-32 of
 * the rest, so an older reader can tell "made by a newer Mull" from "mistyped".
 */
import { crc32 } from './crc32';
import { SECRET_BYTES } from './secret';

export const INVITE_FORMAT_VERSION = 1;
/** An invite works for 10 minutes (DESIGN.md §3): long enough to walk to the other device. */
export const INVITE_TTL_MS = 10 * 60 * 1000;
export const INVITE_KINDS = ['device', 'contact'] as const;
export type InviteKind = (typeof INVITE_KINDS)[number];

/** The letter before the dot in a code (`d.…`), also stored as the payload's kind byte. */
export const INVITE_KIND_LETTER = { device: 'd', contact: 'c' } as const satisfies Record<
  InviteKind,
  string
>;

export const INVITE_EXPIRY_OFFSET = 2;
export const INVITE_SECRET_OFFSET = 6;
export const INVITE_CHECKSUM_OFFSET = INVITE_SECRET_OFFSET + SECRET_BYTES;
export const INVITE_CHECKSUM_BYTES = 4;
export const INVITE_PAYLOAD_BYTES = INVITE_CHECKSUM_OFFSET + INVITE_CHECKSUM_BYTES;
/** base64url of `INVITE_PAYLOAD_BYTES` (42 bytes → 56 characters, no padding). */
export const INVITE_BODY_CHARS = (INVITE_PAYLOAD_BYTES / 3) * 4;
/** The expiry field is 32-bit seconds: it runs out in February 2106. */
export const MAX_INVITE_EXPIRY_SECONDS = 0xffffffff;

export interface Invite {
  version: typeof INVITE_FORMAT_VERSION;
  kind: InviteKind;
  /** The one-time pairing secret: both sides join `roomName(secret, 'pair')`. */
  secret: Uint8Array;
  /** Whole seconds; the inviter stops answering in the pairing room after this. */
  expiresAt: Date;
}

export const isInviteKind = (value: unknown): value is InviteKind =>
  typeof value === 'string' && (INVITE_KINDS as readonly string[]).includes(value);

export function kindOfLetter(letter: string): InviteKind | undefined {
  return INVITE_KINDS.find((kind) => INVITE_KIND_LETTER[kind] === letter);
}

/** True when the last 4 bytes are the CRC-32 of the others (any version, any length ≥ 5). */
export function hasValidChecksum(payload: Uint8Array): boolean {
  if (payload.length < 1 + INVITE_CHECKSUM_BYTES) return false;
  const end = payload.length - INVITE_CHECKSUM_BYTES;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return view.getUint32(end) === crc32(payload.subarray(0, end));
}

/** The 42 payload bytes of a version 1 invite (checked by the caller). */
export function packInvite(
  kind: InviteKind,
  expirySeconds: number,
  secret: Uint8Array,
): Uint8Array {
  const payload = new Uint8Array(INVITE_PAYLOAD_BYTES);
  const view = new DataView(payload.buffer);
  payload[0] = INVITE_FORMAT_VERSION;
  payload[1] = INVITE_KIND_LETTER[kind].charCodeAt(0);
  view.setUint32(INVITE_EXPIRY_OFFSET, expirySeconds);
  payload.set(secret, INVITE_SECRET_OFFSET);
  view.setUint32(INVITE_CHECKSUM_OFFSET, crc32(payload.subarray(0, INVITE_CHECKSUM_OFFSET)));
  return payload;
}

/** The fields of a 42-byte payload, as stored (the caller checks checksum and version). */
export function unpackInvite(payload: Uint8Array): {
  version: number;
  kindLetter: string;
  expirySeconds: number;
  secret: Uint8Array;
} {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return {
    version: payload[0] as number,
    kindLetter: String.fromCharCode(payload[1] as number),
    expirySeconds: view.getUint32(INVITE_EXPIRY_OFFSET),
    secret: payload.slice(INVITE_SECRET_OFFSET, INVITE_CHECKSUM_OFFSET),
  };
}
