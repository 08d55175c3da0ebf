import { describe, expect, it } from 'vitest';
import { buildDayIndex } from '../../../src/lib/insights/day-index';
import { moodOverTime } from '../../../src/lib/insights/mood-over-time';
import { MOOD_PERIODS } from '../../../src/lib/insights/period';
import { moment, noon } from './fixtures';

const now = new Date('2026-06-30T15:00:00.000Z');

describe('moodOverTime', () => {
  it.each(MOOD_PERIODS)('has one record per day for %i days, ending today', (days) => {
    const figure = moodOverTime([], { days, now, timeZone: 'UTC' });
    expect(figure.days).toHaveLength(days);
    expect(figure.range.end).toBe('2026-06-30');
    expect(figure.days.at(-1)?.day).toBe('2026-06-30');
    expect(figure.days[0]?.day).toBe(figure.range.start);
    expect(new Set(figure.days.map((d) => d.day)).size).toBe(days);
  });

  it('marks days without data as such, with no numbers to plot', () => {
    const figure = moodOverTime([], { days: 7, now, timeZone: 'UTC' });
    expect(figure.daysWithData).toBe(0);
    expect(figure.pointCount).toBe(0);
    expect(figure.average).toBeNull();
    expect(figure.days.every((d) => !d.hasData && d.pleasantness === null && d.count === 0)).toBe(
      true,
    );
  });

  it('carries daily means and the individual check-ins for the days that have them', () => {
    const figure = moodOverTime(
      [
        noon('2026-06-28', 4, -2),
        moment({ at: '2026-06-28T21:00:00.000Z', p: 2, e: 0 }),
        noon('2026-06-30', -1, 3),
        noon('2026-06-20', 5, 5), // before the 7-day period
      ],
      { days: 7, now, timeZone: 'UTC' },
    );
    const d28 = figure.days.find((d) => d.day === '2026-06-28');
    expect(d28).toMatchObject({ hasData: true, pleasantness: 3, energy: -1, count: 2 });
    expect(d28?.points.map((p) => [p.time, p.pleasantness, p.energy])).toEqual([
      ['12:00', 4, -2],
      ['21:00', 2, 0],
    ]);
    expect(figure.days.find((d) => d.day === '2026-06-29')?.hasData).toBe(false);
    expect(figure.daysWithData).toBe(2);
    expect(figure.pointCount).toBe(3);
    // Each day counts once: (3 + −1) / 2 and (−1 + 3) / 2.
    expect(figure.average).toEqual({ pleasantness: 1, energy: 1 });
  });

  it('ends on the local today: just after midnight in Auckland is already tomorrow there', () => {
    // 12:30 UTC on 30 June is 00:30 on 1 July in Auckland (UTC+12).
    const late = new Date('2026-06-30T12:30:00.000Z');
    expect(moodOverTime([], { days: 7, now: late, timeZone: 'Pacific/Auckland' }).range.end).toBe(
      '2026-07-01',
    );
    expect(moodOverTime([], { days: 7, now: late, timeZone: 'UTC' }).range.end).toBe('2026-06-30');
  });

  it('has every calendar day once across a daylight-saving change', () => {
    const figure = moodOverTime([], {
      days: 7,
      now: new Date('2026-03-11T12:00:00.000Z'),
      timeZone: 'America/New_York',
    });
    expect(figure.days.map((d) => d.day)).toEqual([
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
    ]);
  });

  it('reads from a prebuilt index as from the entries', () => {
    const entries = [noon('2026-06-28', 4, -2), noon('2026-06-29', 1, 1)];
    const index = buildDayIndex(entries, { timeZone: 'Europe/Berlin' });
    expect(moodOverTime(index, { days: 30, now })).toEqual(
      moodOverTime(entries, { days: 30, now, timeZone: 'Europe/Berlin' }),
    );
  });

  it.each([0, -7, 2.5, 100_000, Number.NaN])('refuses a period of %s days', (days) => {
    expect(() => moodOverTime([], { days, now, timeZone: 'UTC' })).toThrow(RangeError);
  });
});
