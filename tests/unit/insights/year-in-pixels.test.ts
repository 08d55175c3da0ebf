import { describe, expect, it } from 'vitest';
import { yearInPixels } from '../../../src/lib/insights/year-in-pixels';
import { moment, noon } from './fixtures';

describe('yearInPixels', () => {
  it('has a cell for each day of a calendar year, 365 or 366', () => {
    const y2026 = yearInPixels([], { year: 2026, timeZone: 'UTC' });
    expect(y2026.cells).toHaveLength(365);
    expect(y2026.cells[0]).toMatchObject({ day: '2026-01-01', month: 1, dayOfMonth: 1 });
    expect(y2026.cells.at(-1)).toMatchObject({ day: '2026-12-31', month: 12, dayOfMonth: 31 });
    const y2028 = yearInPixels([], { year: 2028, timeZone: 'UTC' });
    expect(y2028.cells).toHaveLength(366);
    expect(y2028.cells.find((c) => c.month === 2 && c.dayOfMonth === 29)?.day).toBe('2028-02-29');
  });

  it('gives each cell its weekday, Monday = 1', () => {
    const { cells } = yearInPixels([], { year: 2026, timeZone: 'UTC' });
    expect(cells[0]?.weekday).toBe(4); // 1 January 2026 is a Thursday
    expect(cells.find((c) => c.day === '2026-03-09')?.weekday).toBe(1);
    expect(cells.find((c) => c.day === '2026-03-08')?.weekday).toBe(7);
  });

  it('is empty everywhere for no data', () => {
    const figure = yearInPixels([], { year: 2026, timeZone: 'UTC' });
    expect(figure.daysWithData).toBe(0);
    expect(figure.cells.every((c) => c.mood === null && c.count === 0 && c.quadrant === null)).toBe(
      true,
    );
  });

  it("holds each day's average position and its quadrant", () => {
    const figure = yearInPixels(
      [
        noon('2026-04-02', 4, 1),
        moment({ at: '2026-04-02T20:00:00.000Z', p: 2, e: -5 }),
        noon('2026-04-03', -3, 0),
        noon('2025-04-03', 5, 5), // another year
      ],
      { year: 2026, timeZone: 'UTC' },
    );
    expect(figure.daysWithData).toBe(2);
    expect(figure.cells.find((c) => c.day === '2026-04-02')).toMatchObject({
      mood: { pleasantness: 3, energy: -2 },
      count: 2,
      quadrant: 'pleasant-low',
    });
    // Energy exactly 0: on the axis, between two quadrants.
    expect(figure.cells.find((c) => c.day === '2026-04-03')?.quadrant).toBeNull();
  });

  it('shows the last 365 days ending today when no year is given', () => {
    const figure = yearInPixels([noon('2026-06-30', 1, 1)], {
      now: new Date('2026-06-30T23:00:00.000Z'),
      timeZone: 'UTC',
    });
    expect(figure.cells).toHaveLength(365);
    expect(figure.range).toMatchObject({
      kind: 'last-days',
      start: '2025-07-01',
      end: '2026-06-30',
    });
    expect(figure.cells.at(-1)?.mood).toEqual({ pleasantness: 1, energy: 1 });
  });

  it('uses local days: a check-in late on New Year’s Eve in New York belongs to the old year', () => {
    const entries = [moment({ at: '2027-01-01T03:00:00.000Z', p: 2, e: 2 })]; // 22:00 EST
    const ny = yearInPixels(entries, { year: 2026, timeZone: 'America/New_York' });
    expect(ny.cells.at(-1)?.count).toBe(1);
    expect(yearInPixels(entries, { year: 2026, timeZone: 'UTC' }).daysWithData).toBe(0);
  });

  it.each([0, 2026.5, 10_000])('refuses the year %s', (year) => {
    expect(() => yearInPixels([], { year, timeZone: 'UTC' })).toThrow(RangeError);
  });
});
