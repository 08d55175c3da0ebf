import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_QUERY_CHARS,
  MAX_QUERY_TERMS,
  MAX_RESULT_LIMIT,
  SearchIndex,
} from '../../../src/lib/search';
import { trashEntry } from '../../../src/lib/vault';
import { covered, vaultWith } from './fixtures';

const open: SearchIndex[] = [];
function indexOf(doc: Parameters<typeof vaultWith>[0]): SearchIndex {
  const index = new SearchIndex(vaultWith(doc));
  open.push(index);
  return index;
}
afterEach(() => open.splice(0).forEach((index) => index.destroy()));

const ids = (index: SearchIndex, text: string, extra: object = {}): string[] =>
  index.search({ text, ...extra }).hits.map((h) => h.id);

describe('finding words', () => {
  const index = (): SearchIndex =>
    indexOf({
      sea: { body: 'A long walk by the sea, then soup.' },
      tagged: { body: 'Nothing much.', tags: ['garden', 'long walk'] },
      felt: {
        kind: 'checkin',
        body: '',
        emotions: ['content', 'grateful'],
        mood: { pleasantness: 3, energy: -2 },
      },
      note: { kind: 'checkin', body: 'Coffee with Maya', emotions: ['excited'] },
    });

  it('finds a word in an entry body and a check-in note', () => {
    expect(ids(index(), 'soup')).toEqual(['sea']);
    expect(ids(index(), 'maya')).toEqual(['note']);
  });

  it('finds a word in tags and in emotion words', () => {
    expect(ids(index(), 'garden')).toEqual(['tagged']);
    expect(ids(index(), 'grateful')).toEqual(['felt']);
  });

  it('ignores case and Latin accents', () => {
    const accents = indexOf({ cafe: { body: 'Café au lait with Zoë' } });
    expect(ids(accents, 'CAFE')).toEqual(['cafe']);
    expect(ids(accents, 'zoe')).toEqual(['cafe']);
    expect(ids(accents, 'café')).toEqual(['cafe']);
  });

  it('needs every word of the query, each in any field', () => {
    expect(ids(index(), 'walk sea')).toEqual(['sea']);
    expect(ids(index(), 'walk garden')).toEqual(['tagged']);
    expect(ids(index(), 'walk content')).toEqual([]);
  });

  it('ranks a tag or emotion match above the same word in passing, by relevance', () => {
    const ranked = indexOf({
      tag: { body: 'Out all day.', tags: ['walk'] },
      text: { body: 'I thought about a walk but stayed in with a book and some tea.' },
    });
    expect(ids(ranked, 'walk', { sort: 'relevance' })).toEqual(['tag', 'text']);
  });

  it('lists newest first by default, and by score when asked', () => {
    const both = indexOf({
      older: { body: 'rain rain rain', createdAt: '2025-01-01T10:00:00.000Z' },
      newer: {
        body: 'some rain, later sun, then clouds and wind all evening',
        createdAt: '2026-01-01T10:00:00.000Z',
      },
    });
    expect(ids(both, 'rain')).toEqual(['newer', 'older']);
    expect(ids(both, 'rain', { sort: 'relevance' })).toEqual(['older', 'newer']);
    expect(both.search({ text: 'rain', sort: 'relevance' }).hits[0]?.score).toBeGreaterThan(0);
  });

  it('never finds an entry that was in the Trash when the index was built', () => {
    const doc = vaultWith({ gone: { body: 'secret plans' }, kept: { body: 'open plans' } });
    trashEntry(doc, 'gone');
    const index = new SearchIndex(doc);
    open.push(index);
    expect(index.search({ text: 'plans' }).hits.map((h) => h.id)).toEqual(['kept']);
    expect(index.search({}).total).toBe(1);
    expect(index.size).toBe(1);
  });
});

describe('prefix and typo tolerance', () => {
  const index = (): SearchIndex =>
    indexOf({
      walking: { body: 'Went walking along the river.' },
      walked: { body: 'We walked home.' },
      wall: { body: 'Painted the wall.' },
      tomorrow: { body: 'Tomorrow is another day.' },
      presentation: { body: 'The presentation went fine.' },
    });

  it('finds longer words from a word of three letters or more: "walk" finds "walking"', () => {
    expect(ids(index(), 'walk').sort()).toEqual(['walked', 'walking']);
  });

  it('treats the last word as still being typed from two letters', () => {
    expect(ids(index(), 'wa').sort()).toEqual(['walked', 'walking', 'wall']);
    expect(ids(index(), 'wa home')).toEqual([]);
    expect(ids(index(), 'home wa')).toEqual(['walked']);
  });

  it('never expands a single letter', () => {
    expect(ids(index(), 'w')).toEqual([]);
  });

  it('tolerates one typo in words of five letters or more, two from nine', () => {
    expect(ids(index(), 'tomorow')).toEqual(['tomorrow']);
    expect(ids(index(), 'presentaiton')).toEqual(['presentation']);
    expect(ids(index(), 'prezentaton')).toEqual(['presentation']);
    expect(ids(index(), 'tomorrov')).toEqual(['tomorrow']);
    // Two edits in an eight-letter word is too far.
    expect(ids(index(), 'tomorrxx')).toEqual([]);
  });

  it('does not guess at short words, where one letter makes another word', () => {
    // "wal" + one edit would be "wall", "walk"… but as a prefix only words starting "wal" count.
    expect(ids(index(), 'wakl')).toEqual([]);
    expect(ids(index(), 'wol')).toEqual([]);
  });

  it('scores an exact word above a prefix or fuzzy match', () => {
    const ranked = indexOf({
      exact: { body: 'walk' },
      prefix: { body: 'walking' },
    });
    expect(ids(ranked, 'walk', { sort: 'relevance' })).toEqual(['exact', 'prefix']);
  });
});

describe('listing and paging', () => {
  const many = (): SearchIndex =>
    indexOf(
      Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [
          `e${String(i).padStart(2, '0')}`,
          { body: `day ${i} of rain` },
        ]),
      ),
    );

  it('lists everything, newest first, for an empty query', () => {
    const all = many().search({});
    expect(all.total).toBe(30);
    expect(all.hits[0]?.id).toBe('e29');
    expect(all.hits[0]?.body.ranges).toEqual([]);
    expect(all.terms).toEqual([]);
  });

  it('treats punctuation alone (a "#" about to become a tag) as an empty query', () => {
    expect(many().search({ text: ' # ' }).total).toBe(30);
  });

  it('pages with limit and offset, and reports the total', () => {
    const index = many();
    const first = index.search({ text: 'rain', limit: 10 });
    const second = index.search({ text: 'rain', limit: 10, offset: 10 });
    expect(first.total).toBe(30);
    expect(first.hits.map((h) => h.id)).toEqual(Array.from({ length: 10 }, (_, i) => `e${29 - i}`));
    expect(second.hits[0]?.id).toBe('e19');
    expect(index.search({ text: 'rain', offset: 100 }).hits).toEqual([]);
  });

  it('keeps a page within bounds', () => {
    const index = many();
    expect(index.search({ limit: 0 }).hits).toHaveLength(1);
    expect(index.search({ limit: -5, offset: -3 }).hits[0]?.id).toBe('e29');
    expect(index.search({ limit: Number.NaN }).hits).toHaveLength(30);
    expect(index.search({ limit: 1e9 }).hits.length).toBeLessThanOrEqual(MAX_RESULT_LIMIT);
  });
});

describe('bounded queries', () => {
  it(`reads at most ${MAX_QUERY_TERMS} words and ${MAX_QUERY_CHARS} characters`, () => {
    const index = indexOf({ a: { body: 'one two three four five six seven eight nine ten' } });
    const long = index.search({ text: 'one two three four five six seven eight nine ten' });
    expect(long.terms).toHaveLength(MAX_QUERY_TERMS);
    expect(long.truncated).toBe(true);
    expect(long.total).toBe(1);

    const pasted = index.search({ text: 'one '.repeat(10_000) + 'zebra' });
    expect(pasted.terms).toEqual(['one']);
    expect(pasted.truncated).toBe(true);
    expect(pasted.total).toBe(1);
  });

  it('ignores a "word" too long to be one (a pasted link or hash)', () => {
    const blob = 'x'.repeat(500);
    const index = indexOf({ a: { body: `see ${blob}` } });
    expect(index.search({ text: blob }).terms).toEqual([]);
    expect(index.search({ text: 'x'.repeat(10) }).total).toBe(0);
  });

  it('answers a short query normally', () => {
    const result = indexOf({ a: { body: 'hello' } }).search({ text: 'hello' });
    expect(result.truncated).toBe(false);
    expect(result.terms).toEqual(['hello']);
  });
});

describe('symbols', () => {
  it('finds emoji as typed, with the emoji highlighted', () => {
    const index = indexOf({
      sea: { body: 'Swim 🌊 then cake 🎂' },
      cake: { body: 'cake again 🎂🎂', tags: ['🎂'] },
      plain: { body: 'nothing' },
    });
    const found = index.search({ text: '🎂' });
    expect(found.hits.map((h) => h.id)).toEqual(['cake', 'sea']);
    expect(covered(found.hits[0]!.body)).toEqual(['🎂', '🎂']);
    expect(covered(found.hits[0]!.tags[0]!)).toEqual(['🎂']);
    expect(index.search({ text: '🌊' }).hits.map((h) => h.id)).toEqual(['sea']);
    expect(index.search({ text: '🦄' }).total).toBe(0);
  });
});

describe('hits', () => {
  it('carry what a result card shows: kind, time, mood and highlighted fields', () => {
    const index = indexOf({
      c: {
        kind: 'checkin',
        body: 'Walked to the lake',
        createdAt: '2026-04-01T09:30:00.000Z',
        mood: { pleasantness: 2, energy: 1 },
        emotions: ['calm', 'walk-happy'],
        tags: ['lake walk', 'morning'],
      },
    });
    const [hit] = index.search({ text: 'walk' }).hits;
    expect(hit).toMatchObject({
      id: 'c',
      kind: 'checkin',
      createdAt: '2026-04-01T09:30:00.000Z',
      mood: { pleasantness: 2, energy: 1 },
    });
    expect(covered(hit!.body)).toEqual(['Walked']);
    expect(hit!.tags.map(covered)).toEqual([['walk'], []]);
    expect(hit!.emotions.map((e) => e.text)).toEqual(['calm', 'walk-happy']);
    expect(hit!.emotions.map(covered)).toEqual([[], ['walk']]);
  });
});
