import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  instantAt,
  isKnownTimeZone,
  isRealWallClock,
  offsetMsAt,
  readingsOf,
  wallClockAt,
  type WallClock,
} from '../../../src/lib/time/zoned-time';

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

  it('moves a time skipped by spring-forward on by the length of the jump', () => {
    // New York, 9 March 2025: 02:00 EST becomes 03:00 EDT (07:00Z); 02:30 reads as 03:30 EDT.
    expect(iso(instantAt(wall(2025, 3, 9, 2, 30), 'America/New_York'))).toBe(
      '2025-03-09T07:30:00.000Z',
    );
    // London, 30 March 2025: 01:00 GMT becomes 02:00 BST (01:00Z); 01:30 reads as 02:30 BST.
    expect(iso(instantAt(wall(2025, 3, 30, 1, 30), 'Europe/London'))).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    // Lord Howe, 5 October 2025: 02:00 (+10:30) becomes 02:30 (+11) at 15:30Z; 02:15 is 02:45.
    expect(iso(instantAt(wall(2025, 10, 5, 2, 15), 'Australia/Lord_Howe'))).toBe(
      '2025-10-04T15:45:00.000Z',
    );
    // Sydney, 5 October 2025: 02:00 AEST becomes 03:00 AEDT (16:00Z); 02:30 reads as 03:30.
    expect(iso(instantAt(wall(2025, 10, 5, 2, 30), 'Australia/Sydney'))).toBe(
      '2025-10-04T16:30:00.000Z',
    );
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(iso(instantAt(wall(2026, 3, 29, 2, 30), 'Europe/Berlin'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('moves every skipped minute on by the same jump, whichever overlap choice is asked for', () => {
    const cases: [string, WallClock, number][] = [
      ['America/New_York', wall(2025, 3, 9, 2), 60],
      ['Europe/London', wall(2025, 3, 30, 1), 60],
      ['Australia/Lord_Howe', wall(2025, 10, 5, 2), 30],
      ['Australia/Sydney', wall(2025, 10, 5, 2), 60],
    ];
    for (const [zone, jumpStart, jumpMinutes] of cases) {
      for (let minute = 0; minute < jumpMinutes; minute++) {
        const skipped = { ...jumpStart, minute };
        expect(readingsOf(skipped, zone), `${zone} ${minute}`).toEqual([]);
        const at = instantAt(skipped, zone);
        expect(instantAt(skipped, zone, 'later')).toEqual(at);
        const shown = wallClockAt(at, zone);
        const shownMinutes = (shown.hour - jumpStart.hour) * 60 + shown.minute;
        expect(shownMinutes, `${zone} ${minute}`).toBe(minute + jumpMinutes);
      }
    }
  });

  it('takes the first of a time repeated by fall-back unless asked for the second', () => {
    // London, 26 October 2025: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT).
    expect(iso(instantAt(wall(2025, 10, 26, 1, 30), 'Europe/London'))).toBe(
      '2025-10-26T00:30:00.000Z',
    );
    // Sydney, 6 April 2025: 02:30 happens at 15:30Z (AEDT) and again at 16:30Z (AEST).
    expect(iso(instantAt(wall(2025, 4, 6, 2, 30), 'Australia/Sydney'))).toBe(
      '2025-04-05T15:30:00.000Z',
    );
    expect(iso(instantAt(wall(2025, 4, 6, 2, 30), 'Australia/Sydney', 'later'))).toBe(
      '2025-04-05T16:30:00.000Z',
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
      'Australia/Sydney',
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

describe('tomorrow across a clock change', () => {
  // [zone, now, hours from 09:00 today to 09:00 tomorrow]
  it.each([
    ['Europe/London', '2026-03-28T09:00:00Z', 23],
    ['Europe/London', '2026-10-24T08:00:00Z', 25],
    ['America/New_York', '2026-03-07T14:00:00Z', 23],
    ['America/New_York', '2026-10-31T13:00:00Z', 25],
    ['Australia/Sydney', '2026-10-02T23:00:00Z', 23],
    ['Australia/Sydney', '2026-04-03T22:00:00Z', 25],
    ['Australia/Lord_Howe', '2026-10-02T22:30:00Z', 23.5],
    ['Australia/Lord_Howe', '2026-04-03T22:00:00Z', 24.5],
  ])('in %s, 09:00 tomorrow from 09:00 on %s is %s hours on', (zone, now, hours) => {
    const today = wallClockAt(new Date(now), zone);
    expect(today.hour).toBe(9);
    const tomorrow = addCalendarDays(today, 1);
    const at = instantAt(tomorrow, zone);
    expect(wallClockAt(at, zone)).toEqual(tomorrow);
    expect((at.getTime() - Date.parse(now)) / HOUR_MS).toBe(hours);
    expect(addCalendarDays(tomorrow, -1)).toEqual(today);
  });
});

describe('isRealWallClock', () => {
  it('refuses days that do not exist and fields out of range', () => {
    expect(isRealWallClock(wall(2026, 2, 29, 0))).toBe(false);
    expect(isRealWallClock(wall(2028, 2, 29, 0))).toBe(true);
    expect(isRealWallClock(wall(2026, 4, 31, 12))).toBe(false);
    expect(isRealWallClock(wall(2026, 13, 1, 0))).toBe(false);
    expect(isRealWallClock(wall(2026, 1, 1, 24))).toBe(false);
    expect(isRealWallClock(wall(2026, 1, 1, 23, 60))).toBe(false);
    expect(isRealWallClock({ ...wall(2026, 1, 1, 9), second: 1.5 })).toBe(false);
  });

  it('handles years before 100 without reading them as 19xx', () => {
    expect(isRealWallClock(wall(42, 5, 6, 7, 8))).toBe(true);
    expect(iso(instantAt(wall(42, 5, 6, 7, 8), 'UTC'))).toBe('0042-05-06T07:08:00.000Z');
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA names and refuses made-up, empty and non-string ones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
    expect(isKnownTimeZone(42)).toBe(false);
  });
});
