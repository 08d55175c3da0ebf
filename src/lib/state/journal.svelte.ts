/**
 * The journal as runes: a live, sorted view of the vault's entries and the intents that change
 * them. This is the only place the journal UI meets Yjs; components read getters and call
 * methods, and never observe a Y type themselves.
 */
import { SvelteMap } from 'svelte/reactivity';
import * as Y from 'yjs';
import { ySubscriber, type YEvents } from './y-subscriber';
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
  TOUCH_INTERVAL_MS,
} from '../vault';

export { TOUCH_INTERVAL_MS } from '../vault';

export class JournalState {
  readonly #doc: Y.Doc;
  readonly #entries: Y.Map<EntryMap>;
  /**
   * Snapshots by id, refreshed only for entries that changed, mirrored into `#reactive` so a
   * screen showing one entry re-renders only when that entry changes.
   */
  readonly #cache = new Map<string, EntrySnapshot>();
  readonly #reactive = new SvelteMap<string, EntrySnapshot>();
  /**
   * Ids, newest first, re-sorted only when the list's shape changes (an entry added or
   * removed, its time, Trash or tags changed) — not for typing in an entry. Sorting ten years
   * of entries on every keystroke was most of a keystroke's cost.
   */
  #ids = $state.raw<string[]>([]);
  #lastTouch = new Map<string, number>();
  /** Entries edited since their last `updatedAt` stamp. */
  #untouched = new Set<string>();
  #destroyed = false;
  /**
   * Whether changes may have gone unseen (nobody observing): the cache is rebuilt when
   * observing starts — the first time, and after a pause.
   */
  #stale = true;

  /** Follows every change to the entries, keeping the cache current while anyone reads. */
  readonly #track: () => void;

  /**
   * The sorted ids. Re-evaluated on every change (so the cache stays current), but its value
   * — and so what depends on it — changes only with the list's shape.
   */
  readonly #shape = $derived.by(() => {
    this.#track();
    return this.#ids;
  });
  /** Always true: a reader of one entry keeps the cache current without following the rest. */
  readonly #current = $derived.by(() => {
    this.#track();
    return true;
  });
  readonly #live = $derived.by(() => {
    this.#track(); // any change: the list shows text
    const out: EntrySnapshot[] = [];
    for (const id of this.#ids) {
      const e = this.#cache.get(id);
      if (e && !e.trashedAt) out.push(e);
    }
    return out;
  });
  readonly #liveCount = $derived.by(() => {
    let n = 0;
    for (const id of this.#shape) if (!this.#cache.get(id)?.trashedAt) n++;
    return n;
  });
  readonly #trash = $derived.by(() => {
    this.#track();
    return [...this.#cache.values()]
      .filter((e) => e.trashedAt)
      .sort((a, b) => ((a.trashedAt ?? '') < (b.trashedAt ?? '') ? 1 : -1));
  });
  readonly #tags = $derived.by(() =>
    countTags(this.#shape.flatMap((id) => this.#cache.get(id) ?? [])),
  );

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    this.#entries = entriesOf(doc);
    this.#track = ySubscriber(this.#entries, {
      deep: true,
      onStart: () => {
        if (this.#stale) this.#rebuild();
      },
      onStop: () => (this.#stale = true),
      onChange: (events) => this.#apply(events),
    });
  }

  /** Re-reads every entry: when observing starts, the first time and after a pause. */
  #rebuild(): void {
    if (this.#destroyed) return;
    this.#stale = false;
    for (const id of this.#cache.keys()) if (!this.#entries.has(id)) this.#refresh(id);
    this.#entries.forEach((_, id) => this.#refresh(id));
    this.#resort();
  }

  #resort(): void {
    this.#ids = [...this.#cache.values()].sort(compareNewestFirst).map((e) => e.id);
  }

  /** Re-reads one entry; returns whether the list's shape changed. */
  #refresh(id: string): boolean {
    const before = this.#cache.get(id);
    const map = this.#entries.get(id);
    const snap = map ? readEntry(map) : null;
    if (snap) {
      this.#cache.set(id, snap);
      this.#reactive.set(id, snap);
    } else {
      this.#cache.delete(id);
      this.#reactive.delete(id);
    }
    return (
      !before ||
      !snap ||
      before.createdAt !== snap.createdAt ||
      before.trashedAt !== snap.trashedAt ||
      before.kind !== snap.kind ||
      before.tags.join('\n') !== snap.tags.join('\n')
    );
  }

  #apply(events: YEvents): void {
    if (this.#destroyed) return;
    const changed = new Set<string>();
    for (const event of events) {
      if (event.target === this.#entries) {
        for (const key of event.keys.keys()) changed.add(key);
      } else if (typeof event.path[0] === 'string') {
        changed.add(event.path[0]);
      }
    }
    let shapeChanged = false;
    for (const id of changed) if (this.#refresh(id)) shapeChanged = true;
    if (shapeChanged) this.#resort();
  }

  /** Entries not in the Trash, newest first. */
  get entries(): EntrySnapshot[] {
    return this.#live;
  }

  /** How many entries are not in the Trash (cheap: does not follow typing). */
  get count(): number {
    return this.#liveCount;
  }

  /** Entries in the Trash, most recently trashed first. */
  get trash(): EntrySnapshot[] {
    return this.#trash;
  }

  /** Tags in use, most used first: the source of tag autocomplete. */
  get tags(): TagCount[] {
    return this.#tags;
  }

  /** One entry; re-read by a screen only when this entry changes. */
  get(id: string): EntrySnapshot | null {
    return this.#current ? (this.#reactive.get(id) ?? null) : null;
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
    if (!this.#untouched.has(id) || !this.#entries.has(id)) return;
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

  /** Stops refreshing: the observer itself goes with the last reader (see ./y-subscriber). */
  destroy(): void {
    this.#destroyed = true;
  }
}
