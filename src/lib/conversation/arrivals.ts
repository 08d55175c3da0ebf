/**
 * What arrives from the other person: copied into my vault's archive (so it stays mine if the
 * conversation goes), and at most one calm notification for it.
 */
import type * as Y from 'yjs';
import { isInQuietHours } from '../reflect';
import { archiveMessages, type ContactRecord, type Profile } from '../vault';
import type { Message } from './conversation';

/** How much of a message a notification may show, when previews are allowed. */
export const NOTIFICATION_PREVIEW_CHARS = 140;

/**
 * Archives their messages not archived yet; returns the newest of theirs when any were new
 * (the one to notify about), or null.
 */
export function archiveTheirs(
  vaultDoc: Y.Doc,
  contact: ContactRecord,
  messages: readonly Message[],
): Message | null {
  const theirs = messages.filter((m) => m.from === contact.theirMemberId);
  return archiveMessages(vaultDoc, contact.id, theirs) > 0 ? (theirs.at(-1) ?? null) : null;
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
