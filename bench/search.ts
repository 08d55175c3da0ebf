/**
 * Search latency over a synthetic ten-year vault (issue 4: p95 ≤ 10 ms; issue 7, figure 4).
 *
 * Builds the vault (3,650 typed entries + 3,650 check-ins), indexes it, then runs a fixed,
 * seeded mix of queries a person would type — whole words, words still being typed, two words,
 * typos, words with a date / tag / mood filter, and filter-only listings, sorted newest first
 * or by relevance — each asking for a first page of 50 hits with highlights, as the Search
 * screen does. Every query is timed end to end through `SearchIndex.search()`.
 *
 *   npx tsx bench/search.ts
 */
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { SearchIndex, QUADRANTS, type SearchQuery } from '../src/lib/search';
import { bodyOf } from '../src/lib/vault';
import { generateSyntheticVault, SYNTHETIC_WORDS as W } from './synthetic-vault';

export interface SearchBenchFigures {
  search_p50_ms: number;
  search_p95_ms: number;
  search_queries: number;
  index_build_ms: number;
  /** The slowest single query. */
  search_max_ms: number;
  /** Generating the ten-year vault itself (not part of any product path). */
  vault_generate_ms: number;
  /** One keystroke in a long entry, then a search that must see it: the incremental path. */
  search_after_edit_p95_ms: number;
}

/** Queries in the measured mix; run ROUNDS times, all timings pooled. */
const QUERY_COUNT = 300;
const ROUNDS = 3;
/** Untimed queries first, so the JIT has compiled the search path (as it has in a live app). */
const WARMUP_QUERIES = 40;
const SEED = 4;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The realistic query mix, the same on every run. */
export function benchQueries(count = QUERY_COUNT, seed = SEED): SearchQuery[] {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const words = [
    ...W.objects,
    ...W.adjectives,
    ...W.activities,
    ...W.pastVerbs,
    ...W.feelings,
    ...W.people,
    ...Object.values(W.emotions).flat(),
    // Words a person might look for that the vault never uses.
    'volcano',
    'passport',
    'wedding',
  ];
  const word = (): string => pick(words).toLowerCase();
  const typo = (w: string): string => {
    const i = 1 + Math.floor(next() * (w.length - 2));
    return next() < 0.5
      ? w.slice(0, i) + w.slice(i + 1)
      : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  };
  const year = (): number => 2016 + Math.floor(next() * 10);
  const month = (): string => String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const filter = (): SearchQuery => {
    const r = next();
    if (r < 0.35) {
      const y = year();
      return { from: `${y}-01-01`, to: `${y}-12-31`, timeZone: 'Europe/Berlin' };
    }
    if (r < 0.5) {
      const y = year();
      const m = month();
      return { from: `${y}-${m}-01`, to: `${y}-${m}-28`, timeZone: 'America/New_York' };
    }
    if (r < 0.8) return { tags: [pick(W.tags)] };
    return { quadrant: pick(QUADRANTS) };
  };

  const queries: SearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    let query: SearchQuery;
    if (r < 0.3) query = { text: word() };
    else if (r < 0.5) {
      const w = word();
      query = { text: w.slice(0, Math.min(w.length, 3 + Math.floor(next() * 3))) };
    } else if (r < 0.65) query = { text: `${word()} ${word()}` };
    else if (r < 0.75) {
      const long = words.filter((w) => w.length >= 6);
      query = { text: typo(pick(long).toLowerCase()) };
    } else if (r < 0.9) query = { text: word(), ...filter() };
    else query = filter();
    if (next() < 0.25) query.sort = 'relevance';
    queries.push(query);
  }
  return queries;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const round2 = (ms: number): number => Math.round(ms * 100) / 100;

export async function benchSearch(): Promise<SearchBenchFigures> {
  let start = performance.now();
  const doc = generateSyntheticVault({ trashRate: 0.005 });
  const vaultGenerateMs = performance.now() - start;

  start = performance.now();
  const index = new SearchIndex(doc);
  const indexBuildMs = performance.now() - start;

  const queries = benchQueries();
  for (const query of queries.slice(0, WARMUP_QUERIES)) index.search(query);

  const timings: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of queries) {
      const t0 = performance.now();
      index.search(query);
      timings.push(performance.now() - t0);
    }
    // Let the event loop breathe between rounds, as an app does between keystrokes.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  timings.sort((a, b) => a - b);

  // Type into the newest entry and search for what was typed, straight away.
  const newest = index.search({ kind: 'entry', limit: 1 }).hits[0]?.id;
  const afterEdit: number[] = [];
  if (newest) {
    const body: Y.Text = bodyOf(doc, newest);
    for (let i = 0; i < 50; i++) {
      const word = ` zebra${i}`;
      body.insert(body.length, word);
      const t0 = performance.now();
      const found = index.search({ text: `zebra${i}` }).total;
      afterEdit.push(performance.now() - t0);
      if (found !== 1) throw new Error(`search missed a word typed just now (zebra${i})`);
    }
  }
  afterEdit.sort((a, b) => a - b);
  index.destroy();

  return {
    search_p50_ms: round2(percentile(timings, 50)),
    search_p95_ms: round2(percentile(timings, 95)),
    search_queries: timings.length,
    index_build_ms: Math.round(indexBuildMs),
    search_max_ms: round2(timings[timings.length - 1] ?? NaN),
    vault_generate_ms: Math.round(vaultGenerateMs),
    search_after_edit_p95_ms: round2(percentile(afterEdit, 95)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchSearch();
  console.table(figures);
}
