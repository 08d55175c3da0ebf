/**
 * "Last synced with Sam: today": the day this device last exchanged anything with the other
 * side of one conversation. Device-local (localStorage), like the status it describes, and
 * never written into any shared document.
 *
 * Coarse on purpose, in storage as on screen: a day (`YYYY-MM-DD`, local), never a time. A
 * record of the minutes two people were online together is a record of their habits; a day is
 * all "have we synced lately?" needs. It is written once a day at most, not every few seconds.
 */
import { addDaysToKey } from '../time/calendar';
import { dateTimeFormat, localDayKey } from '../time/dates';
import type { PeerRoomStatus } from '../sync/peer-room';

export const LAST_SYNCED_KEY = (contactId: string): string => `mull:last-synced:${contactId}`;
/**
 * While connected, how often the day is looked at again: a session left open past midnight
 * moves to the new day within this long. Nothing is written unless the day changed.
 */
export const LAST_SYNCED_STEP_MS = 60 * 60 * 1000;
/** "This week" covers today and the six days before it; earlier than that shows a date. */
export const LAST_SYNCED_WEEK_DAYS = 7;

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

export class LastSynced {
  readonly #key: string;
  #day = $state<string | null>(null);
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(contactId: string) {
    this.#key = LAST_SYNCED_KEY(contactId);
    this.#day = storedLastSynced(contactId);
  }

  /** The local day (`YYYY-MM-DD`) this device last exchanged anything with their side. */
  get day(): string | null {
    return this.#day;
  }

  /** Takes each status of the conversation's room: connected means in sync now. */
  follow(status: PeerRoomStatus | null): void {
    const connected = (status?.peers ?? 0) > 0;
    if (connected && this.#timer === undefined) {
      this.#timer = setInterval(() => this.#note(Date.now()), LAST_SYNCED_STEP_MS);
    } else if (!connected) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    const at = connected ? Date.now() : (status?.lastReceivedAt ?? null);
    if (at !== null) this.#note(at);
  }

  #note(at: number): void {
    const day = localDayKey(new Date(at));
    if (this.#day !== null && this.#day >= day) return;
    this.#day = day;
    localStorage.setItem(this.#key, day);
  }

  destroy(): void {
    clearInterval(this.#timer);
  }
}

/**
 * The day this device last noted for a contact, or null. An older Mull stored the exact time
 * (ms since the epoch): it is read as its day and stored again as only that.
 */
export function storedLastSynced(contactId: string): string | null {
  if (typeof localStorage === 'undefined') return null;
  const key = LAST_SYNCED_KEY(contactId);
  const raw = localStorage.getItem(key);
  if (raw === null) return null;
  if (DAY_KEY.test(raw)) return raw;
  const ms = Number(raw);
  if (!Number.isFinite(ms)) return null;
  const day = localDayKey(new Date(ms));
  localStorage.setItem(key, day);
  return day;
}

/** "Last synced with Sam: today", "…: this week", "…: 3 March", or that it hasn't happened. */
export function lastSyncedLabel(name: string, day: string | null, now = new Date()): string {
  if (day === null || !DAY_KEY.test(day)) return `Not synced with ${name} yet`;
  const today = localDayKey(now);
  // A day ahead of this device's clock (another zone, a clock put right) is still "today".
  if (day >= today) return `Last synced with ${name}: today`;
  if (day > addDaysToKey(today, -LAST_SYNCED_WEEK_DAYS)) {
    return `Last synced with ${name}: this week`;
  }
  const [y, m, d] = day.split('-').map(Number);
  const noon = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' };
  if (noon.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  return `Last synced with ${name}: ${dateTimeFormat(undefined, options).format(noon)}`;
}
