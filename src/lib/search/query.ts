/**
 * What a search asks for, and how a raw query is bounded before it reaches the index.
 */
import { normalizeTag, type EntryKind } from '../vault';
import { dayRangeMs, inQuadrant, type Quadrant } from './filters';
import { normalizeTerm, tokenize } from './terms';
import type { IndexedEntry } from './indexed-entry';

/** A query longer than a sentence is pasted, not typed; the rest is ignored. */
export const MAX_QUERY_CHARS = 200;
/** Every word is one more pass over the index; a person searching uses a few. */
export const MAX_QUERY_TERMS = 8;
export const DEFAULT_RESULT_LIMIT = 50;
/** Highlights are built per returned hit, so a page is capped. */
export const MAX_RESULT_LIMIT = 500;

export type SearchSort = 'newest' | 'relevance';

export interface SearchQuery {
  /**
   * Words to find; all must match. Without words: emoji or other symbols are found as typed
   * ("🌊"), and empty text (or only punctuation) lists everything the filters let through.
   */
  text?: string;
  /** First local day to include, `YYYY-MM-DD`. */
  from?: string;
  /** Last local day to include, `YYYY-MM-DD`. */
  to?: string;
  /** IANA zone that `from` and `to` are days in; defaults to the device's own. */
  timeZone?: string;
  /** Only entries carrying every one of these tags (compared as tags are stored: "#Walk" = "walk"). */
  tags?: readonly string[];
  /** Only entries whose mood lies in this quadrant; entries without a mood never match. */
  quadrant?: Quadrant;
  /** Only journal entries, or only check-ins. */
  kind?: EntryKind;
  /** `newest` (default) or `relevance` (best score first, newest first among equals). */
  sort?: SearchSort;
  /** Page size, 1…MAX_RESULT_LIMIT; default DEFAULT_RESULT_LIMIT. */
  limit?: number;
  /** Hits to skip, for paging. */
  offset?: number;
}

export interface ParsedText {
  /** Normalized, distinct query terms, at most MAX_QUERY_TERMS. */
  terms: string[];
  /** Without words, the symbols to find as typed (emoji, "→"); null for a plain listing. */
  needle: string | null;
  /** The query was longer than MAX_QUERY_CHARS or had more than MAX_QUERY_TERMS words. */
  truncated: boolean;
}

const ONLY_PUNCTUATION = /^[\s\p{P}]*$/u;

export function parseQueryText(text: string | undefined): ParsedText {
  const raw = text ?? '';
  const bounded = raw.slice(0, MAX_QUERY_CHARS);
  const all = [...new Set(tokenize(bounded).flatMap((token) => normalizeTerm(token) ?? []))];
  const trimmed = bounded.trim();
  return {
    terms: all.slice(0, MAX_QUERY_TERMS),
    needle: all.length === 0 && !ONLY_PUNCTUATION.test(trimmed) ? trimmed : null,
    truncated: raw.length > MAX_QUERY_CHARS || all.length > MAX_QUERY_TERMS,
  };
}

/** The filters of a query as one test, or null when there are none. Throws on a bad day or zone. */
export function compileFilter(query: SearchQuery): ((entry: IndexedEntry) => boolean) | null {
  const tests: ((entry: IndexedEntry) => boolean)[] = [];
  if (query.from !== undefined || query.to !== undefined) {
    const { startMs, endMs } = dayRangeMs(query.from, query.to, query.timeZone);
    tests.push((e) => e.createdMs >= startMs && e.createdMs < endMs);
  }
  const tags = [...new Set((query.tags ?? []).map(normalizeTag).filter(Boolean))];
  if (tags.length > 0) tests.push((e) => tags.every((t) => e.tagKeys.includes(t)));
  const { quadrant, kind } = query;
  if (quadrant !== undefined) tests.push((e) => inQuadrant(e.mood, quadrant));
  if (kind !== undefined) tests.push((e) => e.kind === kind);
  if (tests.length === 0) return null;
  return (e) => tests.every((test) => test(e));
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_RESULT_LIMIT;
  return Math.min(MAX_RESULT_LIMIT, Math.max(1, Math.floor(limit)));
}

export function clampOffset(offset: number | undefined): number {
  if (offset === undefined || !Number.isFinite(offset)) return 0;
  return Math.max(0, Math.floor(offset));
}
