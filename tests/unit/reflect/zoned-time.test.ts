import { describe, expect, it } from 'vitest';
import { ReflectError } from '../../../src/lib/reflect/errors';
import {
  addCalendarDays,
  assertTimeZone,
  instantAt,
  offsetMsAt,
  wallClockAt,
  type WallClock,
} from '../../../src/lib/reflect/zoned-time';

const wall = (year: number, month: number, day: number, hour: number, minute = 0): WallClock => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
});
const iso = (d: Date): string => d.toISOString();
const HOUR_MS = 3_600_000;

describe('wallClockAt and offsetMsAt', () => {
  it('reads the clock in a zone with a 45-minute offset (Asia/Kathmandu, +5:45)', () => {
    const at = new Date('2025-06-01T03:15:00Z');
    expect(wallClockAt(at, 'Asia/Kathmandu')).toEqual(wall(2025, 6, 1, 9, 0));
    expect(offsetMsAt(at.getTime(), 'Asia/Kathmandu')).toBe(5.75 * HOUR_MS);
  });

  it('follows the half-hour DST of Australia/Lord_Howe (+10:30 in winter, +11 in summer)', () => {
    expect(offsetMsAt(Date.parse('2025-07-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(
      10.5 * HOUR_MS,
    );
    expect(offsetMsAt(Date.parse('2025-12-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(
      11 * HOUR_MS,
    );
  });

  it('uses a 00–23 clock, so midnight reads 0', () => {
    expect(wallClockAt(new Date('2025-01-01T00:00:00Z'), 'UTC').hour).toBe(0);
  });
});

describe('instantAt', () => {
  it('finds the one instant of an ordinary wall-clock time', () => {
    expect(iso(instantAt(wall(2025, 6, 1, 9), 'Asia/Kathmandu'))).toBe('2025-06-01T03:15:00.000Z');
    expect(iso(instantAt(wall(2025, 1, 15, 9), 'America/New_York'))).toBe(
      '2025-01-15T14:00:00.000Z',
    );
  });

  it('resolves a time skipped by spring-forward to the moment the clock jumps', () => {
    // New York, 9 March 2025: 02:00 EST becomes 03:00 EDT (07:00Z).
    expect(iso(instantAt(wall(2025, 3, 9, 2, 30), 'America/New_York'))).toBe(
      '2025-03-09T07:00:00.000Z',
    );
    // London, 30 March 2025: 01:00 GMT becomes 02:00 BST (01:00Z).
    expect(iso(instantAt(wall(2025, 3, 30, 1, 30), 'Europe/London'))).toBe(
      '2025-03-30T01:00:00.000Z',
    );
    // Lord Howe, 5 October 2025: 02:00 becomes 02:30 (15:30Z).
    expect(iso(instantAt(wall(2025, 10, 5, 2, 15), 'Australia/Lord_Howe'))).toBe(
      '2025-10-04T15:30:00.000Z',
    );
  });

  it('picks the earlier or the later instant of a time repeated by fall-back', () => {
    // New York, 2 November 2025: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    const t = wall(2025, 11, 2, 1, 30);
    expect(iso(instantAt(t, 'America/New_York', 'earlier'))).toBe('2025-11-02T05:30:00.000Z');
    expect(iso(instantAt(t, 'America/New_York', 'later'))).toBe('2025-11-02T06:30:00.000Z');
    // Lord Howe, 6 April 2025: 01:30–02:00 repeats, half an hour apart.
    const lh = wall(2025, 4, 6, 1, 45);
    expect(iso(instantAt(lh, 'Australia/Lord_Howe', 'earlier'))).toBe('2025-04-05T14:45:00.000Z');
    expect(iso(instantAt(lh, 'Australia/Lord_Howe', 'later'))).toBe('2025-04-05T15:15:00.000Z');
  });

  it('round-trips with wallClockAt for every hour of a year in several zones', () => {
    for (const zone of [
      'Europe/London',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
    ]) {
      for (
        let t = Date.parse('2025-01-01T00:00:00Z');
        t < Date.parse('2026-01-01T00:00:00Z');
        t += 7 * HOUR_MS
      ) {
        const clock = wallClockAt(t, zone);
        const earlier = instantAt(clock, zone, 'earlier').getTime();
        const later = instantAt(clock, zone, 'later').getTime();
        expect(t === earlier || t === later, `${zone} ${new Date(t).toISOString()}`).toBe(true);
      }
    }
  });
});

describe('addCalendarDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addCalendarDays(wall(2024, 2, 28, 9), 1)).toEqual(wall(2024, 2, 29, 9));
    expect(addCalendarDays(wall(2023, 2, 28, 9), 1)).toEqual(wall(2023, 3, 1, 9));
    expect(addCalendarDays(wall(2023, 12, 31, 23, 59), 1)).toEqual(wall(2024, 1, 1, 23, 59));
    expect(addCalendarDays(wall(2025, 3, 1, 0), -1)).toEqual(wall(2025, 2, 28, 0));
  });
});

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
