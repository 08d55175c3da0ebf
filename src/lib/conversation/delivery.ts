/**
 * Delivering a reply: the one place a draft's text crosses from the vault (only my devices)
 * into a conversation (both people), once its send time has come — the product's promise.
 *
 * Pure over documents and a clock, so any device may deliver and tests can drive time. Every
 * device that is online when `sendAt` passes tries; the message is written under the draft's
 * id, so a second delivery (another of my devices, a retry) writes nothing new.
 */
import type * as Y from 'yjs';
import { dueDrafts } from '../reflect';
import {
  getContact,
  keepReflection,
  markDraftSent,
  MUCH_CHANGED_BELOW,
  similarity,
  setAsideDraft,
  unscheduleDraft,
  type DraftSnapshot,
} from '../vault';
import { writeMessage } from './conversation';

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
 */
export type DeliveryOutcome = 'delivered' | 'emptied';

/**
 * Delivers one due draft: writes the message, marks the draft sent and, when the words changed
 * much since the first version, keeps that first version as a private reflection. Throws (and
 * changes nothing in the vault) when the message cannot be written.
 */
export function deliverDraft(
  vaultDoc: Y.Doc,
  conversationDoc: Y.Doc,
  draft: DraftSnapshot,
  memberId: string,
  now: Date,
): DeliveryOutcome {
  if (!draft.body.trim()) {
    unscheduleDraft(vaultDoc, draft.id, now);
    return 'emptied';
  }
  writeMessage(conversationDoc, {
    id: draft.id,
    from: memberId,
    text: draft.body,
    sentAt: now.toISOString(),
    ...(draft.replyTo ? { replyTo: draft.replyTo } : {}),
  });
  markDraftSent(vaultDoc, draft.id, now);
  if (draft.firstVersion && similarity(draft.firstVersion, draft.body) < MUCH_CHANGED_BELOW) {
    keepReflection(vaultDoc, {
      id: draft.id,
      contactId: draft.contactId,
      text: draft.firstVersion,
      outcome: 'changed',
    });
  }
  return 'delivered';
}

/**
 * Delivers every draft whose time has come and whose conversation is loaded here; returns how
 * many went out. One bad draft does not hold up the others: it stays scheduled, is reported,
 * and is tried again at the next delivery.
 */
export function deliverDue(
  vaultDoc: Y.Doc,
  drafts: readonly DraftSnapshot[],
  conversationDoc: (contactId: string) => Y.Doc | null,
  memberId: string,
  now: Date,
): number {
  if (!memberId) return 0;
  let delivered = 0;
  for (const draft of dueDrafts(drafts, now)) {
    // Removed (perhaps on another device, while this one scheduled it): never sent, set aside.
    if (getContact(vaultDoc, draft.contactId)?.removedAt) {
      setAsideDraft(vaultDoc, draft.id, now);
      continue;
    }
    const doc = conversationDoc(draft.contactId);
    if (!doc) continue; // not loaded yet: delivered when it opens
    try {
      if (deliverDraft(vaultDoc, doc, draft, memberId, now) === 'delivered') delivered++;
    } catch (err) {
      console.warn('A scheduled reply could not be delivered', err);
    }
  }
  return delivered;
}
