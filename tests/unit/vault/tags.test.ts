import { describe, expect, it } from 'vitest';
import {
  countTags,
  MAX_TAG_LENGTH,
  normalizeTag,
  normalizeTags,
  suggestTags,
  type EntrySnapshot,
  type TagCount,
} from '../../../src/lib/vault';

let counter = 0;
function snap(tags: string[], trashedAt: string | null = null): EntrySnapshot {
  counter++;
  return {
    id: `e${counter}`,
    kind: 'entry',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    body: '',
    mood: null,
    emotions: [],
    tags,
    trashedAt,
  };
}

describe('normalizeTag', () => {
  it.each([
    ['walk', 'walk'],
    ['Walk', 'walk'],
    ['  walk  ', 'walk'],
    ['#walk', 'walk'],
    ['##walk', 'walk'],
    ['# walk', 'walk'],
    ['deep    work', 'deep work'],
    ['deep\t\nwork', 'deep work'],
    ['c#', 'c#'],
    ['ÉTÉ', 'été'],
    ['#', ''],
    ['   ', ''],
    ['', ''],
  ])('turns %j into %j', (raw, expected) => {
    expect(normalizeTag(raw)).toBe(expected);
  });

  it('cuts a tag to MAX_TAG_LENGTH characters, without a trailing space', () => {
    expect(normalizeTag('x'.repeat(100))).toBe('x'.repeat(MAX_TAG_LENGTH));
    const withSpaceAtCut = `${'a'.repeat(MAX_TAG_LENGTH - 1)} tail`;
    expect(normalizeTag(withSpaceAtCut)).toBe('a'.repeat(MAX_TAG_LENGTH - 1));
  });

  it('is idempotent', () => {
    for (const raw of ['#Deep  Work ', ' ## A ', 'x'.repeat(60), 'Été']) {
      expect(normalizeTag(normalizeTag(raw))).toBe(normalizeTag(raw));
    }
  });
});

describe('normalizeTags', () => {
  it('normalises, drops empties and keeps the first of duplicates in order', () => {
    expect(normalizeTags(['Sea', '#walk', '', 'SEA', ' walk ', 'home'])).toEqual([
      'sea',
      'walk',
      'home',
    ]);
  });

  it('returns an empty list for an empty input', () => {
    expect(normalizeTags([])).toEqual([]);
  });
});

describe('countTags', () => {
  it('counts tags across entries, most used first, then alphabetical', () => {
    const counts = countTags([
      snap(['walk', 'sea']),
      snap(['walk']),
      snap(['bread', 'sea', 'walk']),
    ]);
    expect(counts).toEqual([
      { tag: 'walk', count: 3 },
      { tag: 'sea', count: 2 },
      { tag: 'bread', count: 1 },
    ]);
  });

  it('ignores entries in the Trash', () => {
    const counts = countTags([snap(['walk']), snap(['walk', 'gone'], '2026-01-02T00:00:00.000Z')]);
    expect(counts).toEqual([{ tag: 'walk', count: 1 }]);
  });

  it('breaks equal counts alphabetically', () => {
    expect(countTags([snap(['c', 'a', 'b'])]).map((t) => t.tag)).toEqual(['a', 'b', 'c']);
  });

  it('returns nothing for no entries', () => {
    expect(countTags([])).toEqual([]);
  });
});

describe('suggestTags', () => {
  const known: TagCount[] = [
    { tag: 'work', count: 9 },
    { tag: 'walk', count: 7 },
    { tag: 'homework', count: 5 },
    { tag: 'sea', count: 4 },
    { tag: 'weekend', count: 3 },
    { tag: 'networking', count: 2 },
    { tag: 'wine', count: 1 },
  ];

  it('puts prefix matches before matches inside a word, each in the given order', () => {
    expect(suggestTags(known, 'wor', [])).toEqual(['work', 'homework', 'networking']);
  });

  it('normalises what was typed before matching', () => {
    expect(suggestTags(known, ' #WA', [])).toEqual(['walk']);
  });

  it('leaves out tags the entry already has', () => {
    expect(suggestTags(known, 'w', ['work', 'walk'])).toEqual([
      'weekend',
      'wine',
      'homework',
      'networking',
    ]);
  });

  it('offers the most used tags when nothing is typed', () => {
    expect(suggestTags(known, '', ['work'], 3)).toEqual(['walk', 'homework', 'sea']);
    expect(suggestTags(known, '   #', [])).toHaveLength(6);
  });

  it('returns at most `limit` suggestions (6 by default)', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ tag: `tag${i}`, count: 1 }));
    expect(suggestTags(many, 'tag', [])).toHaveLength(6);
    expect(suggestTags(many, 'tag', [], 2)).toEqual(['tag0', 'tag1']);
    expect(suggestTags(many, 'tag', [], 0)).toEqual([]);
  });

  it('returns nothing when no tag matches', () => {
    expect(suggestTags(known, 'zzz', [])).toEqual([]);
  });
});
