import { describe, expect, it } from 'vitest';
import {
  addDaysToKey,
  civilFromDayNumber,
  dayKeyFromNumber,
  dayNumberFromCivil,
  dayNumberFromKey,
  formatDayKey,
  isoWeekday,
} from '../../../src/lib/time/calendar';
import { MS_PER_DAY } from '../../../src/lib/time/zoned-time';
import { createPrng } from '../../helpers/prng';

describe('calendar day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumberFromCivil(1970, 1, 1)).toBe(0);
    expect(dayNumberFromKey('1970-01-02')).toBe(1);
    expect(dayNumberFromKey('1969-12-31')).toBe(-1);
    expect(dayKeyFromNumber(dayNumberFromCivil(2026, 3, 8))).toBe('2026-03-08');
  });

  it('agrees with Date on random days across eleven centuries', () => {
    const random = createPrng(20260308);
    for (let i = 0; i < 2000; i++) {
      const n = random.int(-200_000, 200_000); // about 1422 to 2517
      const expected = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
      expect(dayKeyFromNumber(n)).toBe(expected);
      expect(dayNumberFromKey(expected)).toBe(n);
      const { year, month, day } = civilFromDayNumber(n);
      expect(dayNumberFromCivil(year, month, day)).toBe(n);
    }
  });

  it('knows leap days', () => {
    expect(dayKeyFromNumber(dayNumberFromKey('2024-02-28') + 1)).toBe('2024-02-29');
    expect(dayKeyFromNumber(dayNumberFromKey('2026-02-28') + 1)).toBe('2026-03-01');
    expect(dayKeyFromNumber(dayNumberFromKey('2100-02-28') + 1)).toBe('2100-03-01');
    expect(dayKeyFromNumber(dayNumberFromKey('2000-02-28') + 1)).toBe('2000-02-29');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-01', 'yesterday', ''])('refuses "%s"', (key) => {
    expect(() => dayNumberFromKey(key)).toThrow(RangeError);
  });

  it('names ISO weekdays, Monday first', () => {
    expect(isoWeekday(dayNumberFromKey('1970-01-01'))).toBe(4); // a Thursday
    expect(isoWeekday(dayNumberFromKey('2026-03-09'))).toBe(1); // a Monday
    expect(isoWeekday(dayNumberFromKey('2026-03-08'))).toBe(7); // a Sunday
    expect(isoWeekday(dayNumberFromKey('1969-12-29'))).toBe(1); // before the epoch too
  });

  it('writes day keys with a four-digit year and two-digit month and day', () => {
    expect(formatDayKey({ year: 42, month: 5, day: 6 })).toBe('0042-05-06');
    expect(formatDayKey({ year: 2026, month: 11, day: 26 })).toBe('2026-11-26');
  });

  it('steps day keys by calendar days across months, years and leap days', () => {
    expect(addDaysToKey('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDaysToKey('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDaysToKey('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToKey('2026-03-29', 1)).toBe('2026-03-30'); // a 23-hour day is still one day
    expect(() => addDaysToKey('2026-02-30', 1)).toThrow(RangeError);
  });
});
