import type { EntrySnapshot } from './entries';
import { MAX_TAG_LENGTH } from './schema';

/**
 * Tags are compared case-insensitively and stored in lower case, trimmed, with inner runs of
 * whitespace collapsed and a leading "#" dropped, so "#Walk " and "walk" are one tag.
 */
export function normalizeTag(raw: string): string {
  return raw
    .trim()
    .replace(/^#+/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .slice(0, MAX_TAG_LENGTH)
    .trim();
}

export function normalizeTags(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normalizeTag).filter(Boolean))];
}

export interface TagCount {
  tag: string;
  count: number;
}

/** Every tag in use (Trash excluded), most used first, then alphabetical. */
export function countTags(entries: readonly EntrySnapshot[]): TagCount[] {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (e.trashedAt) continue;
    for (const t of e.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** Suggestions for a partly typed tag: prefix matches first, then matches inside a word. */
export function suggestTags(
  known: readonly TagCount[],
  typed: string,
  exclude: readonly string[],
  limit = 6,
): string[] {
  const q = normalizeTag(typed);
  const pool = known.filter((k) => !exclude.includes(k.tag));
  if (!q) return pool.slice(0, limit).map((k) => k.tag);
  const prefix = pool.filter((k) => k.tag.startsWith(q));
  const inner = pool.filter((k) => !k.tag.startsWith(q) && k.tag.includes(q));
  return [...prefix, ...inner].slice(0, limit).map((k) => k.tag);
}
