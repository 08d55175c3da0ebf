/**
 * When a reply leaves: the undo window after "Send", and scheduled sends ("Send at…", "when their
 * quiet hours end").
 *
 * Sending is idempotent by id: a message's id is its draft's id (DESIGN.md §2), so when two of my
 * devices both find the same draft due, or a send is retried, both write the same key of the
 * conversation's `messages` map and nothing is duplicated. Nothing here writes; the conversation
 * code does, keyed by `draft.id`.
 */
import type { DraftState } from '../vault/drafts';
import { ReflectError } from './errors';
import { quietHoursEnd, type QuietHours } from './quiet-hours';
import { assertInstant } from './zoned-time';

/** Seconds during which "Undo" can take a sent reply back (Settings → undoSeconds). */
export const UNDO_SECONDS_DEFAULT = 10;
export const UNDO_SECONDS_MIN = 0;
export const UNDO_SECONDS_MAX = 60;

/**
 * The undo window from a setting. A finite number is rounded to whole seconds and brought into
 * UNDO_SECONDS_MIN…UNDO_SECONDS_MAX (−5 → 0, 90 → 60); anything else — missing, NaN, Infinity, a
 * string — means the default, because a broken setting should behave like an unset one.
 */
export function clampUndoSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return UNDO_SECONDS_DEFAULT;
  return Math.min(UNDO_SECONDS_MAX, Math.max(UNDO_SECONDS_MIN, Math.round(value)));
}

function toInstant(value: Date | string, what: string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new ReflectError('invalid-date', `${what} must be a valid time, got ${String(value)}`);
  }
  return date;
}

/** When the undo window for a send requested at `requestedAt` closes. */
export function undoDeadline(requestedAt: Date | string, undoSeconds: unknown): Date {
  const at = toInstant(requestedAt, 'requestedAt');
  return new Date(at.getTime() + clampUndoSeconds(undoSeconds) * 1000);
}

/** True while "Undo" still works: before the deadline (with 0 seconds, never). */
export function isUndoable(requestedAt: Date | string, undoSeconds: unknown, now: Date): boolean {
  assertInstant(now, 'now');
  return now.getTime() < undoDeadline(requestedAt, undoSeconds).getTime();
}

export type SendAtChoice =
  | { kind: 'at'; at: Date | string }
  /** When the recipient's quiet hours end (now, if they are not in them). */
  | { kind: 'after-their-quiet-hours'; quietHours: QuietHours };

/**
 * The ISO-8601 UTC `sendAt` for a scheduled send. A time already past means "as soon as
 * possible", i.e. now.
 */
export function scheduleSendAt(choice: SendAtChoice, now: Date): string {
  assertInstant(now, 'now');
  const at =
    choice.kind === 'at'
      ? toInstant(choice.at, 'the send time')
      : quietHoursEnd(now, choice.quietHours);
  return new Date(Math.max(at.getTime(), now.getTime())).toISOString();
}

/** The part of a vault draft (DESIGN.md §2) that scheduling needs. */
export interface DraftTiming {
  id: string;
  state: DraftState;
  /** ISO-8601 UTC. */
  sendAt?: string | null;
}

/**
 * Scheduled drafts whose time has come, earliest first (ties by id, so every device agrees on the
 * order). A scheduled draft whose sendAt is missing or unreadable is left alone rather than sent
 * at a time nobody chose.
 */
export function dueDrafts<T extends DraftTiming>(drafts: Iterable<T>, now: Date): T[] {
  assertInstant(now, 'now');
  const due: Array<{ draft: T; at: number }> = [];
  for (const draft of drafts) {
    if (draft.state !== 'scheduled' || typeof draft.sendAt !== 'string') continue;
    const at = Date.parse(draft.sendAt);
    if (!Number.isNaN(at) && at <= now.getTime()) due.push({ draft, at });
  }
  return due
    .sort((a, b) => a.at - b.at || (a.draft.id < b.draft.id ? -1 : a.draft.id > b.draft.id ? 1 : 0))
    .map((d) => d.draft);
}
