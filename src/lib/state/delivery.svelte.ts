/**
 * Sends scheduled replies on time: one timer, armed for the next scheduled send time and
 * re-armed whenever the schedule changes (a draft sent, undone, rescheduled, or arriving from
 * another of my devices). No polling: a reply due for a conversation that is not open yet is
 * delivered when it opens (`wake()`). What a delivery writes is ../conversation/delivery.ts.
 *
 *   schedule changes ──┐
 *   timer fires ───────┼──▶ wake(): deliver what is due ──▶ arm the timer for the next sendAt
 *   conversation opens ┘
 */
import { untrack } from 'svelte';
import * as Y from 'yjs';
import { deliverDue, dueDrafts, nextSendAfter, sendTimes } from '../conversation';
import { draftsOf, listDrafts, readProfile } from '../vault';
import { ySubscriber } from './y-subscriber';

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
  readonly #trackDrafts: () => void;
  readonly #stop: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #destroyed = false;
  /** Times the timer fired: the figure behind "wakes at the due time, not every second". */
  wakes = 0;

  /**
   * Every scheduled send time, soonest first, as one string: a value that changes only when
   * the schedule does. Typing in a draft (a change to its Y.Text) is not followed at all.
   */
  readonly #schedule = $derived.by((): string => {
    this.#trackDrafts();
    return sendTimes(listDrafts(this.#doc)).join(',');
  });

  /**
   * @param conversationDoc the loaded document of a contact's conversation, or null while it
   *   is not open on this device.
   */
  constructor(doc: Y.Doc, conversationDoc: (contactId: string) => Y.Doc | null) {
    this.#doc = doc;
    this.#conversationDoc = conversationDoc;
    this.#trackDrafts = ySubscriber(draftsOf(doc), {
      deep: true,
      filter: (events) => events.some((event) => !(event.target instanceof Y.Text)),
    });
    this.#stop = $effect.root(() => {
      $effect(() => {
        const schedule = this.#schedule;
        untrack(() => this.#reschedule(schedule));
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

  #reschedule(schedule: string): void {
    const times = schedule ? schedule.split(',').map(Number) : [];
    const soonest = times[0];
    if (soonest !== undefined && soonest <= Date.now()) this.wake();
    else this.#arm(soonest ?? null);
  }

  /** Delivers what is due now, then arms the timer for the next send time. */
  wake(): void {
    if (this.#destroyed) return;
    const now = new Date();
    const drafts = listDrafts(this.#doc);
    const memberId = readProfile(this.#doc).memberId;
    const sent = deliverDue(this.#doc, drafts, this.#conversationDoc, memberId, now);
    const after = sent > 0 ? listDrafts(this.#doc) : drafts;
    const next = nextSendAfter(after, now);
    const stuck = dueDrafts(after, now).some((d) => this.#conversationDoc(d.contactId) !== null);
    const retry = stuck && memberId ? now.getTime() + DELIVERY_RETRY_MS : null;
    this.#arm(retry !== null && (next === null || retry < next) ? retry : next);
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
