/**
 * Sends scheduled replies on time, and only from a device that knows my latest decision about
 * them (../conversation/delivery-rule.ts, ../conversation/README.md): one timer, armed for the
 * next moment the rule may say something new (a send time, the end of a takeover margin) and
 * re-armed whenever the schedule changes (a draft sent, undone, rescheduled, or arriving from
 * another of my devices) or this device catches up with my others, or stops being caught up.
 * No polling: a reply due for a conversation that is not open yet is delivered when it opens
 * (`wake()`). What a delivery writes is ../conversation/delivery.ts.
 *
 *   schedule changes ──────┐
 *   caught up (or not) ────┤
 *   timer fires ───────────┼──▶ wake(): the rule per draft ──▶ send / ask / arm the timer
 *   conversation opens ────┘
 */
import { untrack } from 'svelte';
import * as Y from 'yjs';
import {
  deliverDue,
  takeoverMarginMs,
  TAKEOVER_MARGIN_KEY,
  type DeliveryContext,
} from '../conversation';
import {
  devicesOf,
  draftsOf,
  getDraft,
  listDevices,
  listDrafts,
  readProfile,
  scheduleDraft,
  unscheduleDraft,
  type DraftSnapshot,
} from '../vault';
import { ySubscriber } from './y-subscriber';

/** What delivery needs to know about this device (SyncState, when sync runs). */
export interface DeliveryDevice {
  /** This device's id ('' before sync started). */
  readonly deviceId: string;
  /** Its vault caught up with another of my devices or my home peer, still connected. */
  readonly caughtUp: boolean;
}

/** Without sync (tests, a vault that never syncs): known to no one, caught up with no one. */
const NO_DEVICE: DeliveryDevice = { deviceId: '', caughtUp: false };

/** The test hook for a shorter takeover margin (delivery-rule.ts `takeoverMarginMs`). */
function storedMargin(): string | null {
  try {
    return localStorage.getItem(TAKEOVER_MARGIN_KEY);
  } catch {
    return null;
  }
}

/**
 * The longest single wait. Browsers fire a longer `setTimeout` at once (the delay overflows a
 * 32-bit integer, about 24.8 days); a reply scheduled further ahead is re-armed on the way.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * A due reply whose conversation is open but could not be written (a storage error, say) is
 * tried again after this long: soon enough that a passing problem delays it little, rarely
 * enough that a lasting one costs nothing.
 */
export const DELIVERY_RETRY_MS = 30_000;

export class DeliveryState {
  readonly #doc: Y.Doc;
  readonly #conversationDoc: (contactId: string) => Y.Doc | null;
  readonly #device: () => DeliveryDevice;
  readonly #trackDrafts: () => void;
  readonly #trackDevices: () => void;
  readonly #stop: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #destroyed = false;
  /** Times the timer fired: the figure behind "wakes at the due time, not every second". */
  wakes = 0;
  /** Due replies this device did not send on its own: the person decides (DueQuestion). */
  #questions = $state.raw<DraftSnapshot[]>([]);

  /**
   * Every scheduled draft with its send time and the device that scheduled it, as one string:
   * a value that changes only when the schedule does. Typing in a draft (a change to its
   * Y.Text) is not followed at all.
   */
  readonly #schedule = $derived.by((): string => {
    this.#trackDrafts();
    return listDrafts(this.#doc)
      .filter((d) => d.state === 'scheduled')
      .map((d) => `${d.id}@${d.sendAt}@${d.scheduledBy}`)
      .join(',');
  });

  /**
   * What the rule hears about this device, as one string that changes only when it does:
   * caught up or not, and whether it is my only device.
   */
  readonly #standing = $derived.by((): string => {
    this.#trackDevices();
    const { deviceId, caughtUp } = this.#device();
    const seen = listDevices(this.#doc).map((d) => `${d.id}:${d.lastSeenAt}`);
    return `${caughtUp}/${this.#alone(deviceId)}/${seen.join(',')}`;
  });

  /**
   * @param conversationDoc the loaded document of a contact's conversation, or null while it
   *   is not open on this device.
   * @param device this device's id and whether it has caught up with my others (SyncState).
   */
  constructor(
    doc: Y.Doc,
    conversationDoc: (contactId: string) => Y.Doc | null,
    device: () => DeliveryDevice = () => NO_DEVICE,
  ) {
    this.#doc = doc;
    this.#conversationDoc = conversationDoc;
    this.#device = device;
    this.#trackDrafts = ySubscriber(draftsOf(doc), {
      deep: true,
      filter: (events) => events.some((event) => !(event.target instanceof Y.Text)),
    });
    this.#trackDevices = ySubscriber(devicesOf(doc));
    this.#stop = $effect.root(() => {
      $effect(() => {
        void this.#schedule;
        void this.#standing;
        untrack(() => this.wake());
      });
    });
    // A sleeping computer does not run timers (and a hidden tab may hold them back): look
    // again when the page is back in front of me or the network returns.
    document.addEventListener('visibilitychange', this.#onReturn);
    window.addEventListener('online', this.#onReturn);
  }

  #onReturn = (): void => {
    if (document.visibilityState !== 'hidden') this.wake();
  };

  /** No device in the vault's list but this one: no other device could have changed my mind. */
  #alone(deviceId: string): boolean {
    return listDevices(this.#doc).every((d) => d.id === deviceId);
  }

  #context(): DeliveryContext {
    const { deviceId, caughtUp } = this.#device();
    return {
      deviceId,
      caughtUp,
      alone: this.#alone(deviceId),
      marginMs: takeoverMarginMs(storedMargin()),
      lastSeen: lastSeenByDevice(this.#doc),
    };
  }

  /**
   * Due replies this device did not send because it has not caught up with my other devices
   * (the rule's 'ask'), oldest first. Re-decided whenever the schedule or this device changes.
   */
  get questions(): DraftSnapshot[] {
    return this.#questions;
  }

  /** Delivers what the rule lets this device send now, then arms the timer for what is next. */
  wake(): void {
    if (this.#destroyed) return;
    const now = new Date();
    const memberId = readProfile(this.#doc).memberId;
    const drafts = listDrafts(this.#doc);
    const round = deliverDue(
      this.#doc,
      drafts,
      this.#conversationDoc,
      memberId,
      this.#context(),
      now,
    );
    this.#questions = round.ask;
    const retry = round.stuck ? now.getTime() + DELIVERY_RETRY_MS : null;
    const next = round.next;
    this.#arm(retry !== null && (next === null || retry < next) ? retry : next);
  }

  /**
   * "Send it now", the person's answer to a question: this device decides afresh, so it holds
   * the lease and sends at once (the words as they are in the vault now).
   */
  sendNow(draftId: string, now = new Date()): void {
    const draft = getDraft(this.#doc, draftId);
    if (draft?.state !== 'scheduled') return;
    scheduleDraft(
      this.#doc,
      draftId,
      now,
      {
        undoable: false,
        scheduledBy: this.#device().deviceId || null,
      },
      now,
    );
    this.wake();
  }

  /** "Keep it as a draft", the other answer: not sent, back to drafting on every device. */
  keepAsDraft(draftId: string, now = new Date()): void {
    unscheduleDraft(this.#doc, draftId, now);
  }

  #arm(at: number | null): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (at === null) return;
    this.#timer = setTimeout(
      () => {
        this.wakes++;
        this.wake();
      },
      Math.min(at - Date.now(), MAX_TIMER_MS),
    );
  }

  destroy(): void {
    this.#destroyed = true;
    this.#stop();
    clearTimeout(this.#timer);
    document.removeEventListener('visibilitychange', this.#onReturn);
    window.removeEventListener('online', this.#onReturn);
  }
}

/** Each device's `lastSeenAt` (ms), by id, for the rule's takeover (delivery-rule.ts). */
function lastSeenByDevice(doc: Y.Doc): Record<string, number> {
  const out: Record<string, number> = {};
  for (const device of listDevices(doc)) {
    const at = device.lastSeenAt ? Date.parse(device.lastSeenAt) : NaN;
    if (!Number.isNaN(at)) out[device.id] = at;
  }
  return out;
}
