/**
 * My own record of a conversation, kept in the vault: a copy of every message I received (so a
 * contact cannot erase my history by vandalising the shared document), and which message I
 * last read (private — never sent anywhere, so there are no read receipts to leak).
 *
 * Every time here that decides order or unread state is on my device's clock: `firstSeenAt`
 * (when a message was first archived), never the `sentAt` its sender claims, which a modified
 * client can set to anything (years back, or far in the future).
 */
import * as Y from 'yjs';
import { isCanonicalUtcIso } from '../time/iso';
import { newId } from './entries';
import { ORIGIN } from './origins';
import { MAX_MESSAGE_LENGTH, ROOT } from './schema';

export interface ArchivedMessage {
  id: string;
  from: string;
  text: string;
  /** As the sender claims it: kept, shown in the export, never used for order. */
  sentAt: string;
  replyTo?: string;
  /**
   * When my device first archived it (my clock). Rows archived before this field existed read
   * as the earlier of `sentAt` and now.
   */
  firstSeenAt?: string;
}

export const archiveOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> =>
  doc.getMap<Y.Map<unknown>>(ROOT.archive);
export const readsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.reads);

/** A time as the archive and read marks compare it: the full `toISOString()` form, or null. */
const canonical = (value: unknown): string | null =>
  isCanonicalUtcIso(value) ? new Date(value).toISOString() : null;

/**
 * The most my archive keeps for one contact (characters of text, plus ARCHIVED_OVERHEAD per
 * message): 5 million, about 25,000 messages of a few lines, decades of answering slowly. The
 * archive lives in the vault, which every start loads whole, so a contact whose client streams
 * messages (the conversation itself may hold 50 MB, ../sync/room-budget.ts) must not be able to
 * grow my journal's start-up with it. Past this, new messages are shown from the shared
 * conversation but not copied, and the conversation screen says so (`archiveFull`).
 */
export const ARCHIVE_BUDGET_CHARS = 5_000_000;
/** What one archived message costs beyond its text (ids, times, the map entry). */
export const ARCHIVED_OVERHEAD = 200;

const archivedCost = (m: { text: string }): number => m.text.length + ARCHIVED_OVERHEAD;

/** What my archive for this contact holds, in the units of ARCHIVE_BUDGET_CHARS. */
export function archiveUsed(doc: Y.Doc, contactId: string): number {
  const box = archiveOf(doc).get(contactId);
  if (!(box instanceof Y.Map)) return 0;
  let used = 0;
  box.forEach((v) => {
    const text = (v as { text?: unknown } | null)?.text;
    used += typeof text === 'string' ? archivedCost({ text }) : ARCHIVED_OVERHEAD;
  });
  return used;
}

/**
 * Whether my archive for this contact has reached its budget: the longest message would no
 * longer fit, so what arrives may not be copied.
 */
export const archiveFull = (doc: Y.Doc, contactId: string): boolean =>
  archiveUsed(doc, contactId) + MAX_MESSAGE_LENGTH + ARCHIVED_OVERHEAD > ARCHIVE_BUDGET_CHARS;

/**
 * Copies messages not yet archived, with `firstSeenAt` = now, up to the contact's budget
 * (ARCHIVE_BUDGET_CHARS; the rest is left out); returns how many were copied. One
 * transaction. Messages that arrive together (after a week away) keep the order they were
 * given in, a millisecond apart and ending at now, so a batch is not shuffled by id: the
 * sender can only reorder their own messages within what arrived at once.
 */
export function archiveMessages(
  doc: Y.Doc,
  contactId: string,
  messages: readonly ArchivedMessage[],
  now = new Date(),
): number {
  const existing = archiveOf(doc).get(contactId);
  const seen = new Set<string>();
  let used: number | null = null;
  const fresh = messages.filter((m) => {
    if (seen.has(m.id) || (existing instanceof Y.Map && existing.has(m.id))) return false;
    used ??= archiveUsed(doc, contactId);
    if (used + archivedCost(m) > ARCHIVE_BUDGET_CHARS) return false;
    used += archivedCost(m);
    seen.add(m.id);
    return true;
  });
  if (fresh.length === 0) return 0;
  doc.transact(() => {
    settleReadMark(doc, contactId, now);
    let box = archiveOf(doc).get(contactId);
    if (!(box instanceof Y.Map)) {
      box = new Y.Map<unknown>();
      archiveOf(doc).set(contactId, box);
    }
    fresh.forEach((m, i) => {
      const firstSeenAt = new Date(now.getTime() - (fresh.length - 1 - i)).toISOString();
      box.set(m.id, {
        id: m.id,
        from: m.from,
        text: m.text,
        sentAt: m.sentAt,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        firstSeenAt,
      });
    });
  }, ORIGIN.local);
  return fresh.length;
}

/** Whether this message id is in my archive for this contact. */
export function isArchived(doc: Y.Doc, contactId: string, id: string): boolean {
  const box = archiveOf(doc).get(contactId);
  return box instanceof Y.Map && box.has(id);
}

/**
 * My archive for one contact, in the order I first saw it (ties by id). Every message comes
 * with `firstSeenAt` (filled in for old rows, see ArchivedMessage).
 */
export function listArchived(
  doc: Y.Doc,
  contactId: string,
  now = new Date(),
): (ArchivedMessage & { firstSeenAt: string })[] {
  const box = archiveOf(doc).get(contactId);
  if (!(box instanceof Y.Map)) return [];
  const nowIso = now.toISOString();
  const out: (ArchivedMessage & { firstSeenAt: string })[] = [];
  box.forEach((v) => {
    const m = v as Partial<ArchivedMessage> | null;
    if (
      m &&
      typeof m.id === 'string' &&
      typeof m.text === 'string' &&
      typeof m.sentAt === 'string'
    ) {
      const claimed = canonical(m.sentAt);
      const firstSeenAt =
        canonical(m.firstSeenAt) ?? (claimed !== null && claimed < nowIso ? claimed : nowIso);
      out.push({
        id: m.id,
        from: String(m.from ?? ''),
        text: m.text,
        sentAt: m.sentAt,
        ...(typeof m.replyTo === 'string' ? { replyTo: m.replyTo } : {}),
        firstSeenAt,
      });
    }
  });
  return out.sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.id.localeCompare(b.id));
}

/*
 * Read marks are a max-register. Each `markRead` writes a key of its own (`<contactId>/<id>`)
 * and deletes the marks for that contact it can see, so when two devices mark read while apart
 * both marks survive the merge and the later time wins. (One value per contact would keep
 * whichever device's write Yjs happens to order last — possibly the earlier time, showing read
 * messages as unread again on every device.) A plain `<contactId>` key is a mark from before
 * this; it is read, and tidied away at the next mark. Contact ids never contain "/".
 *
 * A mark is a time on my clock (a message's `firstSeenAt`). Older Mull wrote the sender's
 * claimed `sentAt`, so a stored mark can lie in the future — a message dated 2099 once made
 * every later message count as read. A mark later than now counts as now, and when something
 * new arrives (`archiveMessages`) such a mark is settled to the last time seen before it, so
 * the new message is unread.
 */
const isMarkOf = (key: string, contactId: string): boolean =>
  key === contactId || key.startsWith(`${contactId}/`);

/** The largest stored mark for this contact, as stored (it may be in the future), or null. */
function storedMark(doc: Y.Doc, contactId: string): string | null {
  let latest: string | null = null;
  readsOf(doc).forEach((value, key) => {
    const at = isMarkOf(key, contactId) ? canonical(value) : null;
    if (at !== null && (latest === null || at > latest)) latest = at;
  });
  return latest;
}

function writeMark(doc: Y.Doc, contactId: string, at: string | null): void {
  const reads = readsOf(doc);
  for (const key of [...reads.keys()]) if (isMarkOf(key, contactId)) reads.delete(key);
  if (at !== null) reads.set(`${contactId}/${newId()}`, at);
}

/** Everything first seen up to this time (my clock) is read; null when nothing is. */
export function lastRead(doc: Y.Doc, contactId: string, now = new Date()): string | null {
  const mark = storedMark(doc, contactId);
  const nowIso = now.toISOString();
  return mark !== null && mark > nowIso ? nowIso : mark;
}

/**
 * Marks everything first seen up to `at` as read. Never moves backwards, on any device — except
 * that a mark in the future (see above) is replaced, and `at` itself never goes past now.
 */
export function markRead(doc: Y.Doc, contactId: string, at: string, now = new Date()): void {
  const given = canonical(at);
  if (given === null) return;
  const nowIso = now.toISOString();
  const target = given > nowIso ? nowIso : given;
  const current = storedMark(doc, contactId);
  if (current !== null && current <= nowIso && current >= target) return;
  doc.transact(() => writeMark(doc, contactId, target), ORIGIN.local);
}

/**
 * A mark in the future, when a new message arrives at `now`: settled to the latest time I saw
 * anything of theirs before (or removed, when there was nothing), so what arrives now is
 * unread. Called inside archiveMessages' transaction.
 */
function settleReadMark(doc: Y.Doc, contactId: string, now: Date): void {
  const mark = storedMark(doc, contactId);
  if (mark === null || mark <= now.toISOString()) return;
  const before = listArchived(doc, contactId, now).at(-1)?.firstSeenAt ?? null;
  writeMark(doc, contactId, before);
}
