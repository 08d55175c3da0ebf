import { describe, expect, it } from 'vitest';
import {
  createSecret,
  decodeBase64Url,
  decodeSecret,
  encodeBase64Url,
  encodeSecret,
  isSecret,
  KeyError,
  SECRET_BYTES,
} from '../../../src/lib/keys';
import { createPrng } from '../../helpers/prng';

const keyErrorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof KeyError ? err.code : `not a KeyError: ${String(err)}`;
  }
  return undefined;
};

describe('createSecret', () => {
  it('makes 32 bytes', () => {
    const secret = createSecret();
    expect(secret).toBeInstanceOf(Uint8Array);
    expect(secret.length).toBe(SECRET_BYTES);
    expect(SECRET_BYTES).toBe(32);
    expect(isSecret(secret)).toBe(true);
  });

  it('makes a different secret every time', () => {
    const seen = new Set(Array.from({ length: 100 }, () => encodeSecret(createSecret())));
    expect(seen.size).toBe(100);
  });
});

describe('base64url', () => {
  it('round-trips random bytes of every length up to 100', () => {
    const prng = createPrng(64);
    for (let length = 0; length <= 100; length++) {
      const bytes = Uint8Array.from({ length }, () => prng.int(0, 255));
      const text = encodeBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64Url(text)).toEqual(bytes);
    }
  });

  it('uses - and _ and no padding', () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(encodeBase64Url(new Uint8Array([0xff]))).toBe('_w');
  });

  it.each([
    ['padding', 'AAA='],
    ['standard base64 "+"', 'ab+c'],
    ['standard base64 "/"', 'ab/c'],
    ['a space', 'ab c'],
    ['a newline', 'abc\n'],
    ['a non-ASCII letter', 'abé'],
  ])('rejects %s', (_label, text) => {
    expect(keyErrorCode(() => decodeBase64Url(text))).toBe('invalid-encoding');
  });

  it('rejects a length no encoder produces', () => {
    expect(keyErrorCode(() => decodeBase64Url('A'))).toBe('invalid-encoding');
    expect(keyErrorCode(() => decodeBase64Url('AAAAA'))).toBe('invalid-encoding');
  });

  it('rejects non-zero trailing bits, so one string means one byte sequence', () => {
    // "_w" is 0xff; "_x" would decode to the same byte with a stray low bit.
    expect(decodeBase64Url('_w')).toEqual(new Uint8Array([0xff]));
    expect(keyErrorCode(() => decodeBase64Url('_x'))).toBe('invalid-encoding');
    expect(keyErrorCode(() => decodeBase64Url('AAB'))).toBe('invalid-encoding');
  });

  it('rejects something that is not a string', () => {
    expect(keyErrorCode(() => decodeBase64Url(42 as unknown as string))).toBe('invalid-encoding');
  });
});

describe('encodeSecret / decodeSecret', () => {
  it('round-trips a secret through 43 characters', () => {
    const secret = createSecret();
    const text = encodeSecret(secret);
    expect(text).toHaveLength(43);
    expect(decodeSecret(text)).toEqual(secret);
  });

  it('refuses to encode something that is not a 32-byte secret', () => {
    expect(keyErrorCode(() => encodeSecret(new Uint8Array(31)))).toBe('invalid-secret');
    expect(keyErrorCode(() => encodeSecret([1, 2, 3] as unknown as Uint8Array))).toBe(
      'invalid-secret',
    );
  });

  it('refuses text that holds the wrong number of bytes', () => {
    expect(keyErrorCode(() => decodeSecret(encodeBase64Url(new Uint8Array(31))))).toBe(
      'invalid-secret',
    );
    expect(keyErrorCode(() => decodeSecret(encodeBase64Url(new Uint8Array(33))))).toBe(
      'invalid-secret',
    );
    expect(keyErrorCode(() => decodeSecret(''))).toBe('invalid-secret');
  });

  it('refuses text that is not base64url', () => {
    expect(keyErrorCode(() => decodeSecret('!'.repeat(43)))).toBe('invalid-encoding');
  });
});
