/**
 * The journal as runes: a live, sorted view of the vault's entries and the intents that change
 * them. This is the only place the journal UI meets Yjs; components read getters and call
 * methods, and never observe a Y type themselves.
 */
import * as Y from 'yjs';
import {
  addEntry,
  bodyOf,
  compareNewestFirst,
  countTags,
  deleteEntryForever,
  discardIfEmpty,
  emptyTrash,
  entriesOf,
  readEntry,
  restoreEntry,
  touchEntry,
  trashEntry,
  updateEntry,
  type EntryMap,
  type EntrySnapshot,
  type NewEntry,
  type TagCount,
} from '../vault';

/**
 * Typing stamps an entry's `updatedAt` at most this often (and once more when editing ends).
 * Every stamp is a permanent record in the document's history, so stamping often makes a
 * years-old vault measurably bigger and slower to load for no benefit anyone sees.
 */
export const TOUCH_INTERVAL_MS = 60_000;

export class JournalState {
  readonly #doc: Y.Doc;
  readonly #entries: Y.Map<EntryMap>;
  /**
   * Snapshots by id, refreshed only for entries that changed. Deliberately not reactive
   * itself: one `#version` bump per Yjs transaction is cheaper than a signal per entry.
   */
  readonly #cache = new Map<string, EntrySnapshot>();
  #version = $state(0);
  #lastTouch = new Map<string, number>();
  /** Entries edited since their last `updatedAt` stamp. */
  #untouched = new Set<string>();

  readonly #all = $derived.by(() => {
    void this.#version;
    return [...this.#cache.values()].sort(compareNewestFirst);
  });
  readonly #live = $derived(this.#all.filter((e) => !e.trashedAt));
  readonly #trash = $derived(
    this.#all
      .filter((e) => e.trashedAt)
      .sort((a, b) => ((a.trashedAt ?? '') < (b.trashedAt ?? '') ? 1 : -1)),
  );
  readonly #tags = $derived(countTags(this.#live));

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    this.#entries = entriesOf(doc);
    this.#entries.forEach((_, id) => this.#refresh(id));
    this.#entries.observeDeep(this.#onChange);
  }

  #refresh(id: string): void {
    const map = this.#entries.get(id);
    const snap = map ? readEntry(map) : null;
    if (snap) this.#cache.set(id, snap);
    else this.#cache.delete(id);
  }

  #onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const changed = new Set<string>();
    for (const event of events) {
      if (event.target === this.#entries) {
        for (const key of event.keys.keys()) changed.add(key);
      } else if (typeof event.path[0] === 'string') {
        changed.add(event.path[0]);
      }
    }
    for (const id of changed) this.#refresh(id);
    this.#version++;
  };

  /** Entries not in the Trash, newest first. */
  get entries(): EntrySnapshot[] {
    return this.#live;
  }

  /** Entries in the Trash, most recently trashed first. */
  get trash(): EntrySnapshot[] {
    return this.#trash;
  }

  /** Tags in use, most used first: the source of tag autocomplete. */
  get tags(): TagCount[] {
    return this.#tags;
  }

  get(id: string): EntrySnapshot | null {
    void this.#version;
    return this.#cache.get(id) ?? null;
  }

  /** The live text of an entry, for the editor binding. */
  bodyText(id: string): Y.Text {
    return bodyOf(this.#doc, id);
  }

  create(init: NewEntry = {}): string {
    return addEntry(this.#doc, init);
  }

  setTags(id: string, tags: string[]): void {
    updateEntry(this.#doc, id, { tags });
  }

  /** Called by the editor on every local edit; stamps `updatedAt` now and then. */
  noteEdited(id: string, now = Date.now()): void {
    const last = this.#lastTouch.get(id) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) {
      this.#untouched.add(id);
      return;
    }
    this.#lastTouch.set(id, now);
    this.#untouched.delete(id);
    touchEntry(this.#doc, id);
  }

  /** Editing ended: stamp `updatedAt` if there were edits since the last stamp. */
  finishEditing(id: string, now = Date.now()): void {
    if (!this.#untouched.has(id) || !this.#cache.has(id)) return;
    this.#untouched.delete(id);
    this.#lastTouch.set(id, now);
    touchEntry(this.#doc, id);
  }

  moveToTrash(id: string): void {
    trashEntry(this.#doc, id);
  }

  restore(id: string): void {
    restoreEntry(this.#doc, id);
  }

  deleteForever(id: string): void {
    deleteEntryForever(this.#doc, id);
  }

  emptyTrash(): number {
    return emptyTrash(this.#doc);
  }

  discardIfEmpty(id: string): boolean {
    return discardIfEmpty(this.#doc, id);
  }

  destroy(): void {
    this.#entries.unobserveDeep(this.#onChange);
  }
}
