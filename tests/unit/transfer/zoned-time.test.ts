import { describe, expect, it } from 'vitest';
import {
  instantOfWallTime,
  isKnownTimeZone,
  localDateAndTime,
  wallTimeAt,
} from '../../../src/lib/transfer/zoned-time';

const wall = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => ({
  year: y,
  month: mo,
  day: d,
  hour: h,
  minute: mi,
  second: s,
});

describe('local date and time in a time zone', () => {
  it('shows an instant as the clocks of that zone did, across the date line', () => {
    const iso = '2026-11-26T23:30:00.000Z';
    expect(localDateAndTime(iso, 'UTC')).toEqual({ date: '2026-11-26', time: '23:30' });
    expect(localDateAndTime(iso, 'Europe/Berlin')).toEqual({ date: '2026-11-27', time: '00:30' });
    expect(localDateAndTime(iso, 'America/Los_Angeles')).toEqual({
      date: '2026-11-26',
      time: '15:30',
    });
    expect(localDateAndTime(iso, 'Asia/Kolkata')).toEqual({ date: '2026-11-27', time: '05:00' });
  });

  it('writes midnight as 00, never 24', () => {
    expect(localDateAndTime('2026-06-30T22:00:00.000Z', 'Europe/Berlin').time).toBe('00:00');
  });

  it('reads a wall time back to the same instant', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Adelaide']) {
      const instant = new Date('2026-03-14T15:09:26.000Z');
      expect(instantOfWallTime(wallTimeAt(instant, zone), zone)?.toISOString()).toBe(
        instant.toISOString(),
      );
    }
  });

  it('handles years before 100 without reading them as 19xx', () => {
    expect(localDateAndTime('0042-05-06T07:08:00.000Z', 'UTC')).toEqual({
      date: '0042-05-06',
      time: '07:08',
    });
    expect(instantOfWallTime(wall(42, 5, 6, 7, 8), 'UTC')?.toISOString()).toBe(
      '0042-05-06T07:08:00.000Z',
    );
  });
});

describe('instantOfWallTime when clocks change', () => {
  it('reads a time skipped when clocks go forward as the same distance after the gap', () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(instantOfWallTime(wall(2026, 3, 29, 2, 30), 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(instantOfWallTime(wall(2026, 3, 8, 2, 30), 'America/New_York')?.toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('reads an hour that happens twice as the later one, east and west of Greenwich', () => {
    expect(instantOfWallTime(wall(2026, 10, 25, 2, 30), 'Europe/Berlin')?.toISOString()).toBe(
      '2026-10-25T01:30:00.000Z',
    );
    expect(instantOfWallTime(wall(2026, 11, 1, 1, 30), 'America/New_York')?.toISOString()).toBe(
      '2026-11-01T06:30:00.000Z',
    );
  });

  it('refuses days that do not exist and fields out of range', () => {
    expect(instantOfWallTime(wall(2026, 2, 29), 'UTC')).toBeNull();
    expect(instantOfWallTime(wall(2026, 13, 1), 'UTC')).toBeNull();
    expect(instantOfWallTime(wall(2026, 1, 1, 24), 'UTC')).toBeNull();
    expect(instantOfWallTime(wall(2028, 2, 29), 'UTC')?.toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA names and refuses made-up ones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
