/**
 * Conversations in the JSON export: my own record only — what I sent (my sent drafts) and what
 * I received (my archive, as first received) — never the shared document, which the other
 * person can rewrite. Described in ./README.md ("conversations").
 */
import type * as Y from 'yjs';
import {
  archiveOf,
  listArchived,
  listContacts,
  listDrafts,
  listSent,
  type ContactRecord,
} from '../vault';

export interface ExportedSentMessage {
  id: string;
  text: string;
  /** When my device sent it. */
  sentAt: string;
  replyTo?: string;
}

export interface ExportedReceivedMessage {
  id: string;
  /** The member id it came under, as received. */
  from: string;
  text: string;
  /** As the sender's device claimed it. */
  sentAt: string;
  /** When my device first saw it. */
  firstSeenAt: string;
  replyTo?: string;
}

export interface ExportedConversation {
  contactId: string;
  name: string;
  sent: ExportedSentMessage[];
  received: ExportedReceivedMessage[];
}

/** One conversation from my record. Received messages that are my own sent ones are left out. */
export function exportConversation(
  doc: Y.Doc,
  contactId: string,
  name: string,
  now = new Date(),
): ExportedConversation {
  const sent = listSent(doc, contactId);
  const sentIds = new Set(sent.map((m) => m.id));
  return {
    contactId,
    name,
    sent: sent.map(({ id, text, sentAt, replyTo }) => ({
      id,
      text,
      sentAt,
      ...(replyTo ? { replyTo } : {}),
    })),
    received: listArchived(doc, contactId, now)
      .filter((m) => !sentIds.has(m.id))
      .map(({ id, from, text, sentAt, firstSeenAt, replyTo }) => ({
        id,
        from,
        text,
        sentAt,
        firstSeenAt,
        ...(replyTo ? { replyTo } : {}),
      })),
  };
}

/**
 * Every conversation in my record: each contact's (removed ones too: their history stays mine),
 * then any record left under a contact id the vault no longer knows (named "").
 */
export function exportConversations(doc: Y.Doc, now = new Date()): ExportedConversation[] {
  const contacts: Pick<ContactRecord, 'id' | 'name'>[] = listContacts(doc, {
    includeRemoved: true,
  });
  const known = new Set(contacts.map((c) => c.id));
  const orphans = new Set<string>();
  for (const id of archiveOf(doc).keys()) if (!known.has(id)) orphans.add(id);
  for (const d of listDrafts(doc)) {
    if (d.state === 'sent' && !known.has(d.contactId)) orphans.add(d.contactId);
  }
  const out = contacts.map((c) => exportConversation(doc, c.id, c.name, now));
  for (const id of [...orphans].sort()) {
    const conversation = exportConversation(doc, id, '', now);
    if (conversation.sent.length || conversation.received.length) out.push(conversation);
  }
  return out;
}

/** Letters and digits of a name for a file name: "Sam O’Neill" → "sam-o-neill". */
export function fileNamePart(name: string): string {
  const part = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return part || 'contact';
}

/** `mull-conversation-sam-2026-12-07.json` (the date in UTC, as for the whole export). */
export const conversationFileName = (name: string, now: Date): string =>
  `mull-conversation-${fileNamePart(name)}-${now.toISOString().slice(0, 10)}.json`;
