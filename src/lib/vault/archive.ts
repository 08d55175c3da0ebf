/**
 * My own record of a conversation, kept in the vault: a copy of every message I received (so a
 * contact cannot erase my history by vandalising the shared document), and which message I
 * last read (private — never sent anywhere, so there are no read receipts to leak).
 */
import * as Y from 'yjs';
import { newId } from './entries';
import { ORIGIN } from './origins';
import { ROOT } from './schema';

export interface ArchivedMessage {
  id: string;
  from: string;
  text: string;
  sentAt: string;
  replyTo?: string;
}

export const archiveOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> =>
  doc.getMap<Y.Map<unknown>>(ROOT.archive);
export const readsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.reads);

/** Copies messages not yet archived; returns how many were new. One transaction. */
export function archiveMessages(
  doc: Y.Doc,
  contactId: string,
  messages: readonly ArchivedMessage[],
): number {
  const existing = archiveOf(doc).get(contactId);
  const fresh = messages.filter((m) => !(existing instanceof Y.Map && existing.has(m.id)));
  if (fresh.length === 0) return 0;
  doc.transact(() => {
    let box = archiveOf(doc).get(contactId);
    if (!(box instanceof Y.Map)) {
      box = new Y.Map<unknown>();
      archiveOf(doc).set(contactId, box);
    }
    for (const m of fresh) {
      box.set(m.id, {
        id: m.id,
        from: m.from,
        text: m.text,
        sentAt: m.sentAt,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
      });
    }
  }, ORIGIN.local);
  return fresh.length;
}

export function listArchived(doc: Y.Doc, contactId: string): ArchivedMessage[] {
  const box = archiveOf(doc).get(contactId);
  if (!(box instanceof Y.Map)) return [];
  const out: ArchivedMessage[] = [];
  box.forEach((v) => {
    const m = v as Partial<ArchivedMessage> | null;
    if (
      m &&
      typeof m.id === 'string' &&
      typeof m.text === 'string' &&
      typeof m.sentAt === 'string'
    ) {
      out.push({
        id: m.id,
        from: String(m.from ?? ''),
        text: m.text,
        sentAt: m.sentAt,
        replyTo: m.replyTo,
      });
    }
  });
  return out.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
}

/*
 * Read marks are a max-register. Each `markRead` writes a key of its own (`<contactId>/<id>`)
 * and deletes the marks for that contact it can see, so when two devices mark read while apart
 * both marks survive the merge and the later time wins. (One value per contact would keep
 * whichever device's write Yjs happens to order last — possibly the earlier time, showing read
 * messages as unread again on every device.) A plain `<contactId>` key is a mark from before
 * this; it is read, and tidied away at the next mark. Contact ids never contain "/".
 */
const isMarkOf = (key: string, contactId: string): boolean =>
  key === contactId || key.startsWith(`${contactId}/`);

/** The `sentAt` of the last message I read with this contact, or null. */
export function lastRead(doc: Y.Doc, contactId: string): string | null {
  let latest: string | null = null;
  readsOf(doc).forEach((value, key) => {
    if (
      typeof value === 'string' &&
      isMarkOf(key, contactId) &&
      (latest === null || value > latest)
    ) {
      latest = value;
    }
  });
  return latest;
}

/** Marks everything up to `sentAt` as read (never moves backwards, on any device). */
export function markRead(doc: Y.Doc, contactId: string, sentAt: string): void {
  const current = lastRead(doc, contactId);
  if (current !== null && current >= sentAt) return;
  doc.transact(() => {
    const reads = readsOf(doc);
    for (const key of [...reads.keys()]) if (isMarkOf(key, contactId)) reads.delete(key);
    reads.set(`${contactId}/${newId()}`, sentAt);
  }, ORIGIN.local);
}
