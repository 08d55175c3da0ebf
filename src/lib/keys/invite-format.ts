/**
 * The invite payload, byte by byte (all integers big-endian; see README.md):
 *
 *   offset  size  field
 *        0     1  format version (2)
 *        1     1  kind, as its ASCII letter: 0x64 'd' (a device) or 0x63 'c' (a contact)
 *        2     4  expiry, whole seconds since 1970-01-01T00:00:00Z (unsigned)
 *        6    32  the pairing secret
 *       38    18  the inviter's key hash: 144 bits pinning the inviting device's pairing key
 *       56     4  CRC-32 of bytes 0–55
 *
 * 60 bytes are exactly 80 base64url characters, so a code has no padding and no spare bits.
 * Version 1 (42 bytes: no key hash) is refused with its own message: its pairing could be
 * taken over by anyone else holding the invite (DESIGN.md §3).
 * Rule for every future version: byte 0 is the version and the last 4 bytes are the CRC-32 of
 * the rest, so an older reader can tell "made by a newer Mull" from "mistyped".
 */
import { crc32 } from './crc32';
import { SECRET_BYTES } from './secret';

export const INVITE_FORMAT_VERSION = 2;
/** The format before the inviter's key was pinned; recognised only to say so. */
export const OLD_INVITE_FORMAT_VERSION = 1;
export const OLD_INVITE_PAYLOAD_BYTES = 42;
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
export const INVITE_KEY_HASH_OFFSET = INVITE_SECRET_OFFSET + SECRET_BYTES;
/** 144 bits: the issue asked for at least 128; 18 keeps the payload a multiple of 3 bytes. */
export const INVITE_KEY_HASH_BYTES = 18;
export const INVITE_CHECKSUM_OFFSET = INVITE_KEY_HASH_OFFSET + INVITE_KEY_HASH_BYTES;
export const INVITE_CHECKSUM_BYTES = 4;
export const INVITE_PAYLOAD_BYTES = INVITE_CHECKSUM_OFFSET + INVITE_CHECKSUM_BYTES;
/** base64url of `INVITE_PAYLOAD_BYTES` (60 bytes → 80 characters, no padding). */
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
  /**
   * Pins the inviting device: the first bytes of a hash of its pairing public key
   * (`inviterKeyHash` in ../sync/pair-crypto.ts). The joiner trusts no other key.
   */
  inviterKeyHash: Uint8Array;
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

/** The 60 payload bytes of a version 2 invite (checked by the caller). */
export function packInvite(
  kind: InviteKind,
  expirySeconds: number,
  secret: Uint8Array,
  inviterKeyHash: Uint8Array,
): Uint8Array {
  const payload = new Uint8Array(INVITE_PAYLOAD_BYTES);
  const view = new DataView(payload.buffer);
  payload[0] = INVITE_FORMAT_VERSION;
  payload[1] = INVITE_KIND_LETTER[kind].charCodeAt(0);
  view.setUint32(INVITE_EXPIRY_OFFSET, expirySeconds);
  payload.set(secret, INVITE_SECRET_OFFSET);
  payload.set(inviterKeyHash, INVITE_KEY_HASH_OFFSET);
  view.setUint32(INVITE_CHECKSUM_OFFSET, crc32(payload.subarray(0, INVITE_CHECKSUM_OFFSET)));
  return payload;
}

/** The fields of a 60-byte payload, as stored (the caller checks checksum and version). */
export function unpackInvite(payload: Uint8Array): {
  version: number;
  kindLetter: string;
  expirySeconds: number;
  secret: Uint8Array;
  inviterKeyHash: Uint8Array;
} {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return {
    version: payload[0] as number,
    kindLetter: String.fromCharCode(payload[1] as number),
    expirySeconds: view.getUint32(INVITE_EXPIRY_OFFSET),
    secret: payload.slice(INVITE_SECRET_OFFSET, INVITE_KEY_HASH_OFFSET),
    inviterKeyHash: payload.slice(INVITE_KEY_HASH_OFFSET, INVITE_CHECKSUM_OFFSET),
  };
}
