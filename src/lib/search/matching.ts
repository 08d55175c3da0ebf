/**
 * How query words meet indexed words: which fields, how they weigh, and when a word may also
 * match longer words (prefix) or near misses (fuzzy). Kept apart from the index so the rules
 * read in one place.
 */
import type { Options, SearchOptions } from 'minisearch';
import { normalizeTerm, tokenize } from './terms';

export const FIELDS = ['body', 'tags', 'emotions'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * A tag or emotion word is something a person chose to say about the whole entry, so a match
 * there counts for more than the same word somewhere in the text.
 */
export const FIELD_BOOST: Readonly<Record<Field, number>> = { body: 1, tags: 2, emotions: 2 };

/** Words of at least this many characters also find longer words: "walk" finds "walking". */
export const PREFIX_MIN_CHARS = 3;
/**
 * The last word of a query is usually still being typed, so it is a prefix one letter sooner.
 * A single letter never is: it would match half the vocabulary.
 */
export const LAST_TERM_PREFIX_MIN_CHARS = 2;
/**
 * Typo tolerance only where a typo is still recognisable: one edit from 5 characters, two from
 * 9. Below that, one edit turns a word into a different word ("walk" → "talk", "wall").
 */
export const FUZZY_MIN_CHARS = 5;
export const FUZZY_TWO_EDITS_MIN_CHARS = 9;

export const isPrefixTerm = (term: string, index: number, terms: readonly string[]): boolean =>
  term.length >= (index === terms.length - 1 ? LAST_TERM_PREFIX_MIN_CHARS : PREFIX_MIN_CHARS);

export const fuzzyEdits = (term: string): number | false =>
  term.length >= FUZZY_TWO_EDITS_MIN_CHARS ? 2 : term.length >= FUZZY_MIN_CHARS ? 1 : false;

/** MiniSearch's defaults: a prefix or fuzzy match counts for less than the exact word. */
export const MATCH_WEIGHTS = { prefix: 0.375, fuzzy: 0.45 } as const;

/** MiniSearch's default BM25+ parameters, spelled out because scoring depends on them. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** The document MiniSearch indexes: an entry's searchable fields, with the id as key. */
export interface SearchDocument {
  id: string;
  body: string;
  tags: readonly string[];
  emotions: readonly string[];
}

export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  // Tags and emotions are lists; joined by a line break, each stays its own words.
  extractField: (doc, field) => {
    const value = doc[field as keyof SearchDocument];
    return Array.isArray(value) ? value.join('\n') : (value as string);
  },
  tokenize,
  processTerm: normalizeTerm,
};

/**
 * The options under which `MiniSearch.search()` matches and scores exactly as
 * `EntryMiniSearch.scoreAll()` does (the tests hold them to it). Query terms arrive already
 * normalized and deduplicated (see `parseQueryText`).
 */
export const SEARCH_OPTIONS: SearchOptions = {
  boost: { ...FIELD_BOOST },
  weights: { ...MATCH_WEIGHTS },
  bm25: { ...BM25 },
  prefix: isPrefixTerm,
  fuzzy: fuzzyEdits,
  maxFuzzy: 2,
  combineWith: 'AND',
  tokenize: (text) => text.split(' '),
  processTerm: (term) => term,
};
