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
   * Not in DESIGN.md's table: a small map for bookkeeping about the document itself
   * (`schemaVersion`). Kept apart from `settings` because it is not something a person sets.
   */
  meta: 'meta',
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
} as const;
