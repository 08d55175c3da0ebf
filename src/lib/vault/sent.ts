/**
 * What I sent, as my own record keeps it: each sent draft's words as they went out
 * (`sentText`) and when my device marked it sent (`sentAt`). This, not the shared conversation,
 * is the source of "You" on my screen (../conversation/record.ts).
 *
 * Drafts sent before these fields existed fall back to their body and `updatedAt` (a sent
 * draft is not edited afterwards, so both still hold what went out and about when).
 */
import * as Y from 'yjs';
import { draftsOf } from './drafts';
import { DRAFT } from './schema';

export interface SentMessage {
  id: string;
  text: string;
  sentAt: string;
  replyTo?: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** My sent messages to this contact, oldest first (ties by id). */
export function listSent(doc: Y.Doc, contactId: string): SentMessage[] {
  const out: SentMessage[] = [];
  draftsOf(doc).forEach((map, key) => {
    if (!(map instanceof Y.Map)) return;
    if (map.get(DRAFT.state) !== 'sent' || map.get(DRAFT.contactId) !== contactId) return;
    const id = str(map.get(DRAFT.id)) ?? key;
    const body = map.get(DRAFT.body);
    const text = str(map.get(DRAFT.sentText)) ?? (body instanceof Y.Text ? body.toString() : '');
    const sentAt =
      str(map.get(DRAFT.sentAt)) ?? str(map.get(DRAFT.updatedAt)) ?? str(map.get(DRAFT.createdAt));
    if (!sentAt) return;
    const replyTo = str(map.get(DRAFT.replyTo));
    out.push({ id, text, sentAt, ...(replyTo ? { replyTo } : {}) });
  });
  return out.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
}

/** Ids of my drafts for this contact not sent yet (any state but sent): they never left my devices. */
export function unsentDraftIds(doc: Y.Doc, contactId: string): Set<string> {
  const out = new Set<string>();
  draftsOf(doc).forEach((map, key) => {
    if (!(map instanceof Y.Map) || map.get(DRAFT.contactId) !== contactId) return;
    if (map.get(DRAFT.state) !== 'sent') out.add(key);
  });
  return out;
}
