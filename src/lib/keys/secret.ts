/**
 * Secrets and their text form. A secret is 32 random bytes; everything else (room names,
 * room passwords, doc ids) is derived from it (see `derive.ts`). Text is base64url without
 * padding (RFC 4648 §5), decoded strictly so that one string always means one secret.
 */
import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { KeyError } from './errors';

/** 256 bits: the HKDF input for every room, and the size of an invite's pairing secret. */
export const SECRET_BYTES = 32;

const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/** True for a Uint8Array from any realm (an iframe, jsdom, a worker's structured clone). */
export const isBytes = (value: unknown): value is Uint8Array =>
  Object.prototype.toString.call(value) === '[object Uint8Array]';

/** True for a Uint8Array of exactly `SECRET_BYTES` bytes. */
export const isSecret = (value: unknown): value is Uint8Array =>
  isBytes(value) && value.length === SECRET_BYTES;

/** Throws `KeyError('invalid-secret')` unless `value` is a `SECRET_BYTES`-byte Uint8Array. */
export function assertSecret(value: unknown): asserts value is Uint8Array {
  if (!isBytes(value)) {
    throw new KeyError('invalid-secret', 'A secret must be a Uint8Array.');
  }
  if (value.length !== SECRET_BYTES) {
    throw new KeyError(
      'invalid-secret',
      `A secret must be exactly ${SECRET_BYTES} bytes, not ${value.length}.`,
    );
  }
}

/** A fresh secret from the platform's cryptographic random source. */
export function createSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** base64url without padding. */
export const encodeBase64Url = (bytes: Uint8Array): string => toBase64UrlEncoded(bytes);

/**
 * The bytes of strict base64url without padding. Throws `KeyError('invalid-encoding')` for a
 * character outside `A–Z a–z 0–9 - _` (padding `=` included), for a length no encoder can
 * produce, and for unused trailing bits that are not zero: the platform decoders accept all
 * three silently, which would let two different strings name the same secret.
 */
export function decodeBase64Url(text: string): Uint8Array {
  if (typeof text !== 'string') {
    throw new KeyError('invalid-encoding', 'base64url input must be a string.');
  }
  if (!BASE64URL_ALPHABET.test(text)) {
    throw new KeyError(
      'invalid-encoding',
      'base64url may only contain A–Z, a–z, 0–9, "-" and "_" (no padding).',
    );
  }
  // Every 4 characters carry 3 bytes; a remainder of 1 character carries less than a byte.
  if (text.length % 4 === 1) {
    throw new KeyError('invalid-encoding', `base64url of length ${text.length} is impossible.`);
  }
  const bytes = fromBase64UrlEncoded(text);
  if (toBase64UrlEncoded(bytes) !== text) {
    throw new KeyError('invalid-encoding', 'base64url has non-zero trailing bits.');
  }
  return bytes;
}

/** A secret as text, for storing in a doc or settings (43 characters). */
export function encodeSecret(secret: Uint8Array): string {
  assertSecret(secret);
  return encodeBase64Url(secret);
}

/** The secret in `encodeSecret`'s text; throws `KeyError` for anything else. */
export function decodeSecret(text: string): Uint8Array {
  const bytes = decodeBase64Url(text);
  assertSecret(bytes);
  return bytes;
}
