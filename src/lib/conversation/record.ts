/**
 * What my screen shows of a conversation, built from my own record — not from the shared
 * document, which the other person's client can rewrite at will (a CRDT has no permissions).
 *
 * - Mine are my sent drafts (the words as they went out, at the time my device sent them).
 * - Theirs are my archive (the words as first received, at the time my device first saw them).
 *   A message of theirs in the shared document that is not archived yet (arriving right now)
 *   is shown from there, at now.
 * - Order and unread state use those times on my side, never the `sentAt` a sender claims.
 * - Where the shared document disagrees with my record, the item carries a quiet marker
 *   (`RecordMarker`); nothing is ever shown as mine that I did not send.
 *
 * A message in the shared document that says it is from me counts as mine only when its id is
 * one of my drafts: sent (then my record shows it), or not yet marked sent — another of my
 * devices delivered it and its vault update has not arrived here yet. Draft ids never leave my
 * devices before they are sent, so nobody else can know one. (When the draft itself has not
 * arrived from my other device yet, the message looks like a forgery until it does.)
 *
 * Pure: the state layer (../state/record.svelte.ts) feeds it and the export reads the same
 * record (../transfer/conversation-export.ts).
 */
import type * as Y from 'yjs';
import type { ArchivedMessage, SentMessage } from '../vault';
import { messagesOf, type Message } from './conversation';

/**
 * Whether this copy of the shared document has ever held a message under `id`: a deleted key
 * leaves its item behind (a tombstone), so "Sam removed it" can be told apart from "this
 * device's copy has not caught up yet" (a new device, a long time offline) — only the first
 * deserves a note. (A removal that reaches a fresh copy already garbage-collected carries no
 * key, and then shows no note: quiet rather than wrong.)
 */
export const sharedHeld = (doc: Y.Doc, id: string): boolean => messagesOf(doc)._map.has(id);

/**
 * - `changed`: their message says something else in the shared document than when I got it.
 * - `removed`: their message is gone from the shared document; my record keeps it.
 * - `claims-to-be-me`: it says it is from me, and I never sent it.
 * - `their-copy-differs`: my sent message reads differently in the shared document.
 * - `not-in-shared`: my sent message is gone from the shared document.
 * - `unknown-sender`: it came from their side under a member id that is neither of ours.
 */
export type RecordMarker =
  | 'changed'
  | 'removed'
  | 'claims-to-be-me'
  | 'their-copy-differs'
  | 'not-in-shared'
  | 'unknown-sender';

export interface RecordVersion {
  text: string;
  replyTo: string | null;
}

export interface ConversationItem {
  id: string;
  /** Only what my own record says I sent. */
  mine: boolean;
  /** What is shown by default (for `changed`, their new version; for mine, what I sent). */
  text: string;
  replyTo: string | null;
  /** When my device first saw it (theirs) or sent it (mine): ISO, my clock. */
  at: string;
  /** The `sentAt` the shared document or my archive claims, for reference only. */
  claimedSentAt: string | null;
  /** Theirs, first seen after my read mark. Never mine. */
  unread: boolean;
  markers: RecordMarker[];
  /**
   * The other version, to show on request: my archived original (`changed`) or their copy of
   * my message (`their-copy-differs`). Null when there is none.
   */
  other: RecordVersion | null;
}

export interface ConversationRecordInput {
  /** My sent messages to this contact (../vault/sent.ts listSent). */
  sent: readonly SentMessage[];
  /** My archive for this contact, with `firstSeenAt` (../vault/archive.ts listArchived). */
  archived: readonly (ArchivedMessage & { firstSeenAt: string })[];
  /** The shared document's messages, or null while it has not loaded (then nothing is compared). */
  shared: readonly Message[] | null;
  /**
   * Whether the shared document ever held an id (`sharedHeld`); a message it never held is not
   * marked as removed. Without it, every message missing from `shared` counts as removed.
   */
  sharedHeld?: (id: string) => boolean;
  myMemberId: string;
  theirMemberId: string;
  /** Ids of my drafts for this contact not marked sent (../vault/sent.ts unsentDraftIds). */
  unsentDraftIds: ReadonlySet<string>;
  now: Date;
  /**
   * When this device first saw shared messages that are not archived yet (by id); others of
   * those are at `now`.
   */
  firstSeen?: ReadonlyMap<string, string>;
  /** My read mark (../vault/archive.ts lastRead), or null when nothing is read. */
  lastRead?: string | null;
}

const orNull = (v: string | undefined | null): string | null => v ?? null;

const sameVersion = (a: RecordVersion, b: { text: string; replyTo?: string | null }): boolean =>
  a.text === b.text && a.replyTo === orNull(b.replyTo);

/** Markers for who a message says it is from: me (and I did not send it), or nobody known. */
function attribution(
  froms: readonly string[],
  myMemberId: string,
  theirMemberId: string,
): RecordMarker[] {
  if (myMemberId && froms.includes(myMemberId)) return ['claims-to-be-me'];
  if (froms.some((f) => f !== theirMemberId)) return ['unknown-sender'];
  return [];
}

/** The conversation as my screen shows it, oldest first (ties by id). */
export function buildConversationView(input: ConversationRecordInput): ConversationItem[] {
  const { sent, archived, shared, myMemberId, theirMemberId, unsentDraftIds } = input;
  const nowIso = input.now.toISOString();
  const sharedById = new Map((shared ?? []).map((m) => [m.id, m]));
  const sentIds = new Set(sent.map((m) => m.id));
  /** Gone from a shared document that did hold it: removed, not merely not arrived yet. */
  const removed = (id: string): boolean =>
    !!shared && !sharedById.has(id) && (input.sharedHeld?.(id) ?? true);
  const items: Omit<ConversationItem, 'unread'>[] = [];
  /** Delivered by another of my devices, not marked sent here yet. */
  const pendingMine = (id: string, from: string | undefined): boolean =>
    !!myMemberId && from === myMemberId && unsentDraftIds.has(id);

  for (const m of sent) {
    const mine: RecordVersion = { text: m.text, replyTo: orNull(m.replyTo) };
    const theirs = sharedById.get(m.id);
    const markers: RecordMarker[] = [];
    let other: RecordVersion | null = null;
    if (removed(m.id)) markers.push('not-in-shared');
    const reattributed = !!myMemberId && theirs?.from !== myMemberId;
    if (theirs && (!sameVersion(mine, theirs) || reattributed)) {
      markers.push('their-copy-differs');
      other = { text: theirs.text, replyTo: orNull(theirs.replyTo) };
    }
    items.push({
      id: m.id,
      mine: true,
      ...mine,
      at: m.sentAt,
      claimedSentAt: null,
      markers,
      other,
    });
  }

  const archivedIds = new Set<string>();
  for (const m of archived) {
    if (sentIds.has(m.id)) continue; // my record of what I sent wins (see ./arrivals.ts)
    archivedIds.add(m.id);
    const current = sharedById.get(m.id);
    const first: RecordVersion = { text: m.text, replyTo: orNull(m.replyTo) };
    if (pendingMine(m.id, current?.from ?? m.from)) {
      const shown = current ?? m;
      items.push({
        id: m.id,
        mine: true,
        text: shown.text,
        replyTo: orNull(shown.replyTo),
        at: m.firstSeenAt,
        claimedSentAt: null,
        markers: [],
        other: null,
      });
      continue;
    }
    const froms = current ? [m.from, current.from] : [m.from];
    const markers = attribution(froms, myMemberId, theirMemberId);
    const changed = !!current && (!sameVersion(first, current) || current.from !== m.from);
    if (changed) markers.unshift('changed');
    if (removed(m.id)) markers.unshift('removed');
    items.push({
      id: m.id,
      mine: false,
      ...(changed && current ? { text: current.text, replyTo: orNull(current.replyTo) } : first),
      at: m.firstSeenAt,
      claimedSentAt: changed && current ? current.sentAt : m.sentAt,
      markers,
      other: changed ? first : null,
    });
  }

  for (const m of shared ?? []) {
    if (sentIds.has(m.id) || archivedIds.has(m.id)) continue;
    const mine = pendingMine(m.id, m.from);
    items.push({
      id: m.id,
      mine,
      text: m.text,
      replyTo: orNull(m.replyTo),
      at: input.firstSeen?.get(m.id) ?? nowIso,
      claimedSentAt: mine ? null : m.sentAt,
      markers: mine ? [] : attribution([m.from], myMemberId, theirMemberId),
      other: null,
    });
  }

  const read = input.lastRead ?? null;
  return items
    .map((item) => ({ ...item, unread: !item.mine && (read === null || item.at > read) }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** The newest item, or null. */
export const latestItem = (items: readonly ConversationItem[]): ConversationItem | null =>
  items.at(-1) ?? null;

/** Whether anything from their side is unread. */
export const hasUnread = (items: readonly ConversationItem[]): boolean =>
  items.some((item) => item.unread);

/** What each marker says on screen, with the contact's name. Calm and factual. */
export function markerText(marker: RecordMarker, name: string): string {
  switch (marker) {
    case 'changed':
      return `${name} changed this message after sending.`;
    case 'removed':
      return `${name} removed this message. It stays in your own record.`;
    case 'claims-to-be-me':
      return "This message claims to be from you. It isn't.";
    case 'their-copy-differs':
      return `${name}’s copy of this message says something else. You see what you sent.`;
    case 'not-in-shared':
      return 'This message is no longer in the shared conversation. You see what you sent.';
    case 'unknown-sender':
      return `This came from ${name}’s side under a name Mull doesn’t know.`;
  }
}

/** The toggle's label: [showing the default, showing the other version]. */
export function toggleLabels(marker: 'changed' | 'their-copy-differs'): [string, string] {
  return marker === 'changed'
    ? ['Show the original', 'Show the new version']
    : ['Show their copy', 'Show what you sent'];
}
