/**
 * What one conversation room may cost this device (DESIGN.md §4: a contact's client gone rogue
 * gets "a bounded share of my storage and CPU", never my journal's start-up or quota).
 *
 * Two limits, checked on every whole message a peer sends, after peer-guard.ts and before
 * y-webrtc (and so Yjs, and so storage) sees it:
 *
 *   peer message ──▶ guard ──▶ RoomBudget.admit ──▶ y-webrtc ──▶ Yjs ──▶ IndexedDB / SQLite
 *                                  │
 *                                  └─ over the rate, or past the storage budget:
 *                                     dropped, connection closed, `exceeded` emitted once;
 *                                     the owner leaves the room (nothing more is taken from it)
 *
 * - Storage: CONVERSATION_BUDGET_BYTES per conversation, counted from what is stored (the
 *   stored size at load, kept in the database itself — see `storedBytesOf`) plus every update
 *   admitted since. A message that would pass it is refused.
 * - Rate: per peer, a token bucket of messages and one of update bytes, generous for two
 *   people writing to each other (Mull sends whole messages, a handful a minute) and for a
 *   catch-up sync (one whole document, at most MAX_PEER_MESSAGE_BYTES.conv, at once).
 *
 * The storage budget outlives a reload: `markOverBudget` writes a mark into the conversation's
 * own database, and a marked (or over-size) conversation is not loaded again (`readBudgetRecord`
 * reads only two small keys). The rate limit holds for this session: the next start tries again.
 *
 * The app and the home peer share these numbers (server/home-peer uses this module too).
 */
import { ObservableV2 } from 'lib0/observable';
import { TokenBucket } from '../util/token-bucket';
import {
  CUSTOM_STORE,
  openYDatabase,
  requestToPromise,
  rowBytes,
  transactionDone,
  UPDATES_STORE,
} from './idb';
import { MAX_PEER_MESSAGE_BYTES, MESSAGE } from './peer-guard';

/**
 * The most one conversation keeps on a device: 50 MB (decimal, as people read sizes). A
 * conversation holds only sent messages of at most 20,000 characters each: 50 MB is thousands
 * of long letters, far past what two people write, and small beside a browser's quota.
 */
export const CONVERSATION_BUDGET_BYTES = 50_000_000;

/**
 * The most messages one conversation keeps: bytes alone would let a contact send hundreds of
 * thousands of one-letter messages within 50 MB, each costing memory and time on every
 * rebuild of the screen. 20,000 is twenty a day for almost three years. Counted with deleted
 * ones (their keys stay in the document).
 */
export const MAX_CONVERSATION_MESSAGES = 20_000;

/** How the limit reads on screen and in logs ("50 MB"). */
export const CONVERSATION_BUDGET_LABEL = `${CONVERSATION_BUDGET_BYTES / 1_000_000} MB`;

export interface PeerRate {
  /** Messages a peer may send in a burst, and per minute after that. */
  messageBurst: number;
  messagesPerMinute: number;
  /** Update bytes a peer may send in a burst, and per minute after that. */
  byteBurst: number;
  bytesPerMinute: number;
}

/**
 * Per peer. Messages: a reconnect is two or three, a sent message one (and its echo), so 600 at
 * once and 300 a minute is a hundred times what two people do. Bytes: one whole catch-up sync
 * (the largest message the guard lets through) plus a mebibyte, then a mebibyte a minute —
 * fifty long letters a minute.
 */
export const PEER_RATE: Readonly<PeerRate> = {
  messageBurst: 600,
  messagesPerMinute: 300,
  byteBurst: MAX_PEER_MESSAGE_BYTES.conv + 1024 * 1024,
  bytesPerMinute: 1024 * 1024,
};

/**
 * Sync step 1 (a state vector) asks this side to send the whole document it lacks: cheap to
 * send, costly to answer. A connecting peer sends one; a room gets at most this many at once,
 * then a few a minute — counted per room, not per peer, as a contact chooses its peer ids.
 */
export const STEP1_RATE = { burst: 8, perMinute: 4 } as const;

export type BudgetReason = 'storage' | 'rate';

/** Keys in y-indexeddb's `custom` store (y-indexeddb itself never reads these). */
export const STORED_BYTES_KEY = 'mull:stored-bytes';
export const OVER_BUDGET_KEY = 'mull:over-budget';
export const OVER_RATE_KEY = 'mull:over-rate';

/**
 * How long a conversation whose peer went over the rate stays out of its room: an hour,
 * remembered in its database (OVER_RATE_KEY), so a reload or a restart does not hand a flooding
 * client a fresh burst (and the person still sees why). Then it joins again, with fresh buckets.
 */
export const RATE_PAUSE_MS = 60 * 60 * 1000;

/** y-protocols' sync step 1 (a state vector: nothing to store). */
const SYNC_STEP1 = 0;

const isStep1 = (message: Uint8Array): boolean =>
  message[0] === MESSAGE.sync && message[1] === SYNC_STEP1;

/** Bytes of a whole y-webrtc message that may end up stored: updates, not state vectors. */
export function updateBytes(message: Uint8Array): number {
  if (message[0] !== MESSAGE.sync || message[1] === SYNC_STEP1) return 0;
  return message.length;
}

type Events = {
  exceeded: (reason: BudgetReason) => void;
  /** A rate pause ended (`resume()`): updates are taken again. */
  resumed: () => void;
};

interface PeerBuckets {
  messages: TokenBucket;
  bytes: TokenBucket;
}

export interface RoomBudgetOptions {
  /** Bytes already stored for this conversation. */
  storedBytes: number;
  limitBytes?: number;
  rate?: PeerRate;
  now?: () => number;
  /** A rate pause from an earlier start, still running until then (ms since the epoch). */
  pausedUntil?: number | null;
}

/**
 * One room's budget. `admit` answers for one whole peer message; once it has said no for a
 * reason, it says no to everything (the room has stopped taking updates) and `exceeded` says why.
 */
export class RoomBudget extends ObservableV2<Events> {
  readonly limitBytes: number;
  readonly #rate: PeerRate;
  readonly #now: () => number;
  readonly #peers = new Map<string, PeerBuckets>();
  #step1: TokenBucket;
  #usedBytes: number;
  #exceeded: BudgetReason | null = null;
  #resumeAt: number | null = null;

  constructor(options: RoomBudgetOptions) {
    super();
    this.limitBytes = options.limitBytes ?? CONVERSATION_BUDGET_BYTES;
    this.#rate = options.rate ?? PEER_RATE;
    this.#now = options.now ?? Date.now;
    this.#usedBytes = options.storedBytes;
    this.#step1 = new TokenBucket(STEP1_RATE.perMinute / 60, STEP1_RATE.burst, this.#now());
    if (this.#usedBytes >= this.limitBytes) this.#exceeded = 'storage';
    else if (options.pausedUntil != null && options.pausedUntil > this.#now()) {
      this.#exceeded = 'rate';
      this.#resumeAt = options.pausedUntil;
    }
  }

  /** When a rate pause ends (ms since the epoch), or null when not paused for the rate. */
  get resumeAt(): number | null {
    return this.#exceeded === 'rate' ? this.#resumeAt : null;
  }

  /** Ends a rate pause (its time has come): updates are taken again, with fresh buckets. */
  resume(): void {
    if (this.#exceeded !== 'rate') return;
    this.#exceeded = null;
    this.#resumeAt = null;
    this.#peers.clear();
    this.#step1 = new TokenBucket(STEP1_RATE.perMinute / 60, STEP1_RATE.burst, this.#now());
    this.emit('resumed', []);
  }

  /** Why this room stopped taking updates, or null while it still does. */
  get exceeded(): BudgetReason | null {
    return this.#exceeded;
  }

  /** Stored bytes at the start plus update bytes admitted since. */
  get usedBytes(): number {
    return this.#usedBytes;
  }

  /**
   * Stops taking updates for a reason found after applying (a conversation holding more
   * messages than MAX_CONVERSATION_MESSAGES): as if `admit` had said no.
   */
  stop(reason: BudgetReason): void {
    if (!this.#exceeded) this.#exceed(reason);
  }

  /** Whether `message` (whole, from `peerId`, already passed by the guard) may be applied. */
  admit(peerId: string, message: Uint8Array): boolean {
    if (this.#exceeded) return false;
    const bytes = updateBytes(message);
    const now = this.#now();
    if (isStep1(message) && !this.#step1.take(now)) return this.#exceed('rate');
    const buckets = this.#bucketsOf(peerId, now);
    if (!buckets.messages.take(now) || (bytes > 0 && !buckets.bytes.take(now, bytes))) {
      return this.#exceed('rate');
    }
    if (this.#usedBytes + bytes > this.limitBytes) return this.#exceed('storage');
    this.#usedBytes += bytes;
    return true;
  }

  #bucketsOf(peerId: string, now: number): PeerBuckets {
    let buckets = this.#peers.get(peerId);
    if (!buckets) {
      const r = this.#rate;
      buckets = {
        messages: new TokenBucket(r.messagesPerMinute / 60, r.messageBurst, now),
        bytes: new TokenBucket(r.bytesPerMinute / 60, r.byteBurst, now),
      };
      this.#peers.set(peerId, buckets);
    }
    return buckets;
  }

  #exceed(reason: BudgetReason): false {
    this.#exceeded = reason;
    this.#resumeAt = reason === 'rate' ? this.#now() + RATE_PAUSE_MS : null;
    this.#peers.clear();
    this.emit('exceeded', [reason]);
    return false;
  }
}

/**
 * Bytes stored in an open y-indexeddb database: the count kept beside the rows
 * (STORED_BYTES_KEY, which LocalPersistence keeps current when asked to), or, for a database
 * written before the count existed, the rows measured once (read, not decoded) and the count
 * written.
 */
export async function storedBytesOf(db: IDBDatabase): Promise<number> {
  const tx = db.transaction([CUSTOM_STORE], 'readonly');
  const kept = await requestToPromise(tx.objectStore(CUSTOM_STORE).get(STORED_BYTES_KEY));
  if (typeof kept === 'number' && Number.isFinite(kept) && kept >= 0) return kept;
  const write = db.transaction([UPDATES_STORE, CUSTOM_STORE], 'readwrite');
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const request = write.objectStore(UPDATES_STORE).openCursor();
    request.onerror = () => reject(request.error ?? new Error('Reading rows failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      total += rowBytes(cursor.value).bytes.length;
      cursor.continue();
    };
  });
  write.objectStore(CUSTOM_STORE).put(total, STORED_BYTES_KEY);
  await transactionDone(write);
  return total;
}

export interface BudgetRecord {
  storedBytes: number;
  /** When this conversation passed its budget (ISO), or null. */
  overBudgetAt: string | null;
  /** When a peer of this conversation last went over the rate (ISO), or null. */
  overRateAt: string | null;
}

/**
 * What a conversation's database says about its budget, without loading it: whether to load
 * it at all is decided from this (`isOverBudget`).
 */
export async function readBudgetRecord(dbName: string): Promise<BudgetRecord> {
  const db = await openYDatabase(dbName);
  try {
    const storedBytes = await storedBytesOf(db);
    const tx = db.transaction([CUSTOM_STORE], 'readonly');
    const mark = await requestToPromise(tx.objectStore(CUSTOM_STORE).get(OVER_BUDGET_KEY));
    const rate = await requestToPromise(tx.objectStore(CUSTOM_STORE).get(OVER_RATE_KEY));
    return {
      storedBytes,
      overBudgetAt: typeof mark === 'string' ? mark : null,
      overRateAt: typeof rate === 'string' ? rate : null,
    };
  } finally {
    db.close();
  }
}

export const isOverBudget = (
  record: BudgetRecord,
  limitBytes = CONVERSATION_BUDGET_BYTES,
): boolean => record.overBudgetAt !== null || record.storedBytes >= limitBytes;

/** When a rate pause remembered in `record` ends (ms since the epoch), or null. */
export function pausedUntil(record: BudgetRecord): number | null {
  const at = record.overRateAt === null ? NaN : Date.parse(record.overRateAt);
  return Number.isNaN(at) ? null : at + RATE_PAUSE_MS;
}

/** Remembers, in the conversation's own database, that it passed its budget (or the rate). */
export async function markOverBudget(
  dbName: string,
  at = new Date(),
  reason: BudgetReason = 'storage',
): Promise<void> {
  const db = await openYDatabase(dbName);
  try {
    const tx = db.transaction([CUSTOM_STORE], 'readwrite');
    tx.objectStore(CUSTOM_STORE).put(
      at.toISOString(),
      reason === 'storage' ? OVER_BUDGET_KEY : OVER_RATE_KEY,
    );
    await transactionDone(tx);
  } finally {
    db.close();
  }
}
