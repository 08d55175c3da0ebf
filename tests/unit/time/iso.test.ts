import { describe, expect, it } from 'vitest';
import { isCanonicalUtcIso } from '../../../src/lib/time/iso';

describe('isCanonicalUtcIso', () => {
  it('accepts canonical UTC times with or without milliseconds', () => {
    expect(isCanonicalUtcIso('2026-11-26T21:04:00.000Z')).toBe(true);
    expect(isCanonicalUtcIso('2026-11-26T21:04:00Z')).toBe(true);
    expect(isCanonicalUtcIso('2028-02-29T23:59:59.999Z')).toBe(true);
  });

  it.each([
    '2026-11-26',
    '2026-11-26T21:04:00+01:00',
    '2026-11-26T21:04:00.000',
    '2026-11-26T21:04:00.0Z',
    '2026-11-26 21:04:00Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00.000Z',
    '2026-13-45T99:99:99Z',
    '2026-01-01T24:00:00Z',
    '',
  ])('refuses "%s"', (value) => {
    expect(isCanonicalUtcIso(value)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const value of [42, null, undefined, new Date(0), {}]) {
      expect(isCanonicalUtcIso(value)).toBe(false);
    }
  });
});
