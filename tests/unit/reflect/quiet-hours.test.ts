import { describe, expect, it } from 'vitest';
import { ReflectError } from '../../../src/lib/reflect/errors';
import {
  isInQuietHours,
  parseClockTime,
  quietHoursEnd,
  type QuietHours,
} from '../../../src/lib/reflect/quiet-hours';
import { offsetMsAt, wallClockAt } from '../../../src/lib/time/zoned-time';
import { createPrng } from '../../helpers/prng';

const at = (isoTime: string): Date => new Date(isoTime);
const endOf = (now: string, qh: QuietHours): string => quietHoursEnd(at(now), qh).toISOString();

describe('quiet hours input', () => {
  it.each(['7:30', '24:00', '12:60', '', '12:30:00', ' 12:30', 1230, null])(
    'refuses the time %j with a message naming the field',
    (bad) => {
      const qh = { start: bad, end: '07:00', timeZone: 'Europe/London' } as unknown as QuietHours;
      expect(() => isInQuietHours(at('2025-01-01T00:00:00Z'), qh)).toThrow(ReflectError);
      expect(() => isInQuietHours(at('2025-01-01T00:00:00Z'), qh)).toThrow(
        /quiet hours start must be a 24-hour time "HH:MM"/,
      );
    },
  );

  it('refuses an unknown time zone and an invalid date', () => {
    const qh = { start: '22:00', end: '07:00', timeZone: 'Europe/Atlantis' };
    expect(() => isInQuietHours(at('2025-01-01T00:00:00Z'), qh)).toThrow(
      'unknown time zone "Europe/Atlantis"',
    );
    const ok = { start: '22:00', end: '07:00', timeZone: 'Europe/London' };
    expect(() => quietHoursEnd(new Date(NaN), ok)).toThrow('now must be a valid Date');
  });

  it('parses HH:MM into hour and minute', () => {
    expect(parseClockTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseClockTime('23:59')).toEqual({ hour: 23, minute: 59 });
  });
});

describe('isInQuietHours and quietHoursEnd', () => {
  const london = { start: '22:00', end: '07:00', timeZone: 'Europe/London' };

  it('means no quiet hours at all when start equals end', () => {
    const none = { start: '09:00', end: '09:00', timeZone: 'Europe/London' };
    expect(isInQuietHours(at('2025-01-01T09:00:00Z'), none)).toBe(false);
    expect(endOf('2025-01-01T09:00:00Z', none)).toBe('2025-01-01T09:00:00.000Z');
  });

  it('handles a window that crosses midnight, start included and end excluded', () => {
    expect(isInQuietHours(at('2025-01-10T21:59:59Z'), london)).toBe(false);
    expect(isInQuietHours(at('2025-01-10T22:00:00Z'), london)).toBe(true);
    expect(isInQuietHours(at('2025-01-11T06:59:59Z'), london)).toBe(true);
    expect(isInQuietHours(at('2025-01-11T07:00:00Z'), london)).toBe(false);
    expect(endOf('2025-01-10T23:30:00Z', london)).toBe('2025-01-11T07:00:00.000Z');
    expect(endOf('2025-01-11T03:00:00Z', london)).toBe('2025-01-11T07:00:00.000Z');
  });

  it('returns now itself when outside quiet hours', () => {
    expect(endOf('2025-01-10T12:34:56.789Z', london)).toBe('2025-01-10T12:34:56.789Z');
  });

  it('handles a same-day window in a +5:45 zone (Asia/Kathmandu)', () => {
    const lunch = { start: '13:00', end: '14:00', timeZone: 'Asia/Kathmandu' };
    expect(isInQuietHours(at('2025-06-01T07:14:59Z'), lunch)).toBe(false);
    expect(isInQuietHours(at('2025-06-01T07:15:00Z'), lunch)).toBe(true); // 13:00 local
    expect(endOf('2025-06-01T07:30:00Z', lunch)).toBe('2025-06-01T08:15:00.000Z'); // 14:00
  });

  it('follows the London clocks across spring-forward (the night is an hour shorter)', () => {
    // 30 March 2025: the window starts 22:00 GMT (22:00Z) and ends 07:00 BST (06:00Z).
    expect(endOf('2025-03-29T22:30:00Z', london)).toBe('2025-03-30T06:00:00.000Z');
    expect(isInQuietHours(at('2025-03-30T06:30:00Z'), london)).toBe(false);
  });

  it('moves an end at 02:30 on a New York spring-forward night on by the jump, to 03:30', () => {
    const qh = { start: '22:00', end: '02:30', timeZone: 'America/New_York' };
    // 9 March 2025: 01:59:59 EST (06:59:59Z) is followed by 03:00 EDT (07:00Z); 02:30 never
    // comes, so the window lasts its usual 4½ hours, until 03:30 EDT (07:30Z).
    expect(isInQuietHours(at('2025-03-09T07:00:00Z'), qh)).toBe(true);
    expect(isInQuietHours(at('2025-03-09T07:29:59Z'), qh)).toBe(true);
    expect(isInQuietHours(at('2025-03-09T07:30:00Z'), qh)).toBe(false);
    expect(endOf('2025-03-09T04:00:00Z', qh)).toBe('2025-03-09T07:30:00.000Z');
  });

  it('lasts until the second 01:30 on a New York fall-back night', () => {
    const qh = { start: '22:00', end: '01:30', timeZone: 'America/New_York' };
    // 2 November 2025: 01:00–02:00 happens twice; the second 01:30 EST is 06:30Z.
    for (const t of ['2025-11-02T05:15:00Z', '2025-11-02T05:45:00Z', '2025-11-02T06:15:00Z']) {
      expect(isInQuietHours(at(t), qh), t).toBe(true);
      expect(endOf(t, qh)).toBe('2025-11-02T06:30:00.000Z');
    }
    expect(isInQuietHours(at('2025-11-02T06:30:00Z'), qh)).toBe(false);
  });

  it('starts a window at the first of two repeated start times', () => {
    const qh = { start: '01:30', end: '03:00', timeZone: 'America/New_York' };
    expect(isInQuietHours(at('2025-11-02T05:29:59Z'), qh)).toBe(false);
    expect(isInQuietHours(at('2025-11-02T05:30:00Z'), qh)).toBe(true); // first 01:30 (EDT)
    expect(endOf('2025-11-02T05:30:00Z', qh)).toBe('2025-11-02T08:00:00.000Z'); // 03:00 EST
  });

  it('moves a window inside the skipped hour on by the jump, keeping its length', () => {
    const qh = { start: '02:10', end: '02:40', timeZone: 'America/New_York' };
    // 9 March 2025: 02:10–02:40 never shows on the clock; the window is 03:10–03:40 EDT.
    const inside: string[] = [];
    for (
      let t = Date.parse('2025-03-09T06:00:00Z');
      t < Date.parse('2025-03-09T09:00:00Z');
      t += 60_000
    ) {
      if (isInQuietHours(new Date(t), qh)) inside.push(new Date(t).toISOString());
    }
    expect(inside).toHaveLength(30);
    expect(inside[0]).toBe('2025-03-09T07:10:00.000Z');
    expect(isInQuietHours(at('2025-03-10T06:20:00Z'), qh)).toBe(true); // 02:20 EDT the next night
  });

  it('has no window when the jump moves its start past its end', () => {
    // 9 March 2025: 02:50 is moved on to 03:50 EDT, after the 03:10 end.
    const qh = { start: '02:50', end: '03:10', timeZone: 'America/New_York' };
    for (
      let t = Date.parse('2025-03-09T06:00:00Z');
      t < Date.parse('2025-03-09T09:00:00Z');
      t += 60_000
    ) {
      expect(isInQuietHours(new Date(t), qh)).toBe(false);
    }
  });

  it('follows Lord Howe half-hour DST changes in both directions', () => {
    const qh = { start: '23:00', end: '02:15', timeZone: 'Australia/Lord_Howe' };
    // 5 October 2025: 02:00 becomes 02:30, so 02:15 is skipped: the window ends at 02:45 (+11).
    expect(endOf('2025-10-04T14:00:00Z', qh)).toBe('2025-10-04T15:45:00.000Z');
    const back = { start: '23:00', end: '01:45', timeZone: 'Australia/Lord_Howe' };
    // 6 April 2025: 01:30–02:00 repeats; the window lasts until the second 01:45 (15:15Z).
    expect(endOf('2025-04-05T14:50:00Z', back)).toBe('2025-04-05T15:15:00.000Z');
  });

  it('agrees with the wall clock and ends exactly at quietHoursEnd, at random times and windows', () => {
    const prng = createPrng(20251102);
    const zones = [
      'Europe/London',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'UTC',
    ];
    const hhmm = (minutes: number): string =>
      `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    const DAY_MS = 86_400_000;
    let compared = 0;
    for (let i = 0; i < 400; i++) {
      const qh = {
        start: hhmm(prng.int(0, 95) * 15),
        end: hhmm(prng.int(0, 95) * 15),
        timeZone: prng.pick(zones),
      };
      const now = new Date(
        Date.parse('2025-01-01T00:00:00Z') + prng.int(0, 365 * 24 * 60) * 60_000,
      );
      const inside = isInQuietHours(now, qh);
      const end = quietHoursEnd(now, qh);
      if (inside) {
        expect(end.getTime()).toBeGreaterThan(now.getTime());
        expect(isInQuietHours(end, qh)).toBe(false);
        expect(isInQuietHours(new Date(end.getTime() - 1), qh)).toBe(true);
      } else {
        expect(end.getTime()).toBe(now.getTime());
      }
      // Away from DST changes, "inside" is simply "the clock reads from start up to end".
      const t = now.getTime();
      if (offsetMsAt(t - DAY_MS, qh.timeZone) !== offsetMsAt(t + DAY_MS, qh.timeZone)) continue;
      const clock = wallClockAt(now, qh.timeZone);
      const m = clock.hour * 60 + clock.minute;
      const [s, e] = [minutesOf(qh.start), minutesOf(qh.end)];
      const byClock = s === e ? false : s < e ? m >= s && m < e : m >= s || m < e;
      expect(inside, `${JSON.stringify(qh)} at ${now.toISOString()}`).toBe(byClock);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });
});
