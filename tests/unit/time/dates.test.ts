import { describe, expect, it } from 'vitest';
import {
  dayLabel,
  formatWhen,
  groupByDay,
  localDateAndTime,
  localDayKey,
  timeLabel,
} from '../../../src/lib/time/dates';
import { inTimeZone } from '../../helpers/time-zone';

// The "local" zone for this file: far from UTC and with daylight saving, so day boundaries
// differ from UTC ones. Node applies a changed TZ at once.
inTimeZone('Pacific/Auckland');

describe('localDayKey', () => {
  it('uses the local calendar day, not the UTC one', () => {
    // 11:30 UTC on 15 January is 00:30 on 16 January in Auckland (UTC+13 in summer).
    expect(localDayKey('2026-01-15T11:30:00.000Z')).toBe('2026-01-16');
    expect(localDayKey('2026-01-15T10:30:00.000Z')).toBe('2026-01-15');
  });

  it('follows daylight saving (UTC+12 in the southern winter)', () => {
    expect(localDayKey('2026-07-15T11:30:00.000Z')).toBe('2026-07-15');
    expect(localDayKey('2026-07-15T12:30:00.000Z')).toBe('2026-07-16');
  });

  it('accepts a Date as well as an ISO string', () => {
    expect(localDayKey(new Date('2026-01-15T11:30:00.000Z'))).toBe('2026-01-16');
  });

  it.each([
    ['UTC', '2026-01-15T23:30:00.000Z', '2026-01-15'],
    ['Asia/Tokyo', '2026-01-15T23:30:00.000Z', '2026-01-16'],
    ['America/New_York', '2026-01-16T03:00:00.000Z', '2026-01-15'],
    ['America/New_York', '2026-01-16T05:00:00.000Z', '2026-01-16'],
    ['Europe/London', '2026-03-29T23:30:00.000Z', '2026-03-30'],
    ['Europe/London', '2026-01-29T23:30:00.000Z', '2026-01-29'],
    ['Asia/Kolkata', '2026-12-31T18:29:59.999Z', '2026-12-31'],
    ['Asia/Kolkata', '2026-12-31T18:30:00.000Z', '2027-01-01'],
  ])('in %s, %s falls on %s', (zone, iso, day) => {
    expect(localDayKey(iso, zone)).toBe(day);
  });

  it('gives the same answer when a zone is asked for again', () => {
    const first = localDayKey('2026-05-05T20:00:00.000Z', 'Asia/Tokyo');
    expect(localDayKey('2026-05-05T20:00:00.000Z', 'Asia/Tokyo')).toBe(first);
    expect(first).toBe('2026-05-06');
  });

  it('pads months and days to two digits', () => {
    expect(localDayKey('2026-02-03T00:00:00.000Z', 'UTC')).toBe('2026-02-03');
    expect(localDayKey('2026-02-03T00:00:00.000Z')).toBe('2026-02-03');
  });
});

describe('dayLabel', () => {
  const now = new Date(2026, 10, 26, 9, 0); // 26 November 2026, local

  it('says Today and Yesterday', () => {
    expect(dayLabel('2026-11-26', now, 'en-GB')).toBe('Today');
    expect(dayLabel('2026-11-25', now, 'en-GB')).toBe('Yesterday');
  });

  it('knows yesterday across a month and a year boundary', () => {
    expect(dayLabel('2026-02-28', new Date(2026, 2, 1, 0, 30), 'en-GB')).toBe('Yesterday');
    expect(dayLabel('2025-12-31', new Date(2026, 0, 1, 23, 59), 'en-GB')).toBe('Yesterday');
  });

  it('names an older day in full, without the year when it is this year', () => {
    expect(dayLabel('2026-11-24', now, 'en-GB')).toBe('Tuesday 24 November');
  });

  it('adds the year for a day in another year', () => {
    expect(dayLabel('2025-11-24', now, 'en-GB')).toBe('Monday, 24 November 2025');
  });
});

describe('timeLabel', () => {
  it('shows the local hour and minute', () => {
    expect(timeLabel('2026-01-15T09:05:00.000Z', 'en-GB')).toBe('22:05');
  });
});

describe('groupByDay', () => {
  const item = (createdAt: string, id: string) => ({ createdAt, id });

  it('groups items by local day and keeps their order', () => {
    const items = [
      item('2026-01-16T02:00:00.000Z', 'c'), // 16 Jan 15:00 local
      item('2026-01-15T11:30:00.000Z', 'b'), // 16 Jan 00:30 local
      item('2026-01-15T10:30:00.000Z', 'a'), // 15 Jan 23:30 local
    ];
    expect(groupByDay(items)).toEqual([
      { day: '2026-01-16', items: [items[0], items[1]] },
      { day: '2026-01-15', items: [items[2]] },
    ]);
  });

  it('starts a new group whenever the day changes, even back to an earlier day', () => {
    const items = [
      item('2026-01-10T00:00:00.000Z', 'x'),
      item('2026-01-09T00:00:00.000Z', 'y'),
      item('2026-01-10T01:00:00.000Z', 'z'),
    ];
    expect(groupByDay(items).map((g) => [g.day, g.items.map((i) => i.id)])).toEqual([
      ['2026-01-10', ['x']],
      ['2026-01-09', ['y']],
      ['2026-01-10', ['z']],
    ]);
  });

  it('returns no groups for no items', () => {
    expect(groupByDay([])).toEqual([]);
  });
});

describe('yesterday across a clock change', () => {
  // [zone, now, a moment on the calendar day before it, that day's key]
  const cases: [string, string, string, string][] = [
    // London springs forward on 29 March 2026 (23 hours): just after midnight on the 30th,
    // 24 hours ago was still the 28th.
    ['Europe/London', '2026-03-29T23:30:00.000Z', '2026-03-29T09:00:00.000Z', '2026-03-29'],
    // London falls back on 25 October 2026 (25 hours): late that evening, 24 hours ago was
    // still the 25th.
    ['Europe/London', '2026-10-25T23:30:00.000Z', '2026-10-24T12:00:00.000Z', '2026-10-24'],
    ['America/New_York', '2026-03-09T04:30:00.000Z', '2026-03-08T14:00:00.000Z', '2026-03-08'],
    ['America/New_York', '2026-11-02T04:30:00.000Z', '2026-10-31T16:00:00.000Z', '2026-10-31'],
    // Auckland springs forward on 27 September 2026 (NZST → NZDT).
    ['Pacific/Auckland', '2026-09-27T11:30:00.000Z', '2026-09-26T21:00:00.000Z', '2026-09-27'],
    // Lord Howe moves only 30 minutes, on 4 October 2026 (+10:30 → +11).
    ['Australia/Lord_Howe', '2026-10-04T13:15:00.000Z', '2026-10-03T23:00:00.000Z', '2026-10-04'],
  ];

  inTimeZone('Pacific/Auckland'); // each case below sets its own zone; the suite's end restores

  it.each(cases)('in %s at %s, says "yesterday" for %s', (zone, now, at, day) => {
    process.env.TZ = zone;
    expect(localDayKey(at)).toBe(day);
    expect(formatWhen(at, new Date(now))).toBe(`yesterday at ${timeLabel(at)}`);
    expect(dayLabel(day, new Date(now), 'en-GB')).toBe('Yesterday');
  });

  it.each(cases)('in %s at %s, does not call the day before it "yesterday"', (zone, now, at) => {
    process.env.TZ = zone;
    const dayBefore = new Date(Date.parse(at) - 86_400_000).toISOString();
    expect(formatWhen(dayBefore, new Date(now))).toMatch(/^on /);
    expect(dayLabel(localDayKey(dayBefore), new Date(now), 'en-GB')).not.toBe('Yesterday');
    expect(formatWhen(now, new Date(now))).toMatch(/^at /);
  });
});

describe('localDateAndTime', () => {
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

  it('writes midnight as 00, never 24, and years before 100 with four digits', () => {
    expect(localDateAndTime('2026-06-30T22:00:00.000Z', 'Europe/Berlin').time).toBe('00:00');
    expect(localDateAndTime('0042-05-06T07:08:00.000Z', 'UTC')).toEqual({
      date: '0042-05-06',
      time: '07:08',
    });
  });
});
