// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INDEX_DELAY_MS } from '../../../src/lib/search';
import { SearchState } from '../../../src/lib/state/search.svelte';
import { addEntry } from '../../../src/lib/vault';
import { watch } from '../../helpers/watch.svelte';

const owned: { destroy(): void }[] = [];
const stops: (() => void)[] = [];

afterEach(() => {
  stops.splice(0).forEach((s) => s());
  owned.splice(0).forEach((o) => o.destroy());
});

function searchOf(doc: Y.Doc): SearchState {
  const search = new SearchState(doc);
  owned.push(search);
  return search;
}

const ids = (search: SearchState): string[] => search.results.hits.map((h) => h.id);

describe('SearchState', () => {
  it('finds nothing before it is open, or for an empty query', async () => {
    const doc = new Y.Doc();
    addEntry(doc, { id: 'a', body: 'walking by the river' });
    const search = searchOf(doc);
    search.text = 'river';
    expect(search.results.total).toBe(0);
    await search.open();
    expect(search.ready).toBe(true);
    expect(ids(search)).toEqual(['a']);
    search.clear();
    expect(search.results.total).toBe(0);
  });

  it('shows an entry written after the index was built, without a new query', async () => {
    const doc = new Y.Doc();
    addEntry(doc, { id: 'old', body: 'a quiet morning' });
    const search = searchOf(doc);
    await search.open();
    search.text = 'morning';
    const seen = watch(() => ids(search));
    stops.push(seen.stop);
    addEntry(doc, { id: 'new', body: 'another morning, written a minute ago' });
    await new Promise((resolve) => setTimeout(resolve, INDEX_DELAY_MS + 100));
    flushSync();
    expect(seen.values.at(-1)?.sort()).toEqual(['new', 'old']);
  });

  it('shows nothing rather than an error for a half-typed date range', async () => {
    const search = searchOf(new Y.Doc());
    await search.open();
    search.filters = { from: '2026-13', to: '', tag: '', quadrant: '' };
    expect(search.results.total).toBe(0);
    expect(search.error).toBe('');
  });
});
