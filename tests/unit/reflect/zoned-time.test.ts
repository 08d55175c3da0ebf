import { describe, expect, it } from 'vitest';
import { ReflectError } from '../../../src/lib/reflect/errors';
import { assertTimeZone } from '../../../src/lib/reflect/zoned-time';

describe('assertTimeZone', () => {
  it('accepts IANA names and refuses unknown or empty ones with a clear error', () => {
    expect(() => assertTimeZone('Europe/London')).not.toThrow();
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(ReflectError);
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(
      'unknown time zone "Mars/Olympus_Mons"',
    );
    expect(() => assertTimeZone('')).toThrow('a time zone name such as "Europe/London" is needed');
    expect(() => assertTimeZone(42)).toThrow(ReflectError);
  });
});
