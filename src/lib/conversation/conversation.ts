/**
 * The shared document of one conversation between two people (DESIGN.md §2): only what was
 * sent, and each person's own card. Both sides can write anything into it (a CRDT has no
 * permissions), so everything read here is checked, capped and, where it matters, attributed:
 * a message only counts as theirs if it carries their member id, and each person's card is
 * read only from their own key.
 */
import type * as Y from 'yjs';
import { ORIGIN } from '../vault/origins';
import { MAX_MESSAGE_LENGTH, MAX_NAME_LENGTH, MAX_REPLY_WINDOW_LENGTH } from '../vault/schema';
import {
  FALLBACK_NAME,
  readQuietHours,
  type Profile,
  type QuietHoursSetting,
} from '../vault/profile';
import { isCanonicalUtcIso } from '../time/iso';
import { capText } from '../util/text';

export const CONVERSATION_ROOT = { messages: 'messages', members: 'members' } as const;

export interface Message {
  id: string;
  from: string;
  text: string;
  sentAt: string;
  replyTo?: string;
}

export interface MemberCard {
  name: string;
  replyWindow: string;
  quietHours: QuietHoursSetting | null;
  updatedAt: string;
}

const MAX_ID_LENGTH = 64;

export const messagesOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(CONVERSATION_ROOT.messages);
export const membersOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(CONVERSATION_ROOT.members);

/** A message as stored, or null when it is malformed or oversized (then it is not shown). */
export function readMessage(key: string, raw: unknown): Message | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  const { id, from, text, sentAt, replyTo } = m;
  if (id !== key || key.length > MAX_ID_LENGTH) return null;
  if (typeof from !== 'string' || from.length > MAX_ID_LENGTH) return null;
  if (typeof text !== 'string' || text.length > MAX_MESSAGE_LENGTH || !text.trim()) return null;
  if (!isCanonicalUtcIso(sentAt)) return null;
  const message: Message = { id, from, text, sentAt };
  if (typeof replyTo === 'string' && replyTo.length <= MAX_ID_LENGTH) message.replyTo = replyTo;
  return message;
}

/** Every well-formed message, oldest first (ties by id, the same order on every device). */
export function listMessages(doc: Y.Doc): Message[] {
  const out: Message[] = [];
  messagesOf(doc).forEach((raw, key) => {
    if (key.length > MAX_ID_LENGTH) return;
    const m = readMessage(key, raw);
    if (m) out.push(m);
  });
  return out.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
}

/**
 * Writes a sent message under its draft's id. Idempotent: a second send of the same draft (a
 * retry, or another of my devices) finds the id taken and writes nothing.
 */
export function writeMessage(doc: Y.Doc, message: Message): boolean {
  if (messagesOf(doc).has(message.id)) return false;
  if (!readMessage(message.id, message)) throw new Error('Refusing to write a malformed message');
  const value: Message = { ...message };
  doc.transact(() => messagesOf(doc).set(message.id, value), ORIGIN.conversation);
  return true;
}

export function readCard(doc: Y.Doc, memberId: string): MemberCard | null {
  const raw = membersOf(doc).get(memberId);
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  if (typeof c.name !== 'string' || typeof c.updatedAt !== 'string') return null;
  return {
    name: c.name.slice(0, MAX_NAME_LENGTH),
    replyWindow:
      typeof c.replyWindow === 'string' ? c.replyWindow.slice(0, MAX_REPLY_WINDOW_LENGTH) : '',
    quietHours: readQuietHours(c.quietHours),
    updatedAt: c.updatedAt,
  };
}

/** My card as the other person sees it, from my profile. */
export function myCard(profile: Profile): Omit<MemberCard, 'updatedAt'> {
  return {
    name: profile.displayName || FALLBACK_NAME,
    replyWindow: profile.replyWindow,
    quietHours: profile.quietHours,
  };
}

/** Publishes my card under my member id, only when something on it changed. */
export function publishCard(
  doc: Y.Doc,
  memberId: string,
  card: Omit<MemberCard, 'updatedAt'>,
  now = new Date(),
): boolean {
  // Written as read: capped, so an over-long card compares equal next time and is not rewritten.
  card = {
    name: capText(card.name, MAX_NAME_LENGTH),
    replyWindow: capText(card.replyWindow, MAX_REPLY_WINDOW_LENGTH),
    quietHours: card.quietHours,
  };
  const current = readCard(doc, memberId);
  if (
    current &&
    current.name === card.name &&
    current.replyWindow === card.replyWindow &&
    JSON.stringify(current.quietHours) === JSON.stringify(card.quietHours)
  ) {
    return false;
  }
  const value: MemberCard = { ...card, updatedAt: now.toISOString() };
  doc.transact(() => membersOf(doc).set(memberId, value), ORIGIN.conversation);
  return true;
}
