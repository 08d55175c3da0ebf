/**
 * A full-text index over the vault's entries and check-ins that keeps itself up to date.
 *
 * It is built once from the document, then follows the `entries` map with `observeDeep`. An
 * edit only marks its entry dirty — a keystroke costs a Set insert — and dirty entries are
 * re-indexed in one batch at most INDEX_DELAY_MS later, or at once when someone searches:
 *
 *   keystrokes   k k k k k k k k k k k k
 *   dirty set    {a}·························
 *   re-index               ▲ (INDEX_DELAY_MS after the first)      ▲ search(): flush first
 *
 * So `search()` never answers from stale text, however recent the edit, and typing never pays
 * for indexing. Changes from other devices arrive through the same observer.
 */
import type * as Y from 'yjs';
import { entriesOf, type EntryKind, type EntryMap, type Mood } from '../vault';
import {
  highlightText,
  snippetOf,
  substringMatcher,
  termMatcher,
  type HighlightedText,
  type Matcher,
  type Snippet,
} from './highlight';
import type { Field } from './matching';
import {
  compareNewest,
  sameForSearch,
  sameText,
  toIndexedEntry,
  type IndexedEntry,
} from './indexed-entry';
import { TopK, type RankCompare } from './top-k';
import { EntryMiniSearch } from './entry-mini-search';
import {
  clampLimit,
  clampOffset,
  compileFilter,
  parseQueryText,
  type ParsedText,
  type SearchQuery,
} from './query';

/**
 * How long edits wait before they are indexed in the background. Long enough that a burst of
 * typing is one batch, short enough that an open results list catches up within a breath.
 * `search()` does not wait for it.
 */
export const INDEX_DELAY_MS = 400;

/**
 * Entries indexed per slice of a background build. A ten-year vault takes about 0.6 s to index
 * on a laptop; in slices of this size the page keeps answering keystrokes (about 20 ms each).
 */
export const BUILD_SLICE_ENTRIES = 250;

export interface SearchIndexOptions {
  /** Overrides INDEX_DELAY_MS (tests use 0 or a large value). */
  delayMs?: number;
  /**
   * Build the index in slices between other work instead of before the constructor returns.
   * `whenBuilt` resolves when it is complete; a search before then completes it first, so no
   * search ever sees half an index.
   */
  background?: boolean;
}

export interface SearchHit {
  id: string;
  kind: EntryKind;
  createdAt: string;
  mood: Mood | null;
  /** Relevance (higher is better); 0 for a listing without words. */
  score: number;
  /** The text (a check-in's note) around its first match, or its opening when it did not match. */
  body: Snippet;
  /** Every tag of the entry, with the matched words marked. */
  tags: HighlightedText[];
  /** Every emotion word of the entry, with the matched words marked. */
  emotions: HighlightedText[];
}

export interface SearchResults {
  /** One page of hits, in the order asked for. */
  hits: SearchHit[];
  /** How many entries matched in all, across pages. */
  total: number;
  /** The normalized words that were searched for (empty for a listing). */
  terms: string[];
  /** The query was cut to MAX_QUERY_CHARS / MAX_QUERY_TERMS. */
  truncated: boolean;
}

export class SearchIndex {
  readonly #entries: Y.Map<EntryMap>;
  readonly #mini = new EntryMiniSearch<IndexedEntry>();
  /** Searchable entries (not in the Trash) by key, exactly as they were given to MiniSearch. */
  readonly #indexed = new Map<string, IndexedEntry>();
  readonly #dirty = new Set<string>();
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #listeners = new Set<() => void>();
  #notifyQueued = false;
  #observing = true;
  /** Keys the initial build has still to add (only non-empty during a background build). */
  #unbuilt: string[];
  #built!: () => void;
  /** Resolves once the initial build is complete (at once unless built in the background). */
  readonly whenBuilt: Promise<void>;

  constructor(doc: Y.Doc, options: SearchIndexOptions = {}) {
    this.#delayMs = options.delayMs ?? INDEX_DELAY_MS;
    this.#entries = entriesOf(doc);
    this.whenBuilt = new Promise((resolve) => (this.#built = resolve));
    // Observe first: an entry that changes during a background build is then re-indexed too.
    this.#entries.observeDeep(this.#onChange);
    this.#unbuilt = [...this.#entries.keys()];
    if (options.background) {
      setTimeout(this.#buildSlice, 0);
    } else {
      this.#build(Infinity);
    }
  }

  #buildSlice = (): void => {
    if (!this.#observing) return;
    this.#build(BUILD_SLICE_ENTRIES);
    if (this.#unbuilt.length > 0) {
      setTimeout(this.#buildSlice, 0);
    } else {
      this.#notify();
    }
  };

  /** Adds up to `count` entries of the initial build; resolves `whenBuilt` when none are left. */
  #build(count: number): void {
    for (let i = 0; i < count && this.#unbuilt.length > 0; i++) {
      const key = this.#unbuilt.pop() as string;
      // Already there if a change to it was flushed before the build reached it.
      if (this.#indexed.has(key)) continue;
      const entry = toIndexedEntry(key, this.#entries.get(key));
      if (entry) {
        this.#mini.add(entry);
        this.#indexed.set(key, entry);
      }
    }
    if (this.#unbuilt.length === 0) this.#built();
  }

  /** How many entries and check-ins are searchable now (pending edits not yet counted). */
  get size(): number {
    return this.#indexed.size;
  }

  /** How many changed entries wait to be indexed. */
  get pending(): number {
    return this.#dirty.size;
  }

  #onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    for (const event of events) {
      if (event.target === this.#entries) {
        for (const key of event.keys.keys()) this.#dirty.add(key);
      } else if (typeof event.path[0] === 'string') {
        this.#dirty.add(event.path[0]);
      }
    }
    if (this.#dirty.size > 0 && this.#timer === null) {
      this.#timer = setTimeout(() => this.flush(), this.#delayMs);
    }
  };

  /** Indexes every pending change now. `search()` calls this itself. */
  flush(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#dirty.size === 0) return;
    let changed = false;
    for (const key of this.#dirty) changed = this.#reindex(key) || changed;
    this.#dirty.clear();
    if (changed) this.#notify();
  }

  /** Re-reads one entry; returns whether anything a search can see changed. */
  #reindex(key: string): boolean {
    const next = toIndexedEntry(key, this.#entries.get(key));
    const prev = this.#indexed.get(key);
    if (prev && next && sameText(prev, next)) {
      this.#indexed.set(key, next);
      return !sameForSearch(prev, next);
    }
    if (prev) {
      try {
        // Removing needs the words that were added; `prev` is that very document.
        this.#mini.remove(prev);
      } catch {
        // Never expected; if MiniSearch refuses, drop the document by id instead.
        if (this.#mini.has(key)) this.#mini.discard(key);
      }
      this.#indexed.delete(key);
    }
    if (next) {
      this.#mini.add(next);
      this.#indexed.set(key, next);
    }
    return prev !== undefined || next !== null;
  }

  /**
   * Calls `listener` (in a microtask, never during `search()`) whenever indexed content
   * changed, so an open results list can search again. Returns the unsubscribe function.
   */
  onUpdate(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    if (this.#notifyQueued || this.#listeners.size === 0) return;
    this.#notifyQueued = true;
    queueMicrotask(() => {
      this.#notifyQueued = false;
      for (const listener of [...this.#listeners]) listener();
    });
  }

  /**
   * Finds entries and check-ins. Words must all match (each in any field); with no words, the
   * filters alone make a listing. Throws a RangeError for a malformed day or time zone.
   */
  search(query: SearchQuery = {}): SearchResults {
    if (this.#unbuilt.length > 0) this.#build(Infinity);
    this.flush();
    const parsed = parseQueryText(query.text);
    const filter = compileFilter(query);
    const offset = clampOffset(query.offset);
    const top = new TopK(
      offset + clampLimit(query.limit),
      query.sort === 'relevance' ? byRelevance : byNewest,
    );
    const matchersFor = this.#collect(parsed, (entry, score) => {
      if (!filter || filter(entry)) top.offer(entry, score);
    });
    const hits = top
      .take()
      .slice(offset)
      .map(({ item, score }) => toHit(item, score, matchersFor(item)));
    return { hits, total: top.count, terms: parsed.terms, truncated: parsed.truncated };
  }

  /** Offers every entry the text matches; returns how to highlight a hit's fields. */
  #collect(
    { terms, needle }: ParsedText,
    offer: (entry: IndexedEntry, score: number) => void,
  ): (entry: IndexedEntry) => Matchers {
    if (needle !== null) {
      for (const entry of this.#indexed.values())
        if (containsNeedle(entry, needle)) offer(entry, 1);
      const matchers = allFields(substringMatcher(needle));
      return () => matchers;
    }
    if (terms.length === 0) {
      for (const entry of this.#indexed.values()) offer(entry, 0);
      return () => NO_MATCHERS;
    }
    const expansions = terms.map((term, i) => this.#mini.expand(term, i, terms));
    this.#mini.scoreAll(expansions, offer);
    return (entry) => {
      const matched = this.#mini.matchedTerms(entry.id, expansions);
      return {
        body: words(matched.body),
        tags: words(matched.tags),
        emotions: words(matched.emotions),
      };
    };
  }

  /**
   * Stops following the document (and any background build). The index keeps answering from
   * what it had indexed.
   */
  destroy(): void {
    if (!this.#observing) return;
    this.#observing = false;
    this.#entries.unobserveDeep(this.#onChange);
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#dirty.clear();
    this.#listeners.clear();
    this.#unbuilt = [];
    this.#built();
  }
}

const byNewest: RankCompare<IndexedEntry> = (a, _, b) => compareNewest(a, b);
const byRelevance: RankCompare<IndexedEntry> = (a, aScore, b, bScore) =>
  bScore - aScore || compareNewest(a, b);

type Matchers = Record<Field, Matcher | null>;

const allFields = (matcher: Matcher | null): Matchers => ({
  body: matcher,
  tags: matcher,
  emotions: matcher,
});

const NO_MATCHERS = allFields(null);

const words = (terms: Set<string>): Matcher | null => (terms.size > 0 ? termMatcher(terms) : null);

const containsNeedle = (entry: IndexedEntry, needle: string): boolean =>
  entry.body.includes(needle) ||
  entry.tags.some((t) => t.includes(needle)) ||
  entry.emotions.some((e) => e.includes(needle));

function toHit(entry: IndexedEntry, score: number, matchers: Matchers): SearchHit {
  return {
    id: entry.id,
    kind: entry.kind,
    createdAt: entry.createdAt,
    mood: entry.mood,
    score,
    body: snippetOf(entry.body, matchers.body),
    tags: entry.tags.map((t) => highlightText(t, matchers.tags)),
    emotions: entry.emotions.map((e) => highlightText(e, matchers.emotions)),
  };
}
