/**
 * What arrives from the other person: copied into my vault's archive (so it stays mine if the
 * conversation goes), and at most one calm notification for it.
 */
import type * as Y from 'yjs';
import { isInQuietHours } from '../reflect';
import { archiveMessages, draftsOf, isArchived, type ContactRecord, type Profile } from '../vault';
import type { Message } from './conversation';

/** How much of a message a notification may show, when previews are allowed. */
export const NOTIFICATION_PREVIEW_CHARS = 140;

/**
 * Archives what came from their side and is not archived yet, first seen `now`; returns the
 * newest new message carrying their member id (the one to notify about), or null.
 *
 * "Their side" is everything that is not one of my drafts: a message under my member id whose
 * id is no draft of mine was not written by me, and is kept as received, like theirs
 * (./record.ts shows it as a forgery). My own messages are in my drafts already.
 */
export function archiveTheirs(
  vaultDoc: Y.Doc,
  contact: ContactRecord,
  messages: readonly Message[],
  now = new Date(),
): Message | null {
  const mine = draftsOf(vaultDoc);
  const fresh = messages.filter((m) => !mine.has(m.id) && !isArchived(vaultDoc, contact.id, m.id));
  if (archiveMessages(vaultDoc, contact.id, fresh, now) === 0) return null;
  return fresh.filter((m) => m.from === contact.theirMemberId).at(-1) ?? null;
}

export interface NotifyContext {
  /** `Notification.permission`, or 'unsupported'. */
  permission: NotificationPermission | 'unsupported';
  /** Whether Mull is in front of the person now. */
  visible: boolean;
  now: Date;
}

/**
 * The notification for a new message, or null when there should be none: never without
 * permission, never while Mull is in front of me, never in my quiet hours, and without the
 * words unless I allowed previews.
 */
export function arrivalNotification(
  contact: ContactRecord,
  message: Message,
  profile: Profile,
  context: NotifyContext,
): { title: string; options: NotificationOptions } | null {
  if (context.permission !== 'granted' || context.visible) return null;
  if (profile.quietHours && isInQuietHours(context.now, profile.quietHours)) return null;
  return {
    title: `From ${contact.name}`,
    options: {
      tag: `mull-conversation-${contact.id}`,
      body: profile.notificationPreview
        ? message.text.slice(0, NOTIFICATION_PREVIEW_CHARS)
        : 'A new message is waiting.',
    },
  };
}
