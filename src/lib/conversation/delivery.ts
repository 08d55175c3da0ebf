/**
 * Delivering a reply: the one place a draft's text crosses from the vault (only my devices)
 * into a conversation (both people), once its send time has come — the product's promise.
 *
 * Pure over documents and a clock, so any device may deliver and tests can drive time. Which
 * device may send a due draft, and when, is delivery-rule.ts (the device must know my latest
 * decision; ./README.md); the message is written under the draft's id, so a second delivery
 * (another of my devices, a retry) writes nothing new.
 */
import type * as Y from 'yjs';
import { dueDrafts } from '../reflect';
import {
  getContact,
  getDraft,
  keepReflection,
  markDraftSent,
  MUCH_CHANGED_BELOW,
  similarity,
  setAsideDraft,
  unscheduleDraft,
  type DraftSnapshot,
} from '../vault';
import { messagesOf, readMessage, writeMessage } from './conversation';
import { decideDelivery, dueAt, type DeliveryContext } from './delivery-rule';

export { dueDrafts };

/** Scheduled drafts' send times (ms since the epoch), soonest first; unreadable ones left out. */
export function sendTimes(drafts: Iterable<DraftSnapshot>): number[] {
  const times: number[] = [];
  for (const draft of drafts) {
    if (draft.state !== 'scheduled' || draft.sendAt === null) continue;
    const at = Date.parse(draft.sendAt);
    if (!Number.isNaN(at)) times.push(at);
  }
  return times.sort((a, b) => a - b);
}

/** The first send time after `now` (ms since the epoch): when a delivery timer should fire. */
export function nextSendAfter(drafts: Iterable<DraftSnapshot>, now: Date): number | null {
  return sendTimes(drafts).find((at) => at > now.getTime()) ?? null;
}

/**
 * - `delivered`: the message is in the conversation (now, or already by another device) and
 *   the draft is marked sent.
 * - `emptied`: the draft was emptied on another device after it was scheduled: nothing to send,
 *   so it went back to drafting.
 * - `withdrawn`: read again just before writing, the draft is no longer scheduled, or no
 *   longer due (unscheduled, rescheduled or sent meanwhile): nothing was written.
 */
export type DeliveryOutcome = 'delivered' | 'emptied' | 'withdrawn';

/**
 * Delivers one due draft: writes the message, marks the draft sent and, when the words changed
 * much since the first version, keeps that first version as a private reflection. Throws (and
 * changes nothing in the vault) when the message cannot be written.
 *
 * `draft` says which draft; what is written is read again from the vault doc at this moment —
 * its state, send time and words — never taken from the snapshot, which may be older than a
 * change merged in from another of my devices since.
 */
export function deliverDraft(
  vaultDoc: Y.Doc,
  conversationDoc: Y.Doc,
  draft: Pick<DraftSnapshot, 'id'>,
  memberId: string,
  now: Date,
): DeliveryOutcome {
  const current = getDraft(vaultDoc, draft.id);
  const at = current ? dueAt(current) : null;
  if (!current || at === null || at > now.getTime()) return 'withdrawn';
  if (!current.body.trim()) {
    unscheduleDraft(vaultDoc, current.id, now);
    return 'emptied';
  }
  const written = writeMessage(conversationDoc, {
    id: current.id,
    from: memberId,
    text: current.body,
    sentAt: now.toISOString(),
    ...(current.replyTo ? { replyTo: current.replyTo } : {}),
  });
  // The id was taken: another of my devices delivered it first, perhaps other words (two
  // devices offline from each other, each holding a lease). What went out is what is there,
  // not what this device has; a message under the id that is not mine was never sent by me.
  let text = current.body;
  if (!written) {
    const existing = readMessage(current.id, messagesOf(conversationDoc).get(current.id));
    if (!existing || existing.from !== memberId) {
      throw new Error('Another message already has this reply’s id; it was not sent');
    }
    text = existing.text;
  }
  markDraftSent(vaultDoc, current.id, now, text);
  if (current.firstVersion && similarity(current.firstVersion, text) < MUCH_CHANGED_BELOW) {
    keepReflection(vaultDoc, {
      id: current.id,
      contactId: current.contactId,
      text: current.firstVersion,
      outcome: 'changed',
    });
  }
  return 'delivered';
}

/** What one round of delivery did, and what it left for later. */
export interface DeliveryRound {
  delivered: number;
  /** Due drafts this device may not send on its own: the person is asked (delivery-rule.ts). */
  ask: DraftSnapshot[];
  /** When the rule may say something new (ms since the epoch): the soonest wait; or null. */
  next: number | null;
  /** A draft it may send whose conversation is open here, but whose writing failed. */
  stuck: boolean;
}

/**
 * Delivers every scheduled draft that the rule (delivery-rule.ts) lets this device send now
 * and whose conversation is loaded here. One bad draft does not hold up the others: it stays
 * scheduled, is reported, and is tried again at the next delivery.
 */
export function deliverDue(
  vaultDoc: Y.Doc,
  drafts: readonly DraftSnapshot[],
  conversationDoc: (contactId: string) => Y.Doc | null,
  memberId: string,
  context: DeliveryContext,
  now: Date,
): DeliveryRound {
  const round: DeliveryRound = { delivered: 0, ask: [], next: null, stuck: false };
  if (!memberId) return round;
  for (const draft of drafts) {
    // Removed (perhaps on another device, while this one scheduled it): never sent, set aside.
    if (draft.state === 'scheduled' && getContact(vaultDoc, draft.contactId)?.removedAt) {
      setAsideDraft(vaultDoc, draft.id, now);
      continue;
    }
    const { verdict, at } = decideDelivery(draft, context, now);
    if (verdict === 'wait') {
      if (at !== null && (round.next === null || at < round.next)) round.next = at;
      continue;
    }
    if (verdict === 'ask') {
      round.ask.push(draft);
      continue;
    }
    const doc = conversationDoc(draft.contactId);
    if (!doc) continue; // not loaded yet: delivered when it opens
    try {
      if (deliverDraft(vaultDoc, doc, draft, memberId, now) === 'delivered') round.delivered++;
    } catch (err) {
      round.stuck = true;
      console.warn('A scheduled reply could not be delivered', err);
    }
  }
  return round;
}
