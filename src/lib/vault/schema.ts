/**
 * Names of the vault's root types and of the fields inside them. Every key the vault uses is
 * spelled here once, so a typo is a compile error rather than a silently empty map.
 *
 * See ../../../../shared/DESIGN.md §2 for what each root type holds.
 */

/** Bumped when the shape of stored data changes in a way older code cannot read. */
export const SCHEMA_VERSION = 1;

export const ROOT = {
  entries: 'entries',
  drafts: 'drafts',
  contacts: 'contacts',
  reads: 'reads',
  archive: 'archive',
  settings: 'settings',
  devices: 'devices',
  /**
   * Not in DESIGN.md's table: "What I almost sent" — first versions of replies that were
   * discarded or sent much changed. Private, like everything in the vault; deletable for good.
   */
  reflections: 'reflections',
  /**
   * Not in DESIGN.md's table: a small map for bookkeeping about the document itself
   * (`schemaVersion`). Kept apart from `settings` because it is not something a person sets.
   */
  meta: 'meta',
  /**
   * Not in DESIGN.md's table: people I blocked, by their member id (blocked.ts). An invite or a
   * request from one of them is refused quietly, on every one of my devices.
   */
  blocked: 'blocked',
} as const;

export const META = {
  schemaVersion: 'schemaVersion',
} as const;

export const ENTRY = {
  id: 'id',
  kind: 'kind',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  body: 'body',
  mood: 'mood',
  emotions: 'emotions',
  tags: 'tags',
  trashedAt: 'trashedAt',
} as const;

export const ENTRY_KINDS = ['entry', 'checkin'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Mood axes run from −5 (unpleasant / low energy) to +5 (pleasant / high energy). */
export const MOOD_MIN = -5;
export const MOOD_MAX = 5;

/** Bounds that keep one bad write (or a hostile peer later) from bloating every device. */
export const MAX_TAG_LENGTH = 48;
export const MAX_TAGS_PER_ENTRY = 32;
export const MAX_EMOTIONS_PER_ENTRY = 32;

/** Keys inside the `settings` map (DESIGN.md §2). Settings sync to all of a person's devices. */
export const SETTING = {
  displayName: 'displayName',
  memberId: 'memberId',
  quietHours: 'quietHours',
  replyWindow: 'replyWindow',
  undoSeconds: 'undoSeconds',
  coolOffMinutes: 'coolOffMinutes',
  signaling: 'signaling',
  reminder: 'reminder',
  theme: 'theme',
  /** Whether conversations reach contacts only through a TURN relay (default: no). */
  contactsViaRelay: 'contactsViaRelay',
  /** Whether a message notification may show the message's words (default: no). */
  notificationPreview: 'notificationPreview',
} as const;

export const CONTACT = {
  id: 'id',
  name: 'name',
  conversationSecret: 'conversationSecret',
  theirMemberId: 'theirMemberId',
  addedAt: 'addedAt',
  removedAt: 'removedAt',
  /**
   * Set with `removedAt` when I chose to delete my copy of the conversation: every device of
   * mine that sees it deletes the conversation's local database too (the secret stays, as the
   * database's name is derived from it).
   */
  historyDeletedAt: 'historyDeletedAt',
} as const;

/** Fields of an entry in `blocked` (a plain JSON value under the member id). */
export const BLOCKED = {
  memberId: 'memberId',
  name: 'name',
  blockedAt: 'blockedAt',
} as const;

export const DRAFT = {
  id: 'id',
  contactId: 'contactId',
  replyTo: 'replyTo',
  body: 'body',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  moodAtStart: 'moodAtStart',
  moodAtSend: 'moodAtSend',
  holdUntil: 'holdUntil',
  sendAt: 'sendAt',
  state: 'state',
  toneNotes: 'toneNotes',
  /** The text when the person first stepped away from it (for "What I almost sent"). */
  firstVersion: 'firstVersion',
  /** True when `sendAt` is the end of an undo window, not a chosen time. */
  undoable: 'undoable',
  /** The id of the device that scheduled it: its lease to deliver (../conversation/README.md). */
  scheduledBy: 'scheduledBy',
  /** The words as they went out, read when the draft was marked sent: my record of it. */
  sentText: 'sentText',
  /** When this device marked it sent (my clock): where it sits in my record. */
  sentAt: 'sentAt',
} as const;

/** Longest display name or reply-window text a person may publish. */
export const MAX_NAME_LENGTH = 60;
export const MAX_REPLY_WINDOW_LENGTH = 140;
/** Longest message text accepted, written or received. */
export const MAX_MESSAGE_LENGTH = 20_000;
