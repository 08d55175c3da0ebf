/**
 * MiniSearch, scored without an object per match.
 *
 * MiniSearch keeps the index: tokens, the term tree, prefix and fuzzy lookup, adding and
 * removing documents. Its `search()` builds a result object (with a `match` map) for every
 * matching document and sorts them all; in a journal with a small everyday vocabulary a common
 * word matches most of ten years of entries, and that garbage was most of the time a query took
 * (p95 ≈ 17 ms over the 7,300 entries of bench/search.ts, ≈ 2 ms without it). Here the same
 * BM25+ scores are summed in typed arrays over MiniSearch's own postings, using the fields it
 * exposes to subclasses, and match details are worked out only for the page of hits shown.
 *
 * tests/unit/search/entry-mini-search.test.ts checks that scores equal `MiniSearch.search()`'s
 * for the same options, so an upgrade that changes the internals fails loudly there. The fields
 * read here are `protected`, not promised across releases: package.json pins minisearch
 * (MINISEARCH_VERSION), and the constructor checks each one's shape and names any that moved.
 */
import MiniSearch, { type Options } from 'minisearch';
import {
  BM25,
  FIELD_BOOST,
  FIELDS,
  MATCH_WEIGHTS,
  MINISEARCH_OPTIONS,
  fuzzyEdits,
  isPrefixTerm,
  type Field,
  type SearchDocument,
} from './matching';

type DocumentTermFreqs = Map<number, number>;
type FieldTermData = Map<number, DocumentTermFreqs>;

/** One indexed word that a query word stands for (itself, a longer word, or a near miss). */
export interface DerivedTerm {
  term: string;
  weight: number;
  data: FieldTermData;
}

/** The minisearch release whose protected fields this file reads (package.json pins it). */
export const MINISEARCH_VERSION = '7.2.0';

/** Each protected field read here, and how to tell it is still what it was. */
const INTERNALS: Record<string, (value: unknown) => boolean> = {
  _index: (v) =>
    ['get', 'fuzzyGet', 'atPrefix'].every(
      (m) => typeof (v as Record<string, unknown> | null)?.[m] === 'function',
    ),
  _idToShortId: (v) => v instanceof Map,
  _fieldLength: (v) => v instanceof Map,
  _fieldIds: (v) =>
    FIELDS.every((f) => typeof (v as Record<string, unknown> | null)?.[f] === 'number'),
  _avgFieldLength: (v) => Array.isArray(v),
  _nextId: (v) => typeof v === 'number',
  _documentCount: (v) => typeof v === 'number',
};

export class EntryMiniSearch<T extends SearchDocument> extends MiniSearch<T> {
  /** The documents by MiniSearch's short id, so a match costs an array read, not two lookups. */
  readonly #docs: (T | undefined)[] = [];
  /** Per field, each document's length as MiniSearch counts it (distinct tokens), by short id. */
  readonly #lengths: number[][] = FIELDS.map(() => []);
  #scores = new Float64Array(0);
  /** Per document: how many query words it has matched so far in this search. */
  #matched = new Uint8Array(0);

  constructor() {
    super(MINISEARCH_OPTIONS as Options<T>);
    for (const [field, holds] of Object.entries(INTERNALS)) {
      if (!holds((this as unknown as Record<string, unknown>)[field])) {
        throw new Error(
          `MiniSearch internal "${field}" is missing or changed: minisearch's version changed ` +
            `(Mull was written against ${MINISEARCH_VERSION}); update ` +
            'src/lib/search/entry-mini-search.ts before upgrading it',
        );
      }
    }
  }

  override add(document: T): void {
    super.add(document);
    const doc = this._idToShortId.get(document.id) as number;
    this.#docs[doc] = document;
    const lengths = this._fieldLength.get(doc) ?? [];
    FIELDS.forEach((field, f) => {
      (this.#lengths[f] as number[])[doc] = lengths[this._fieldIds[field] as number] ?? 0;
    });
  }

  override remove(document: T): void {
    const doc = this._idToShortId.get(document.id);
    super.remove(document);
    if (doc !== undefined) this.#docs[doc] = undefined;
  }

  override discard(id: string): void {
    const doc = this._idToShortId.get(id);
    super.discard(id);
    if (doc !== undefined) this.#docs[doc] = undefined;
  }

  /** The indexed words a query word stands for, weighted as MiniSearch weighs them. */
  expand(term: string, index: number, terms: readonly string[]): DerivedTerm[] {
    const derived: DerivedTerm[] = [];
    const exact = this._index.get(term);
    if (exact) derived.push({ term, weight: 1, data: exact });
    const edits = fuzzyEdits(term);
    const fuzzy = edits ? this._index.fuzzyGet(term, edits) : null;
    if (isPrefixTerm(term, index, terms)) {
      for (const [longer, data] of this._index.atPrefix(term)) {
        const distance = longer.length - term.length;
        if (distance === 0) continue;
        // A word that is both a prefix and a fuzzy match counts as a prefix match.
        fuzzy?.delete(longer);
        const weight = (MATCH_WEIGHTS.prefix * longer.length) / (longer.length + 0.3 * distance);
        derived.push({ term: longer, weight, data });
      }
    }
    if (fuzzy) {
      for (const [near, [data, distance]] of fuzzy) {
        if (distance === 0) continue;
        const weight = (MATCH_WEIGHTS.fuzzy * near.length) / (near.length + distance);
        derived.push({ term: near, weight, data });
      }
    }
    return derived;
  }

  /**
   * Calls `visit` with the id and score of every document that matches every query word (in
   * any field). Scores are MiniSearch's: the BM25+ sum over matched words and fields, times
   * the number of query words.
   */
  scoreAll(
    expansions: readonly DerivedTerm[][],
    visit: (document: T, score: number) => void,
  ): void {
    const n = expansions.length;
    if (n === 0 || expansions.some((derived) => derived.length === 0)) return;
    this.#reserve(this._nextId);
    const scores = this.#scores;
    const matched = this.#matched;
    const docs = this.#docs;
    const total = this._documentCount;
    // Rarest query word first: every later word only visits documents still in the running.
    const ordered = [...expansions].sort((a, b) => postings(a) - postings(b));
    const touched: number[] = [];

    ordered.forEach((derived, i) => {
      for (const { weight, data } of derived) {
        FIELDS.forEach((field, f) => {
          const fieldId = this._fieldIds[field] as number;
          const freqs = data.get(fieldId);
          if (!freqs) return;
          const lengths = this.#lengths[f] as number[];
          const count = freqs.size;
          const idf = Math.log(1 + (total - count + 0.5) / (count + 0.5));
          const factor = weight * FIELD_BOOST[field] * idf;
          const avgLength = this._avgFieldLength[fieldId] as number;
          freqs.forEach((tf, doc) => {
            const seen = matched[doc] as number;
            if (seen < i) return;
            if (seen === i) {
              matched[doc] = i + 1;
              if (i === 0) touched.push(doc);
            }
            const norm = 1 - BM25.b + (BM25.b * (lengths[doc] as number)) / avgLength;
            scores[doc] =
              (scores[doc] as number) +
              factor * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * norm));
          });
        });
      }
    });

    for (const doc of touched) {
      if (matched[doc] === n) {
        const document = docs[doc];
        if (document !== undefined) visit(document, (scores[doc] as number) * n);
      }
      matched[doc] = 0;
      scores[doc] = 0;
    }
  }

  /** Which indexed words of document `id` the query matched, per field: what to highlight. */
  matchedTerms(id: string, expansions: readonly DerivedTerm[][]): Record<Field, Set<string>> {
    const out: Record<Field, Set<string>> = {
      body: new Set(),
      tags: new Set(),
      emotions: new Set(),
    };
    const doc = this._idToShortId.get(id);
    if (doc === undefined) return out;
    for (const derived of expansions) {
      for (const { term, data } of derived) {
        for (const field of FIELDS) {
          if (data.get(this._fieldIds[field] as number)?.has(doc)) out[field].add(term);
        }
      }
    }
    return out;
  }

  #reserve(size: number): void {
    if (this.#scores.length >= size) return;
    // Short ids only grow (every re-index takes a new one), so grow with room to spare.
    const capacity = Math.max(size, Math.ceil(this.#scores.length * 1.5), 1024);
    this.#scores = new Float64Array(capacity);
    this.#matched = new Uint8Array(capacity);
  }
}

function postings(derived: readonly DerivedTerm[]): number {
  let sum = 0;
  for (const { data } of derived) for (const freqs of data.values()) sum += freqs.size;
  return sum;
}
