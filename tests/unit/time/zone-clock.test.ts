import { describe, expect, it } from 'vitest';
import { dayKeyFromNumber, dayNumberFromKey } from '../../../src/lib/time/calendar';
import { localDayKey } from '../../../src/lib/time/dates';
import {
  dayNumberAt,
  startOfDayMs,
  systemTimeZone,
  zoneClock,
} from '../../../src/lib/time/zoned-time';
import { createPrng } from '../../helpers/prng';

const HOUR_MS = 3_600_000;

describe('zoneClock', () => {
  it('gives the same local day as asking Intl directly, for random instants in many zones', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Pacific/Auckland',
      'Europe/London',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'America/St_Johns',
      'Africa/Casablanca',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
    ];
    const random = createPrng(7);
    const from = Date.parse('2010-01-01T00:00:00Z');
    const to = Date.parse('2030-01-01T00:00:00Z');
    for (const zone of zones) {
      const clock = zoneClock(zone);
      for (let i = 0; i < 400; i++) {
        const ms = from + Math.floor(random.next() * (to - from));
        const iso = new Date(ms).toISOString();
        expect(dayKeyFromNumber(clock.dayAndMinute(ms).dayNumber), `${zone} ${iso}`).toBe(
          localDayKey(iso, zone),
        );
      }
    }
  });

  it("matches Intl's wall clock every 20 minutes through 2026 in zones with daylight saving", () => {
    for (const zone of [
      'America/New_York',
      'Pacific/Auckland',
      'Australia/Lord_Howe',
      'Africa/Casablanca',
    ]) {
      const clock = zoneClock(zone);
      const wall = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
      const start = Date.parse('2026-01-01T00:00:00Z');
      for (let ms = start; ms < start + 366 * 24 * HOUR_MS; ms += 20 * 60_000) {
        const { dayNumber, minuteOfDay } = clock.dayAndMinute(ms);
        const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
        const mm = String(minuteOfDay % 60).padStart(2, '0');
        const ours = `${dayKeyFromNumber(dayNumber)}, ${hh}:${mm}`;
        if (ours !== wall.format(ms))
          expect(ours, `${zone} ${new Date(ms).toISOString()}`).toBe(wall.format(ms));
      }
    }
  });

  it('follows New York across spring-forward (UTC−5 → UTC−4 at 07:00 UTC, 8 March 2026)', () => {
    const clock = zoneClock('America/New_York');
    const change = Date.parse('2026-03-08T07:00:00Z');
    expect(clock.offsetMs(change - 1)).toBe(-5 * HOUR_MS);
    expect(clock.offsetMs(change)).toBe(-4 * HOUR_MS);
    expect(clock.dayAndMinute(change - 60_000).minuteOfDay).toBe(1 * 60 + 59); // 01:59 EST
    expect(clock.dayAndMinute(change).minuteOfDay).toBe(3 * 60); // then straight to 03:00 EDT
  });

  it('follows New York across fall-back (01:00–02:00 happens twice on 1 November 2026)', () => {
    const clock = zoneClock('America/New_York');
    const first = clock.dayAndMinute(Date.parse('2026-11-01T05:30:00Z'));
    const second = clock.dayAndMinute(Date.parse('2026-11-01T06:30:00Z'));
    expect(first.minuteOfDay).toBe(90);
    expect(second.minuteOfDay).toBe(90);
    expect(dayKeyFromNumber(first.dayNumber)).toBe('2026-11-01');
    expect(dayKeyFromNumber(second.dayNumber)).toBe('2026-11-01');
  });

  it('handles half- and quarter-hour zones', () => {
    expect(zoneClock('Asia/Kathmandu').offsetMs(Date.parse('2026-06-01T00:00:00Z'))).toBe(
      (5 * 60 + 45) * 60_000,
    );
    expect(zoneClock('Asia/Kolkata').dayAndMinute(Date.parse('2026-12-31T18:30:00Z'))).toEqual({
      dayNumber: expect.any(Number) as number,
      minuteOfDay: 0,
    });
  });

  it('keeps seconds as a fraction of a minute', () => {
    expect(zoneClock('UTC').dayAndMinute(Date.parse('2026-01-01T00:01:30Z')).minuteOfDay).toBe(1.5);
  });

  it('refuses a zone Intl does not know, naming it', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
  });

  it('returns the same clock for the same zone, and defaults to the device zone', () => {
    expect(zoneClock('Pacific/Auckland')).toBe(zoneClock('Pacific/Auckland'));
    expect(zoneClock().timeZone).toBe(systemTimeZone());
  });
});

describe('startOfDayMs', () => {
  const zones = [
    'UTC',
    'Europe/Berlin',
    'Europe/London',
    'America/New_York',
    'America/Santiago', // clocks jump at midnight: the day starts at 01:00
    'America/Havana', // the same, in March
    'Australia/Lord_Howe', // half-hour daylight saving
    'Australia/Sydney', // southern hemisphere: summer time from October to April
    'Asia/Kathmandu', // UTC+5:45
    'Pacific/Kiritimati', // UTC+14
    'Pacific/Pago_Pago', // UTC−11
  ];

  it.each(zones)('is the first moment of every day of 2026 in %s', (timeZone) => {
    let day = dayNumberFromKey('2026-01-01');
    let days = 0;
    for (; day < dayNumberFromKey('2027-01-01'); day++) {
      const start = startOfDayMs(day, timeZone);
      expect(dayNumberAt(start, timeZone), `${dayKeyFromNumber(day)} ${timeZone}`).toBe(day);
      expect(dayNumberAt(start - 1, timeZone), `${dayKeyFromNumber(day)} ${timeZone}`).toBe(
        day - 1,
      );
      const hours = (startOfDayMs(day + 1, timeZone) - start) / HOUR_MS;
      expect([23, 23.5, 24, 24.5, 25]).toContain(hours);
      days++;
    }
    expect(days).toBe(365);
  });

  it('makes clock-change days 23 and 25 hours long, and Lord Howe’s 23½ and 24½', () => {
    const length = (key: string, zone: string): number => {
      const day = dayNumberFromKey(key);
      return (startOfDayMs(day + 1, zone) - startOfDayMs(day, zone)) / HOUR_MS;
    };
    expect(length('2026-03-29', 'Europe/London')).toBe(23);
    expect(length('2026-10-25', 'Europe/London')).toBe(25);
    expect(length('2026-03-08', 'America/New_York')).toBe(23);
    expect(length('2026-11-01', 'America/New_York')).toBe(25);
    expect(length('2026-10-04', 'Australia/Sydney')).toBe(23);
    expect(length('2026-04-05', 'Australia/Sydney')).toBe(25);
    expect(length('2026-10-04', 'Australia/Lord_Howe')).toBe(23.5);
    expect(length('2026-04-05', 'Australia/Lord_Howe')).toBe(24.5);
  });

  it('starts a day whose midnight is skipped at the jump (Santiago, 6 September 2026)', () => {
    // 00:00 −04 becomes 01:00 −03 at 04:00Z: the day has no midnight and starts at 01:00.
    const start = startOfDayMs(dayNumberFromKey('2026-09-06'), 'America/Santiago');
    expect(new Date(start).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});
