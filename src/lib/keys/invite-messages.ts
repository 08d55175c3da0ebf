/**
 * What a person reads when a pasted invite is refused. Each message says what is wrong and
 * what to do next, calmly, without blaming anyone; `reason` is for code, `message` for people.
 */
import { INVITE_TTL_MS } from './invite-format';

export const INVITE_ERROR_REASONS = [
  'empty',
  'too-long',
  'not-invite',
  'unknown-kind',
  'invalid-characters',
  'wrong-length',
  'unsupported-version',
  'old-version',
  'checksum-mismatch',
  'expired',
  'clock-skew',
] as const;
export type InviteErrorReason = (typeof INVITE_ERROR_REASONS)[number];

/** What some messages mention; each field is set only for the reasons that use it. */
export interface InviteErrorDetail {
  /** `unknown-kind`: the letter before the dot. */
  letter?: string;
  /** `invalid-characters`: the first character that cannot be in a code. */
  character?: string;
  /** `wrong-length`: characters found minus characters expected (negative when cut off). */
  lengthDifference?: number;
  /** `unsupported-version`: the version byte. */
  version?: number;
  /** `expired`, `clock-skew`: the invite's expiry, and the clock it was judged by. */
  expiresAt?: Date;
  now?: Date;
}

const sameLocalDay = (a: Date, b: Date): boolean => a.toDateString() === b.toDateString();

/** "14:02" in the person's locale and time zone, plus " on 3 Mar 2026" when not today. */
export function formatInviteTime(at: Date, now: Date): string {
  const time = at.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (sameLocalDay(at, now)) return time;
  const day = at.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${time} on ${day}`;
}

/** A printable name for a character, never a raw control character. */
function showCharacter(character: string): string {
  return /^[\x21-\x7e]$/.test(character) || /^\p{L}$/u.test(character)
    ? `“${character}”`
    : 'an unexpected character';
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const TTL_MINUTES = Math.round(INVITE_TTL_MS / 60_000);

const formatExpiry = (detail: InviteErrorDetail): string =>
  formatInviteTime(detail.expiresAt ?? new Date(NaN), detail.now ?? new Date());

/** The sentence a person reads for `reason`. */
export function inviteErrorMessage(reason: InviteErrorReason, detail: InviteErrorDetail): string {
  switch (reason) {
    case 'empty':
      return 'Paste an invite link or code first.';
    case 'too-long':
      return 'That is far longer than an invite. Copy just the link or the code and try again.';
    case 'not-invite':
      return 'This doesn’t look like a Mull invite. An invite is a link with “#/join/” in it, or a code that starts with “d.” or “c.”.';
    case 'unknown-kind':
      // Without a letter the kind byte inside a well-formed code was unknown: a newer Mull.
      return detail.letter === undefined
        ? 'This invite is for something this version of Mull doesn’t know. Update Mull, then try again.'
        : `This code starts with “${detail.letter}.”, which Mull doesn’t know. Invite codes start with “d.” (a device) or “c.” (a contact): check the first letter.`;
    case 'invalid-characters':
      return `The code contains ${showCharacter(detail.character ?? '')}, which can’t be part of an invite. Copy it again rather than typing it, or check for typos.`;
    case 'wrong-length': {
      const difference = detail.lengthDifference ?? 0;
      return difference < 0
        ? `This code looks cut off: it is ${plural(-difference, 'character', 'characters')} short. Copy the whole link or code again.`
        : `This code has ${plural(difference, 'character', 'characters')} too many. Paste only the link or the code, exactly as it was shared.`;
    }
    case 'unsupported-version':
      return `This invite was made by a different version of Mull (invite format ${detail.version ?? '?'}). Update Mull on both devices, then make a new invite.`;
    case 'old-version':
      return 'This invite is from an older version of Mull; ask for a new one.';
    case 'checksum-mismatch':
      return 'This code doesn’t add up — probably a typo. Copy it again rather than typing it, or ask for a new invite.';
    case 'expired':
      return `This invite expired at ${formatExpiry(detail)}. Ask for a new one — they last ${TTL_MINUTES} minutes.`;
    case 'clock-skew':
      return `This invite says it is valid until ${formatExpiry(detail)}, later than any invite can be. The clock on this device or on the one that made the invite is probably wrong: check both, then ask for a new invite.`;
  }
}
