/**
 * What happens when an imported entry's id is already in the vault. The rules, in order:
 *
 * 1. Not in the vault: added as it is in the file (id, times and Trash state kept).
 * 2. Same content (words, time, mood, emotions, tags, kind, Trash state): nothing is written,
 *    whatever the two `updatedAt` say. This is what makes a second import change nothing.
 * 3. From Daylio: a check-in imported before is left alone, even if it was edited since.
 * 4. Otherwise the version edited later (`updatedAt`; a tie goes to the vault) is kept, whole.
 *    If the other version's words are not all inside the kept text, they are added as a
 *    separate entry — same time, mood, emotions and tags, plus the tag "conflicted copy" — so
 *    no words are ever lost. Its id is derived from the original id and those words, so
 *    importing the same file again finds the copy already there and adds nothing.
 */
import { MAX_TAGS_PER_ENTRY, sameEntryContent, type EntrySnapshot } from '../vault';
import { stableId } from './stable-id';

export const CONFLICT_TAG = 'conflicted copy';
const COPY_NAMESPACE = 'mull/conflicted-copy/v1';

export type ImportSource = 'mull-json' | 'daylio-csv';

export type MergeOutcome =
  /** New to the vault. */
  | 'add'
  /** The file's version is later and replaces the vault's. */
  | 'update'
  /** Already the same; or (Daylio) imported before. */
  | 'same'
  /** The vault's version is later and stays. */
  | 'keep-vault';

export interface MergeDecision {
  outcome: MergeOutcome;
  /** The entry as it should be in the vault afterwards, when it must be written. */
  write: EntrySnapshot | null;
  /** The losing version, kept as a separate entry when its words would otherwise be lost. */
  copy: EntrySnapshot | null;
}

/** The losing version as its own entry, marked so a person can find and compare it. */
export function conflictedCopy(loser: EntrySnapshot): EntrySnapshot {
  const tags = loser.tags.filter((t) => t !== CONFLICT_TAG).slice(0, MAX_TAGS_PER_ENTRY - 1);
  return {
    ...loser,
    id: stableId(COPY_NAMESPACE, loser.id, loser.body),
    tags: [...tags, CONFLICT_TAG],
    emotions: [...loser.emotions],
    mood: loser.mood && { ...loser.mood },
  };
}

export function decideMerge(
  existing: EntrySnapshot | null,
  incoming: EntrySnapshot,
  source: ImportSource,
): MergeDecision {
  if (!existing) return { outcome: 'add', write: incoming, copy: null };
  if (sameEntryContent(existing, incoming) || source === 'daylio-csv') {
    return { outcome: 'same', write: null, copy: null };
  }
  // Compared as instants: a time without milliseconds is still the same instant as with.
  const fileIsLater = Date.parse(incoming.updatedAt) > Date.parse(existing.updatedAt);
  const [kept, other] = fileIsLater ? [incoming, existing] : [existing, incoming];
  const copy = kept.body.includes(other.body) ? null : conflictedCopy(other);
  return fileIsLater
    ? { outcome: 'update', write: incoming, copy }
    : { outcome: 'keep-vault', write: null, copy };
}
