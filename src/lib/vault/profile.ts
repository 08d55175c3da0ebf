/**
 * What a person tells their contacts about themselves — a name, a reply window in their own
 * words, quiet hours — and the private timing preferences for replies. All in the vault's
 * `settings`, so every one of their devices agrees.
 */
import type * as Y from 'yjs';
import { settingsOf } from './doc';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { MAX_NAME_LENGTH, MAX_REPLY_WINDOW_LENGTH, SETTING } from './schema';
import { isClockTime } from './settings';
import { capText } from '../util/text';
import { isKnownTimeZone } from '../time/zoned-time';

export interface QuietHoursSetting {
  /** "HH:MM" local to `timeZone`; start == end means no quiet hours. */
  start: string;
  end: string;
  timeZone: string;
}

export interface Profile {
  displayName: string;
  /** Stable random id that stands for this person in every conversation. */
  memberId: string;
  replyWindow: string;
  quietHours: QuietHoursSetting | null;
  undoSeconds: number;
  coolOffMinutes: number;
  notificationPreview: boolean;
}

/** The name shown for a person who gave none (my card, an invite, a contact). */
export const FALLBACK_NAME = 'Someone';

export const DEFAULT_UNDO_SECONDS = 10;
export const DEFAULT_COOL_OFF_MINUTES = 20;

const clampInt = (v: unknown, min: number, max: number, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v)
    ? Math.min(max, Math.max(min, Math.round(v)))
    : fallback;

/** Collapses whitespace and caps the length without ever cutting an emoji in half. */
export function cleanText(value: string, max: number): string {
  return Array.from(value.replace(/\s+/g, ' ').trim()).slice(0, max).join('').trim();
}

export function readQuietHours(raw: unknown): QuietHoursSetting | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { start, end, timeZone } = raw as Record<string, unknown>;
  return isClockTime(start) && isClockTime(end) && isKnownTimeZone(timeZone)
    ? { start, end, timeZone }
    : null;
}

/** The `settings` keys a profile is read from (a reader of the profile follows only these). */
export const PROFILE_SETTINGS: readonly string[] = [
  SETTING.displayName,
  SETTING.memberId,
  SETTING.replyWindow,
  SETTING.quietHours,
  SETTING.undoSeconds,
  SETTING.coolOffMinutes,
  SETTING.notificationPreview,
];

export function readProfile(doc: Y.Doc): Profile {
  const s = settingsOf(doc);
  const name = s.get(SETTING.displayName);
  const memberId = s.get(SETTING.memberId);
  const replyWindow = s.get(SETTING.replyWindow);
  return {
    displayName: typeof name === 'string' ? capText(name, MAX_NAME_LENGTH) : '',
    memberId: typeof memberId === 'string' ? memberId : '',
    replyWindow:
      typeof replyWindow === 'string' ? capText(replyWindow, MAX_REPLY_WINDOW_LENGTH) : '',
    quietHours: readQuietHours(s.get(SETTING.quietHours)),
    undoSeconds: clampInt(s.get(SETTING.undoSeconds), 0, 60, DEFAULT_UNDO_SECONDS),
    coolOffMinutes: clampInt(s.get(SETTING.coolOffMinutes), 1, 24 * 60, DEFAULT_COOL_OFF_MINUTES),
    notificationPreview: s.get(SETTING.notificationPreview) === true,
  };
}

/**
 * Gives the person a member id if they have none. Two devices doing this at once before they
 * have met would each pick one; the later write wins everywhere, which is fine because no
 * conversation exists yet (a member id is first used when a contact is added, after sync).
 */
export function ensureMemberId(doc: Y.Doc): string {
  const current = readProfile(doc).memberId;
  if (current) return current;
  const id = crypto.randomUUID();
  doc.transact(() => settingsOf(doc).set(SETTING.memberId, id), ORIGIN.local);
  return id;
}

export interface ProfilePatch {
  displayName?: string;
  replyWindow?: string;
  quietHours?: QuietHoursSetting | null;
  undoSeconds?: number;
  coolOffMinutes?: number;
  notificationPreview?: boolean;
}

export function updateProfile(doc: Y.Doc, patch: ProfilePatch): void {
  if (patch.quietHours && !readQuietHours(patch.quietHours)) {
    throw new VaultError(
      'invalid-setting',
      'Quiet hours need a start, an end (HH:MM) and a time zone',
    );
  }
  for (const [key, value, min, max] of [
    ['undoSeconds', patch.undoSeconds, 0, 60],
    ['coolOffMinutes', patch.coolOffMinutes, 1, 24 * 60],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value < min || value > max)) {
      throw new VaultError('invalid-setting', `${key} must be from ${min} to ${max}`);
    }
  }
  const s = settingsOf(doc);
  doc.transact(() => {
    if (patch.displayName !== undefined) {
      s.set(SETTING.displayName, cleanText(patch.displayName, MAX_NAME_LENGTH));
    }
    if (patch.replyWindow !== undefined) {
      s.set(SETTING.replyWindow, cleanText(patch.replyWindow, MAX_REPLY_WINDOW_LENGTH));
    }
    if (patch.quietHours !== undefined) s.set(SETTING.quietHours, patch.quietHours);
    if (patch.undoSeconds !== undefined) s.set(SETTING.undoSeconds, Math.round(patch.undoSeconds));
    if (patch.coolOffMinutes !== undefined) {
      s.set(SETTING.coolOffMinutes, Math.round(patch.coolOffMinutes));
    }
    if (patch.notificationPreview !== undefined) {
      s.set(SETTING.notificationPreview, patch.notificationPreview);
    }
  }, ORIGIN.local);
}
