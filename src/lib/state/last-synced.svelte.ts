/**
 * "Last synced with Sam: 3 h ago": when this device last exchanged anything with the other
 * side of one conversation. Device-local (localStorage), like the status it describes.
 */
import type { PeerRoomStatus } from '../sync/peer-room';

export const LAST_SYNCED_KEY = (contactId: string): string => `mull:last-synced:${contactId}`;
/** While connected, the note is renewed this often; finer than the "3 min ago" it shows. */
export const LAST_SYNCED_STEP_MS = 30_000;

export class LastSynced {
  readonly #key: string;
  #at = $state<number | null>(null);
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(contactId: string) {
    this.#key = LAST_SYNCED_KEY(contactId);
    this.#at = storedLastSynced(contactId);
  }

  /** `Date.now()` when this device last exchanged anything with their side, or null. */
  get at(): number | null {
    return this.#at;
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
    if ((this.#at ?? 0) > at - LAST_SYNCED_STEP_MS) return;
    this.#at = at;
    localStorage.setItem(this.#key, String(at));
  }

  destroy(): void {
    clearInterval(this.#timer);
  }
}

/** What this device last noted for a contact, or null. */
export function storedLastSynced(contactId: string): number | null {
  const key = LAST_SYNCED_KEY(contactId);
  const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}
