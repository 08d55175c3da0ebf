import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/lib/keys/crc32';
import { createPrng } from '../../helpers/prng';

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with zlib on random inputs of every length up to 300 bytes', () => {
    const prng = createPrng(32);
    for (let length = 0; length <= 300; length++) {
      const bytes = Uint8Array.from({ length }, () => prng.int(0, 255));
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  it('reads only the view it is given', () => {
    const whole = Uint8Array.from({ length: 64 }, (_, i) => i);
    const view = whole.subarray(10, 20);
    expect(crc32(view)).toBe(zlibCrc32(Buffer.from(whole.slice(10, 20))));
  });
});
