import { describe, expect, it } from 'vitest';
import {
  aggregateDaily,
  buildDayIndex,
  resolveIndex,
  type DayMood,
} from '../../../src/lib/insights/day-index';
import { dayNumberFromKey } from '../../../src/lib/time/calendar';
import { moment, noon } from './fixtures';

const byDay = (days: DayMood[]): Record<string, DayMood> =>
  Object.fromEntries(days.map((d) => [d.day, d]));

describe('aggregateDaily', () => {
  it('returns nothing for no entries', () => {
    expect(aggregateDaily([], { timeZone: 'UTC' })).toEqual([]);
  });

  it('averages the check-ins of one day and keeps each point', () => {
    const days = aggregateDaily(
      [
        moment({ at: '2026-05-04T08:00:00.000Z', p: 2, e: -1 }),
        moment({ at: '2026-05-04T20:00:00.000Z', p: -1, e: 4 }),
        moment({ at: '2026-05-04T13:15:00.000Z', p: 5, e: 0 }),
      ],
      { timeZone: 'UTC' },
    );
    expect(days).toHaveLength(1);
    const [day] = days;
    expect(day?.day).toBe('2026-05-04');
    expect(day?.pleasantness).toBe(2);
    expect(day?.energy).toBe(1);
    expect(day?.count).toBe(3);
    expect(day?.points.map((p) => p.time)).toEqual(['08:00', '13:15', '20:00']);
    expect(day?.points.map((p) => p.minuteOfDay)).toEqual([480, 795, 1200]);
  });

  it('lists days oldest first', () => {
    const days = aggregateDaily(
      [noon('2026-05-06', 1, 1), noon('2026-05-04', 1, 1), noon('2026-05-05', 1, 1)],
      { timeZone: 'UTC' },
    );
    expect(days.map((d) => d.day)).toEqual(['2026-05-04', '2026-05-05', '2026-05-06']);
  });

  it('leaves out trashed entries', () => {
    const days = aggregateDaily(
      [
        noon('2026-05-04', 4, 4),
        noon('2026-05-04', -4, -4, { trashed: true }),
        noon('2026-05-05', -4, -4, { trashed: true }),
      ],
      { timeZone: 'UTC' },
    );
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ day: '2026-05-04', pleasantness: 4, count: 1 });
  });

  it('counts an ordinary entry with a mood as a mood point, marked as an entry', () => {
    const [day] = aggregateDaily(
      [noon('2026-05-04', 2, 2), noon('2026-05-04', 4, 0, { kind: 'entry' })],
      { timeZone: 'UTC' },
    );
    expect(day?.count).toBe(2);
    expect(day?.pleasantness).toBe(3);
    expect(day?.points.map((p) => p.kind).sort()).toEqual(['checkin', 'entry']);
  });

  it('skips entries without a mood, and days that only have those', () => {
    const days = aggregateDaily(
      [
        moment({ at: '2026-05-04T09:00:00.000Z', kind: 'entry' }),
        moment({ at: '2026-05-05T09:00:00.000Z', kind: 'entry' }),
        noon('2026-05-05', 1, -1),
      ],
      { timeZone: 'UTC' },
    );
    expect(days.map((d) => [d.day, d.count])).toEqual([['2026-05-05', 1]]);
  });

  it('clamps out-of-range moods and ignores ones that are not numbers', () => {
    const [day] = aggregateDaily(
      [
        noon('2026-05-04', 12, -40),
        noon('2026-05-04', Number.NaN, 1),
        noon('2026-05-04', 1, Number.POSITIVE_INFINITY),
      ],
      { timeZone: 'UTC' },
    );
    expect(day).toMatchObject({ pleasantness: 5, energy: -5, count: 1 });
  });

  it('skips an entry whose createdAt is not a date', () => {
    expect(aggregateDaily([moment({ at: 'soon', p: 1, e: 1 })], { timeZone: 'UTC' })).toEqual([]);
  });
});

describe('local day boundaries', () => {
  it('puts a check-in at 23:30 local on that day, even when UTC says tomorrow', () => {
    // 23:30 in New York (EDT, UTC−4) on 10 June is 03:30 UTC on 11 June.
    const entries = [moment({ at: '2026-06-11T03:30:00.000Z', p: 3, e: 1 })];
    const [day] = aggregateDaily(entries, { timeZone: 'America/New_York' });
    expect(day?.day).toBe('2026-06-10');
    expect(day?.points[0]?.time).toBe('23:30');
    expect(aggregateDaily(entries, { timeZone: 'UTC' })[0]?.day).toBe('2026-06-11');
  });

  it('puts a check-in exactly at local midnight on the new day, and a moment before on the old', () => {
    // Midnight in Auckland (NZST, UTC+12) at the start of 10 June is 12:00 UTC on 9 June.
    const days = byDay(
      aggregateDaily(
        [
          moment({ at: '2026-06-09T12:00:00.000Z', p: 1, e: 1 }),
          moment({ at: '2026-06-09T11:59:59.999Z', p: -1, e: -1 }),
        ],
        { timeZone: 'Pacific/Auckland' },
      ),
    );
    expect(days['2026-06-10']?.points[0]).toMatchObject({ time: '00:00', minuteOfDay: 0 });
    expect(days['2026-06-09']?.points[0]?.time).toBe('23:59');
  });

  it('treats the 23-hour spring-forward day in New York (8 March 2026) as one day', () => {
    const days = byDay(
      aggregateDaily(
        [
          moment({ at: '2026-03-08T05:00:00.000Z', p: 1, e: 0 }), // 00:00 EST: first moment
          moment({ at: '2026-03-08T06:59:00.000Z', p: 2, e: 0 }), // 01:59 EST
          moment({ at: '2026-03-08T07:00:00.000Z', p: 3, e: 0 }), // 03:00 EDT, an hour later
          moment({ at: '2026-03-09T03:59:00.000Z', p: 4, e: 0 }), // 23:59 EDT: last minute
          moment({ at: '2026-03-09T04:00:00.000Z', p: -5, e: 0 }), // 00:00 EDT, 9 March
        ],
        { timeZone: 'America/New_York' },
      ),
    );
    expect(days['2026-03-08']?.points.map((p) => p.time)).toEqual([
      '00:00',
      '01:59',
      '03:00',
      '23:59',
    ]);
    expect(days['2026-03-08']?.pleasantness).toBe(2.5);
    expect(days['2026-03-09']?.points.map((p) => p.time)).toEqual(['00:00']);
  });

  it('treats the 25-hour fall-back day in New York (1 November 2026) as one day', () => {
    const days = byDay(
      aggregateDaily(
        [
          moment({ at: '2026-11-01T04:00:00.000Z', p: 1, e: 1 }), // 00:00 EDT
          moment({ at: '2026-11-01T05:30:00.000Z', p: 2, e: 2 }), // 01:30 EDT
          moment({ at: '2026-11-01T06:30:00.000Z', p: 3, e: 3 }), // 01:30 EST, again
          moment({ at: '2026-11-02T04:30:00.000Z', p: 4, e: 4 }), // 23:30 EST
          moment({ at: '2026-11-02T05:00:00.000Z', p: 0, e: 0 }), // 00:00 EST, 2 November
        ],
        { timeZone: 'America/New_York' },
      ),
    );
    expect(days['2026-11-01']?.points.map((p) => p.time)).toEqual([
      '00:00',
      '01:30',
      '01:30',
      '23:30',
    ]);
    expect(days['2026-11-01']?.count).toBe(4);
    expect(days['2026-11-02']?.count).toBe(1);
  });

  it('follows Auckland, a day ahead of UTC, across the end and start of its summer time', () => {
    const days = byDay(
      aggregateDaily(
        [
          // 5 April 2026: NZDT (UTC+13) until 03:00, then NZST (UTC+12). Midnight: 11:00 UTC.
          moment({ at: '2026-04-04T11:00:00.000Z', p: 1, e: 1 }),
          moment({ at: '2026-04-05T11:59:00.000Z', p: 3, e: 3 }), // 23:59 NZST
          // 27 September 2026: NZST until 02:00, then NZDT. It ends at 11:00 UTC.
          moment({ at: '2026-09-26T12:00:00.000Z', p: -2, e: 2 }), // 00:00 NZST
          moment({ at: '2026-09-27T10:59:00.000Z', p: -4, e: 4 }), // 23:59 NZDT
          moment({ at: '2026-09-27T11:00:00.000Z', p: 5, e: 5 }), // 00:00, 28 September
        ],
        { timeZone: 'Pacific/Auckland' },
      ),
    );
    expect(days['2026-04-05']).toMatchObject({ count: 2, pleasantness: 2, energy: 2 });
    expect(days['2026-09-27']).toMatchObject({ count: 2, pleasantness: -3, energy: 3 });
    expect(days['2026-09-28']).toMatchObject({ count: 1 });
    expect(Object.keys(days)).toHaveLength(3);
  });

  it('gives different days for the same instants in different zones', () => {
    const entries = [moment({ at: '2026-01-15T11:30:00.000Z', p: 1, e: 1 })];
    expect(aggregateDaily(entries, { timeZone: 'UTC' })[0]?.day).toBe('2026-01-15');
    expect(aggregateDaily(entries, { timeZone: 'Pacific/Auckland' })[0]?.day).toBe('2026-01-16');
    expect(aggregateDaily(entries, { timeZone: 'America/New_York' })[0]?.day).toBe('2026-01-15');
    expect(aggregateDaily(entries, { timeZone: 'Pacific/Pago_Pago' })[0]?.day).toBe('2026-01-15');
  });
});

describe('buildDayIndex', () => {
  it('keeps day-level tags and emotion words, including from entries without a mood', () => {
    const index = buildDayIndex(
      [
        noon('2026-05-04', 1, 1, { tags: ['walk'], emotions: ['calm'] }),
        moment({
          at: '2026-05-04T18:00:00.000Z',
          kind: 'entry',
          tags: ['#Friends ', 'walk'],
          emotions: [' Proud', 'proud'],
        }),
      ],
      { timeZone: 'UTC' },
    );
    const day = index.days.get(dayNumberFromKey('2026-05-04'));
    expect([...(day?.tags ?? [])].sort()).toEqual(['friends', 'walk']);
    expect(day?.emotions).toEqual(['calm', 'proud']);
    expect(day?.points).toHaveLength(1);
  });

  it('can be reused, and refuses to be read in another zone', () => {
    const index = buildDayIndex([noon('2026-05-04', 1, 1)], { timeZone: 'Europe/Berlin' });
    expect(resolveIndex(index, undefined)).toBe(index);
    expect(resolveIndex(index, 'Europe/Berlin')).toBe(index);
    expect(() => resolveIndex(index, 'UTC')).toThrow(/Europe\/Berlin/);
    expect(aggregateDaily(index)).toMatchObject([{ day: '2026-05-04', count: 1 }]);
  });
});
