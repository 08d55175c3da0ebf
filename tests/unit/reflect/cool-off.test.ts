import { describe, expect, it } from 'vitest';
import {
  clampCoolOffMinutes,
  COOL_OFF_MINUTES_DEFAULT,
  COOL_OFF_MINUTES_MAX,
  coolOffChoices,
  HIGH_ENERGY_AT_LEAST,
  reminderAt,
  suggestCoolOff,
  UNPLEASANT_AT_MOST,
  type RecentCheckIn,
} from '../../../src/lib/reflect/cool-off';
import { ReflectError } from '../../../src/lib/reflect/errors';

const NOW = new Date('2025-05-10T18:00:00Z');
const minutesBefore = (minutes: number): string =>
  new Date(NOW.getTime() - minutes * 60_000).toISOString();
const checkIn = (minutes: number, pleasantness: number, energy: number): RecentCheckIn => ({
  createdAt: minutesBefore(minutes),
  mood: { pleasantness, energy },
});
const CALM = 'Could we talk about the trip this weekend?';

describe('suggestCoolOff', () => {
  it('suggests waiting when the draft reads heated, saying what was noticed', () => {
    const result = suggestCoolOff({ draft: 'You ALWAYS do this. Thanks for nothing.', now: NOW });
    expect(result.suggest).toBe(true);
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toMatch(
      /^This might land harder than you mean \(.*'you always'.*\)\.$/,
    );
  });

  it('suggests nothing for a calm draft and no check-in', () => {
    expect(suggestCoolOff({ draft: CALM, now: NOW })).toEqual({ suggest: false, reasons: [] });
    expect(suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: null }).suggest).toBe(false);
  });

  it('suggests waiting after an unpleasant, high-energy check-in within the hour', () => {
    const result = suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(30, -3, 4) });
    expect(result).toEqual({
      suggest: true,
      reasons: ['You checked in feeling unsettled and wound up 30 minutes ago.'],
    });
  });

  it('uses the thresholds inclusively: pleasantness ≤ −2 and energy ≥ 2', () => {
    const p = UNPLEASANT_AT_MOST;
    const e = HIGH_ENERGY_AT_LEAST;
    expect(suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(5, p, e) }).suggest).toBe(
      true,
    );
    expect(
      suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(5, p + 1, e) }).suggest,
    ).toBe(false);
    expect(
      suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(5, p, e - 1) }).suggest,
    ).toBe(false);
    // Unpleasant but low energy (sad, tired) is not the agitated state a pause is for.
    expect(suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(5, -5, -3) }).suggest).toBe(
      false,
    );
  });

  it('counts a check-in up to exactly an hour old, and not older', () => {
    expect(suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(60, -4, 4) }).suggest).toBe(
      true,
    );
    expect(suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(61, -4, 4) }).suggest).toBe(
      false,
    );
  });

  it('treats a check-in a few minutes in the future (another device’s clock) as just now', () => {
    const result = suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(-2, -4, 4) });
    expect(result.reasons).toEqual(['You checked in feeling unsettled and wound up just now.']);
    expect(
      suggestCoolOff({ draft: CALM, now: NOW, lastCheckIn: checkIn(-30, -4, 4) }).suggest,
    ).toBe(false);
  });

  it('ignores a check-in without a mood or with an unreadable time', () => {
    expect(
      suggestCoolOff({
        draft: CALM,
        now: NOW,
        lastCheckIn: { createdAt: minutesBefore(5), mood: null },
      }).suggest,
    ).toBe(false);
    expect(
      suggestCoolOff({
        draft: CALM,
        now: NOW,
        lastCheckIn: { createdAt: 'yesterday', mood: { pleasantness: -5, energy: 5 } },
      }).suggest,
    ).toBe(false);
  });

  it('gives both reasons when both hold, and says "1 minute" in the singular', () => {
    const result = suggestCoolOff({ draft: 'Shut up.', now: NOW, lastCheckIn: checkIn(1, -3, 3) });
    expect(result.reasons).toHaveLength(2);
    expect(result.reasons[1]).toContain('1 minute ago');
  });

  it('uses a tone check passed in rather than running its own', () => {
    const tone = { heated: true, score: 1, reasons: ['all capitals'] };
    expect(suggestCoolOff({ draft: CALM, now: NOW, tone }).reasons).toEqual([
      'This might land harder than you mean (all capitals).',
    ]);
  });

  it('describes rather than judges', () => {
    const { reasons } = suggestCoolOff({
      draft: 'You are pathetic!!!',
      now: NOW,
      lastCheckIn: checkIn(3, -5, 5),
    });
    for (const reason of reasons) {
      expect(reason).not.toMatch(/\b(?:you are|you're|angry|aggressive|rude|wrong|should|must)\b/i);
    }
  });
});

describe('cool-off choices', () => {
  it('offers remind in N minutes (default 20), tomorrow at 9, and send anyway, in that order', () => {
    expect(coolOffChoices().map((c) => c.label)).toEqual([
      'Remind me in 20 minutes',
      'Tomorrow at 9',
      'Send anyway',
    ]);
    expect(coolOffChoices(45)[0]).toEqual({
      choice: { kind: 'remind-in', minutes: 45 },
      label: 'Remind me in 45 minutes',
    });
  });

  it('clamps the configured wait: bad values mean the default, out-of-range values the nearest end', () => {
    expect(clampCoolOffMinutes(undefined)).toBe(COOL_OFF_MINUTES_DEFAULT);
    expect(clampCoolOffMinutes(Number.NaN)).toBe(COOL_OFF_MINUTES_DEFAULT);
    expect(clampCoolOffMinutes('30')).toBe(COOL_OFF_MINUTES_DEFAULT);
    expect(clampCoolOffMinutes(0)).toBe(1);
    expect(clampCoolOffMinutes(10_000)).toBe(COOL_OFF_MINUTES_MAX);
    expect(clampCoolOffMinutes(14.6)).toBe(15);
  });
});

describe('reminderAt', () => {
  it('reminds N minutes from now, and not at all for "send anyway"', () => {
    expect(
      reminderAt({ kind: 'remind-in', minutes: 20 }, NOW, 'Europe/London')?.toISOString(),
    ).toBe('2025-05-10T18:20:00.000Z');
    expect(reminderAt({ kind: 'send-anyway' }, NOW, 'Europe/London')).toBeNull();
  });

  it('puts "tomorrow at 9" at 09:00 on the next day of the person’s clock, across DST changes', () => {
    const tomorrow = { kind: 'tomorrow' } as const;
    // Saturday 29 March 2025, 22:00 GMT in London; Sunday is BST, so 09:00 is 08:00Z.
    expect(
      reminderAt(tomorrow, new Date('2025-03-29T22:00:00Z'), 'Europe/London')?.toISOString(),
    ).toBe('2025-03-30T08:00:00.000Z');
    // Saturday 1 November 2025, 23:30 EDT in New York; Sunday is EST, so 09:00 is 14:00Z.
    expect(
      reminderAt(tomorrow, new Date('2025-11-02T03:30:00Z'), 'America/New_York')?.toISOString(),
    ).toBe('2025-11-02T14:00:00.000Z');
    // 02:00 on 1 June in Kathmandu is still "today" there: tomorrow is 2 June, 09:00 = 03:15Z.
    expect(
      reminderAt(tomorrow, new Date('2025-05-31T20:15:00Z'), 'Asia/Kathmandu')?.toISOString(),
    ).toBe('2025-06-02T03:15:00.000Z');
  });

  it('refuses an unknown time zone for "tomorrow"', () => {
    expect(() => reminderAt({ kind: 'tomorrow' }, NOW, 'Nowhere/Special')).toThrow(ReflectError);
  });
});
