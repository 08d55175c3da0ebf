/**
 * Whether this device may deliver a due draft now (DESIGN.md §4, invariant 5: a draft is
 * delivered only by a device that knows my latest decision about it). Pure: the draft, what
 * this device knows about itself, and a clock. The reasoning is in ./README.md.
 *
 *   not scheduled, or before sendAt ──────────────────────────────▶ wait (until sendAt)
 *   the only device I have ───────────────────────────────────────▶ send
 *   scheduled here, within the margin after sendAt ────────────────▶ send   (the lease)
 *   caught up with another of my devices, scheduled here ──────────▶ send
 *   caught up, scheduled elsewhere, within the margin ─────────────▶ wait (until sendAt + margin)
 *   caught up, scheduled elsewhere, past the margin ───────────────▶ send   (takeover)
 *   not caught up, scheduled elsewhere, within the margin ─────────▶ wait (until sendAt + margin)
 *   not caught up, past the margin ────────────────────────────────▶ ask
 */
import type { DraftSnapshot } from '../vault';

/**
 * How long after `sendAt` the device that scheduled a reply has it to itself, and after which
 * another (caught-up) device takes over. Five minutes: longer than a phone takes to wake, load
 * and deliver a reply it scheduled (so two devices rarely race), short enough that a reply
 * whose device went away leaves only a little late. A scheduling device that is still not
 * caught up past it asks too: it may have been asleep while I changed my mind elsewhere.
 */
export const TAKEOVER_MARGIN_MS = 5 * 60 * 1000;
/** The shortest margin the test hook accepts (`takeoverMarginMs`). */
export const MIN_TAKEOVER_MARGIN_MS = 1000;
/** localStorage key of the test hook that shortens the margin (end-to-end tests). */
export const TAKEOVER_MARGIN_KEY = 'mull:takeover-margin-ms';

/**
 * The margin in force: TAKEOVER_MARGIN_MS, or a shorter one set through the test hook. The
 * hook can only shorten it: a shorter margin makes the scheduling device's lease (the one case
 * that sends without being caught up) shorter, and asks sooner; it never lets a stale device
 * send.
 */
export function takeoverMarginMs(stored: string | null): number {
  const ms = stored === null || stored.trim() === '' ? NaN : Number(stored);
  if (!Number.isFinite(ms)) return TAKEOVER_MARGIN_MS;
  return Math.min(TAKEOVER_MARGIN_MS, Math.max(MIN_TAKEOVER_MARGIN_MS, Math.round(ms)));
}

/** What this device knows when it decides. */
export interface DeliveryContext {
  /** This device's id (device-local; what `scheduledBy` records). */
  deviceId: string;
  /**
   * Its vault has, in this session, caught up with another of my devices or my home peer and
   * is still connected to it (SyncState.caughtUp).
   */
  caughtUp: boolean;
  /** The vault's device list holds no device but this one (no other, no home peer). */
  alone: boolean;
  marginMs: number;
  /**
   * When each of my devices was last seen meeting another (its `lastSeenAt` in the vault, ms),
   * by device id. Yjs integrates each device's changes in order, so holding a device's stamp
   * from after `sendAt` means holding every change it made before it: an Undo included.
   */
  lastSeen?: Readonly<Record<string, number>>;
}

export type DeliveryVerdict = 'send' | 'wait' | 'ask';

export type DeliveryReason =
  /** Not scheduled (any more), or its time is unreadable. */
  | 'not-scheduled'
  /** Its time has not come. */
  | 'not-due'
  /** No other device could have changed my mind. */
  | 'only-device'
  /** This device scheduled it, and its time has just come. */
  | 'lease'
  /** This device has caught up with my other devices. */
  | 'caught-up'
  /** Another device scheduled it: it has the margin to send it first. */
  | 'lease-elsewhere'
  /** Past the margin, and this device has not caught up with my other devices. */
  | 'not-caught-up'
  /**
   * Past the margin and caught up, but nothing the scheduling device did after `sendAt` has
   * reached this one: it may have taken the reply back while offline.
   */
  | 'scheduler-unheard';

export interface DeliveryDecision {
  verdict: DeliveryVerdict;
  reason: DeliveryReason;
  /** For 'wait': when to decide again (ms since the epoch); null when nothing will change it. */
  at: number | null;
}

const decision = (
  verdict: DeliveryVerdict,
  reason: DeliveryReason,
  at: number | null = null,
): DeliveryDecision => ({ verdict, reason, at });

/** When `draft` is due (ms since the epoch), or null when it is not scheduled or unreadable. */
export function dueAt(draft: DraftSnapshot): number | null {
  if (draft.state !== 'scheduled' || draft.sendAt === null) return null;
  const at = Date.parse(draft.sendAt);
  return Number.isNaN(at) ? null : at;
}

/** Whether this device may send `draft` now, and if not, why and until when (see above). */
export function decideDelivery(
  draft: DraftSnapshot,
  context: DeliveryContext,
  now: Date,
): DeliveryDecision {
  const at = dueAt(draft);
  if (at === null) return decision('wait', 'not-scheduled');
  const t = now.getTime();
  if (t < at) return decision('wait', 'not-due', at);
  if (context.alone) return decision('send', 'only-device');
  // A draft scheduled before `scheduledBy` existed was scheduled by "some other device".
  const mine = context.deviceId !== '' && draft.scheduledBy === context.deviceId;
  const takeover = at + context.marginMs;
  if (mine && t < takeover) return decision('send', 'lease');
  if (context.caughtUp) {
    if (mine) return decision('send', 'caught-up');
    if (t < takeover) return decision('wait', 'lease-elsewhere', takeover);
    // Caught up with *some* device (a home peer, say) is not enough: the phone that scheduled
    // it may have pressed Undo offline. Take over only once something it did after its send
    // time has arrived (its seen stamp), which carries everything it did before.
    const heard = draft.scheduledBy ? (context.lastSeen?.[draft.scheduledBy] ?? null) : null;
    return heard !== null && heard > at
      ? decision('send', 'caught-up')
      : decision('ask', 'scheduler-unheard');
  }
  if (t < takeover) return decision('wait', 'lease-elsewhere', takeover);
  return decision('ask', 'not-caught-up');
}
