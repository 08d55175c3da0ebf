/**
 * Search as runes. The index (../search, MiniSearch) is built the first time someone
 * searches and then follows the vault as it changes — typing here, and changes arriving from
 * other devices — so a word written a minute ago is found.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { Quadrant, SearchIndex, SearchQuery, SearchResults } from '../search';

export interface SearchFilters {
  from: string;
  to: string;
  tag: string;
  quadrant: Quadrant | '';
}

const EMPTY: SearchResults = { hits: [], total: 0, terms: [], truncated: false };

export class SearchState {
  readonly #doc: Y.Doc;
  #index: SearchIndex | null = null;
  #loading: Promise<SearchIndex> | null = null;
  /** Follows the index as it takes in changes (it is not a Y type, so not `ySubscriber`). */
  readonly #track = createSubscriber((update) => {
    const stop = this.#index?.onUpdate(update);
    return () => stop?.();
  });
  text = $state('');
  filters = $state<SearchFilters>({ from: '', to: '', tag: '', quadrant: '' });
  ready = $state(false);
  error = $state('');

  readonly results = $derived.by((): SearchResults => {
    const index = this.#index;
    if (!this.ready || !index) return EMPTY;
    this.#track(); // only once the index exists, so the subscription finds it
    const query: SearchQuery = { text: this.text, limit: 100 };
    const { from, to, tag, quadrant } = this.filters;
    if (from) query.from = from;
    if (to) query.to = to;
    if (tag) query.tags = [tag];
    if (quadrant) query.quadrant = quadrant;
    const empty = !this.text.trim() && !from && !to && !tag && !quadrant;
    if (empty) return EMPTY;
    try {
      return index.search(query);
    } catch {
      // A half-typed date range, say: show nothing rather than an error while typing.
      return EMPTY;
    }
  });

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  /** Loads and builds the index once; later calls return the same one. */
  async open(): Promise<void> {
    this.#loading ??= import('../search').then(({ SearchIndex }) => {
      const index = new SearchIndex(this.#doc, { background: true });
      this.#index = index;
      return index;
    });
    try {
      const index = await this.#loading;
      await index.whenBuilt;
      this.ready = true;
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'Search could not start.';
    }
  }

  clear(): void {
    this.text = '';
    this.filters = { from: '', to: '', tag: '', quadrant: '' };
  }

  destroy(): void {
    this.#index?.destroy();
  }
}
