/**
 * When Mull suggests waiting before sending, and when a chosen wait ends. A suggestion only: the
 * person picks "remind me in N minutes", "tomorrow at 9" or "send anyway", and nothing here
 * stops a message.
 */
import { ReflectError } from './errors';
import { checkTone, type ToneCheck } from '../tone';
import { addCalendarDays, instantAt, wallClockAt } from '../time/zoned-time';
import { assertInstant, assertTimeZone } from './zoned-time';

/** Default wait for "remind me in N minutes" (Settings → coolOffMinutes). */
export const COOL_OFF_MINUTES_DEFAULT = 20;
/** A wait shorter than a minute is no pause; longer than a day is what "tomorrow" is for. */
export const COOL_OFF_MINUTES_MIN = 1;
export const COOL_OFF_MINUTES_MAX = 24 * 60;
/** A check-in older than this says little about how the person feels now. */
export const RECENT_CHECK_IN_MS = 60 * 60 * 1000;
/**
 * A check-in from another device can carry a slightly later clock; up to this far "in the
 * future" still counts as just now.
 */
export const CHECK_IN_CLOCK_SKEW_MS = 5 * 60 * 1000;
/**
 * Unpleasant and high-energy on the −5…+5 grid: the corner of anger, panic and agitation, where
 * replies are most often regretted. −2 and +2 sit clearly off the neutral middle (−1…+1 is "a bit
 * off", not a state worth a pause) without waiting for the extremes.
 */
export const UNPLEASANT_AT_MOST = -2;
export const HIGH_ENERGY_AT_LEAST = 2;
/** "Tomorrow at 9": the local hour of the reminder on the next calendar day. */
export const TOMORROW_HOUR = 9;

export interface CheckInMood {
  pleasantness: number;
  energy: number;
}

export interface RecentCheckIn {
  /** ISO-8601 UTC, as stored in the vault. */
  createdAt: string;
  mood: CheckInMood | null;
}

export interface CoolOffInput {
  draft: string;
  /** The person's latest check-in, if any. */
  lastCheckIn?: RecentCheckIn | null;
  now: Date;
  /** A tone check already run on `draft` (saves running it twice). */
  tone?: ToneCheck;
}

export interface CoolOffSuggestion {
  suggest: boolean;
  /** Kind, plain sentences for the note beside the draft. */
  reasons: string[];
}

/** Whether to suggest waiting, and why, in words that describe rather than judge. */
export function suggestCoolOff(input: CoolOffInput): CoolOffSuggestion {
  assertInstant(input.now, 'now');
  const reasons: string[] = [];
  const tone = input.tone ?? checkTone(input.draft);
  if (tone.heated) {
    const noticed = tone.reasons.slice(0, 3).join('; ');
    reasons.push(`This might land harder than you mean${noticed ? ` (${noticed})` : ''}.`);
  }
  const minutesAgo = tenseCheckInMinutesAgo(input.lastCheckIn, input.now);
  if (minutesAgo !== null) {
    const when =
      minutesAgo < 1 ? 'just now' : `${minutesAgo} minute${minutesAgo === 1 ? '' : 's'} ago`;
    reasons.push(`You checked in feeling unsettled and wound up ${when}.`);
  }
  return { suggest: reasons.length > 0, reasons };
}

/** Minutes since a recent unpleasant, high-energy check-in, or null if there is none. */
function tenseCheckInMinutesAgo(
  checkIn: RecentCheckIn | null | undefined,
  now: Date,
): number | null {
  if (!checkIn?.mood) return null;
  const at = Date.parse(checkIn.createdAt);
  if (Number.isNaN(at)) return null;
  const age = now.getTime() - at;
  if (age < -CHECK_IN_CLOCK_SKEW_MS || age > RECENT_CHECK_IN_MS) return null;
  const { pleasantness, energy } = checkIn.mood;
  if (!(pleasantness <= UNPLEASANT_AT_MOST && energy >= HIGH_ENERGY_AT_LEAST)) return null;
  return Math.max(0, Math.floor(age / 60_000));
}

/**
 * The wait in minutes from a setting: a whole number from COOL_OFF_MINUTES_MIN to
 * COOL_OFF_MINUTES_MAX; anything that is not a finite number means the default, and a number out
 * of range is brought to the nearest end.
 */
export function clampCoolOffMinutes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return COOL_OFF_MINUTES_DEFAULT;
  return Math.min(COOL_OFF_MINUTES_MAX, Math.max(COOL_OFF_MINUTES_MIN, Math.round(value)));
}

export type CoolOffChoice =
  { kind: 'remind-in'; minutes: number } | { kind: 'tomorrow' } | { kind: 'send-anyway' };

/** The three choices offered, in order, with their labels. */
export function coolOffChoices(
  coolOffMinutes: unknown = COOL_OFF_MINUTES_DEFAULT,
): Array<{ choice: CoolOffChoice; label: string }> {
  const minutes = clampCoolOffMinutes(coolOffMinutes);
  return [
    { choice: { kind: 'remind-in', minutes }, label: `Remind me in ${minutes} minutes` },
    { choice: { kind: 'tomorrow' }, label: `Tomorrow at ${TOMORROW_HOUR}` },
    { choice: { kind: 'send-anyway' }, label: 'Send anyway' },
  ];
}

/**
 * When to remind the person about the kept draft, or null for "send anyway". "Tomorrow" is
 * TOMORROW_HOUR:00 on the next calendar day on the person's clock, DST included.
 */
export function reminderAt(choice: CoolOffChoice, now: Date, timeZone: string): Date | null {
  assertInstant(now, 'now');
  switch (choice.kind) {
    case 'send-anyway':
      return null;
    case 'remind-in':
      return new Date(now.getTime() + clampCoolOffMinutes(choice.minutes) * 60_000);
    case 'tomorrow': {
      assertTimeZone(timeZone);
      const tomorrow = addCalendarDays(wallClockAt(now, timeZone), 1);
      return instantAt({ ...tomorrow, hour: TOMORROW_HOUR, minute: 0, second: 0 }, timeZone);
    }
    default:
      throw new ReflectError('invalid-time', `unknown cool-off choice ${JSON.stringify(choice)}`);
  }
}
