import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { generateSyntheticVault } from '../../../bench/synthetic-vault';
import { EntryMiniSearch } from '../../../src/lib/search/entry-mini-search';
import {
  MINISEARCH_OPTIONS,
  SEARCH_OPTIONS,
  type SearchDocument,
} from '../../../src/lib/search/matching';
import { listEntries } from '../../../src/lib/vault';

/** Our scorer must agree with MiniSearch's own search(); this fails if an upgrade changes it. */
describe('EntryMiniSearch scores', () => {
  const docs: SearchDocument[] = listEntries(
    generateSyntheticVault({ days: 120, entryChars: 400, seed: 7 }),
  );
  const ours = new EntryMiniSearch<SearchDocument>();
  const theirs = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS);
  ours.addAll(docs);
  theirs.addAll(docs);
  // Churn: remove and re-add some, so short ids are no longer dense.
  for (const doc of docs.slice(0, 30)) {
    ours.remove(doc);
    ours.add(doc);
    theirs.remove(doc);
    theirs.add(doc);
  }

  const scored = (terms: string[]): Map<string, number> => {
    const out = new Map<string, number>();
    const expansions = terms.map((t, i) => ours.expand(t, i, terms));
    ours.scoreAll(expansions, (doc, score) => out.set(doc.id, score));
    return out;
  };

  it.each([
    ['exact word', ['coffee']],
    ['common word', ['the']],
    ['prefix still being typed', ['wa']],
    ['prefix', ['walk']],
    ['typo (fuzzy)', ['gratitde']],
    ['long typo (two edits)', ['presentatoin']],
    ['two words', ['rain', 'walk']],
    ['three words', ['maya', 'coffee', 'tired']],
    ['emotion word', ['anxious']],
    ['tag with a space', ['slept', 'badly']],
    ['no match', ['volcano']],
    ['one word matches, one does not', ['coffee', 'volcano']],
  ])('equal MiniSearch.search() for %s', (_, terms) => {
    const expected = new Map(
      theirs.search(terms.join(' '), SEARCH_OPTIONS).map((r) => [r.id as string, r.score]),
    );
    const actual = scored(terms);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, score] of expected) expect(actual.get(id)).toBeCloseTo(score, 9);
  });

  it('report the same matched words per field as MiniSearch', () => {
    const terms = ['walk', 'calm'];
    const expansions = terms.map((t, i) => ours.expand(t, i, terms));
    for (const result of theirs.search(terms.join(' '), SEARCH_OPTIONS).slice(0, 20)) {
      const matched = ours.matchedTerms(result.id as string, expansions);
      for (const [term, fields] of Object.entries(result.match)) {
        for (const field of fields) expect(matched[field as 'body']).toContain(term);
      }
      const ourCount = Object.values(matched).reduce((n, set) => n + set.size, 0);
      const theirCount = Object.values(result.match).reduce((n, fields) => n + fields.length, 0);
      expect(ourCount).toBe(theirCount);
    }
  });

  it('never reports a removed document', () => {
    const index = new EntryMiniSearch<SearchDocument>();
    index.add({ id: 'a', body: 'heron', tags: [], emotions: [] });
    index.add({ id: 'b', body: 'heron', tags: [], emotions: [] });
    index.discard('b');
    const seen: string[] = [];
    index.scoreAll([index.expand('heron', 0, ['heron'])], (doc) => seen.push(doc.id));
    expect(seen).toEqual(['a']);
  });
});
