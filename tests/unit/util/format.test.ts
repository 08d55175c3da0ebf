import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/lib/util/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 bytes'],
    [999, '999 bytes'],
    [1000, '1.0 KB'],
    [1400, '1.4 KB'],
    [99_000, '99.0 KB'],
    [312_000, '312 KB'],
    [1_400_000, '1.4 MB'],
    [2_000_000_000, '2.0 GB'],
    [5_500_000_000_000, '5.5 TB'],
    [7_000_000_000_000_000, '7000 TB'],
  ])('shows %i bytes as %s (decimal units)', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([NaN, Infinity, -Infinity, -1])('shows %s as a dash', (bytes) => {
    expect(formatBytes(bytes)).toBe('—');
  });

  it('never shows 1000 of a unit when the next unit exists', () => {
    expect(formatBytes(999_999)).toBe('1.0 MB');
  });
});
