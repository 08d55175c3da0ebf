import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayLabel, groupByDay, localDayKey, timeLabel } from '../../../src/lib/util/dates';

// The "local" zone for this file: far from UTC and with daylight saving, so day boundaries
// differ from UTC ones. Node applies a changed TZ at once.
const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Pacific/Auckland';
});
afterAll(() => {
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

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
