import { afterEach, describe, expect, it } from 'vitest';
import {
  QUADRANTS,
  SearchIndex,
  dayRangeMs,
  inQuadrant,
  type Quadrant,
} from '../../../src/lib/search';
import { vaultWith } from './fixtures';
import { inTimeZone } from '../../helpers/time-zone';

const open: SearchIndex[] = [];
afterEach(() => open.splice(0).forEach((index) => index.destroy()));
function indexOf(entries: Parameters<typeof vaultWith>[0]): SearchIndex {
  const index = new SearchIndex(vaultWith(entries));
  open.push(index);
  return index;
}
const ids = (index: SearchIndex, query: Parameters<SearchIndex['search']>[0]): string[] =>
  index
    .search(query)
    .hits.map((h) => h.id)
    .sort();

describe('date range in local days', () => {
  // 23:30 UTC on 1 March is already 2 March in Berlin and Tokyo, still 1 March in New York.
  // 04:30 UTC on 2 March is still 1 March in New York.
  const index = (): SearchIndex =>
    indexOf({
      late: { body: 'tea', createdAt: '2026-03-01T23:30:00.000Z' },
      early: { body: 'tea', createdAt: '2026-03-02T04:30:00.000Z' },
      other: { body: 'tea', createdAt: '2026-02-20T12:00:00.000Z' },
    });

  it.each([
    ['UTC', '2026-03-01', ['late']],
    ['UTC', '2026-03-02', ['early']],
    ['Europe/Berlin', '2026-03-01', []],
    ['Europe/Berlin', '2026-03-02', ['early', 'late']],
    ['Asia/Tokyo', '2026-03-02', ['early', 'late']],
    ['America/New_York', '2026-03-01', ['early', 'late']],
    ['America/New_York', '2026-03-02', []],
    ['Asia/Kolkata', '2026-03-02', ['early', 'late']],
  ])('in %s, the day %s holds %j', (timeZone, day, expected) => {
    expect(ids(index(), { text: 'tea', from: day, to: day, timeZone })).toEqual(expected);
  });

  it('leaves either end open', () => {
    expect(ids(index(), { from: '2026-03-01', timeZone: 'UTC' })).toEqual(['early', 'late']);
    expect(ids(index(), { to: '2026-03-01', timeZone: 'UTC' })).toEqual(['late', 'other']);
  });

  it('matches nothing when the range ends before it starts', () => {
    expect(ids(index(), { from: '2026-03-02', to: '2026-03-01', timeZone: 'UTC' })).toEqual([]);
  });

  it('counts a 23-hour day (clocks forward) correctly at both ends', () => {
    // Berlin springs forward on 29 March 2026; 22:30 UTC that day is 00:30 on the 30th (UTC+2).
    const dst = indexOf({
      before: { body: 'x', createdAt: '2026-03-29T21:30:00.000Z' },
      after: { body: 'x', createdAt: '2026-03-29T22:30:00.000Z' },
    });
    const berlin = { timeZone: 'Europe/Berlin' };
    expect(ids(dst, { ...berlin, from: '2026-03-29', to: '2026-03-29' })).toEqual(['before']);
    expect(ids(dst, { ...berlin, from: '2026-03-30', to: '2026-03-30' })).toEqual(['after']);
  });

  describe('uses the device zone when none is given', () => {
    inTimeZone('Pacific/Auckland');

    it('so 11:30 UTC on 15 January is 16 January (Auckland, UTC+13)', () => {
      const local = indexOf({ a: { body: 'x', createdAt: '2026-01-15T11:30:00.000Z' } });
      expect(ids(local, { from: '2026-01-16', to: '2026-01-16' })).toEqual(['a']);
      expect(ids(local, { from: '2026-01-15', to: '2026-01-15' })).toEqual([]);
    });
  });

  it('refuses a malformed day or an unknown zone with a RangeError', () => {
    const i = index();
    expect(() => i.search({ from: '2026-02-30' })).toThrow(RangeError);
    expect(() => i.search({ to: '1 March' })).toThrow(RangeError);
    expect(() => i.search({ from: '2026-03-01', timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('dayRangeMs', () => {
  it('makes dayRangeMs cover both named days whole, and leave an unnamed end open', () => {
    expect(dayRangeMs('2026-03-01', '2026-03-02', 'UTC')).toEqual({
      startMs: Date.parse('2026-03-01T00:00:00Z'),
      endMs: Date.parse('2026-03-03T00:00:00Z'),
    });
    expect(dayRangeMs('2026-12-31', '2026-12-31', 'Asia/Tokyo')).toEqual({
      startMs: Date.parse('2026-12-30T15:00:00Z'),
      endMs: Date.parse('2026-12-31T15:00:00Z'),
    });
    expect(dayRangeMs(undefined, undefined, 'UTC')).toEqual({
      startMs: -Infinity,
      endMs: Infinity,
    });
  });
});

describe('quadrants', () => {
  const moods: Record<string, { pleasantness: number; energy: number } | null> = {
    excited: { pleasantness: 3, energy: 4 },
    calm: { pleasantness: 2, energy: -3 },
    angry: { pleasantness: -4, energy: 3 },
    drained: { pleasantness: -2, energy: -5 },
    none: null,
  };
  const index = (): SearchIndex =>
    indexOf(
      Object.fromEntries(
        Object.entries(moods).map(([id, mood]) => [
          id,
          { kind: 'checkin' as const, mood, body: 'day' },
        ]),
      ),
    );

  it.each([
    ['pleasant-high', ['excited']],
    ['pleasant-low', ['calm']],
    ['unpleasant-high', ['angry']],
    ['unpleasant-low', ['drained']],
  ] as [Quadrant, string[]][])('%s holds only its own corner of the grid', (quadrant, expected) => {
    expect(ids(index(), { quadrant })).toEqual(expected);
    expect(ids(index(), { quadrant, text: 'day' })).toEqual(expected);
  });

  it('never puts an entry without a mood in a quadrant', () => {
    for (const q of QUADRANTS) expect(inQuadrant(null, q)).toBe(false);
    expect(ids(index(), {})).toContain('none');
  });

  it('puts a mood on an axis in both neighbouring quadrants, and the centre in all four', () => {
    const onAxis = { pleasantness: 0, energy: 2 };
    expect(QUADRANTS.filter((q) => inQuadrant(onAxis, q))).toEqual([
      'pleasant-high',
      'unpleasant-high',
    ]);
    expect(QUADRANTS.filter((q) => inQuadrant({ pleasantness: -1, energy: 0 }, q))).toEqual([
      'unpleasant-high',
      'unpleasant-low',
    ]);
    expect(QUADRANTS.filter((q) => inQuadrant({ pleasantness: 0, energy: 0 }, q))).toEqual(
      QUADRANTS,
    );
  });
});

describe('tag and kind filters', () => {
  const index = (): SearchIndex =>
    indexOf({
      both: { body: 'sea day', tags: ['walk', 'sea'] },
      walk: { body: 'sea day', tags: ['walk'] },
      none: { body: 'sea day' },
      check: { kind: 'checkin', body: 'sea day', tags: ['walk'] },
    });

  it('keeps only entries carrying every tag asked for', () => {
    expect(ids(index(), { tags: ['walk'] })).toEqual(['both', 'check', 'walk']);
    expect(ids(index(), { tags: ['walk', 'sea'] })).toEqual(['both']);
    expect(ids(index(), { tags: ['walk'], text: 'sea' })).toEqual(['both', 'check', 'walk']);
    expect(ids(index(), { tags: ['missing'] })).toEqual([]);
  });

  it('compares tags the way they are stored ("#Walk " is "walk")', () => {
    expect(ids(index(), { tags: ['#Walk '] })).toEqual(['both', 'check', 'walk']);
  });

  it('ignores blank tags', () => {
    expect(ids(index(), { tags: ['', '  '] })).toHaveLength(4);
  });

  it('keeps only entries or only check-ins', () => {
    expect(ids(index(), { kind: 'checkin' })).toEqual(['check']);
    expect(ids(index(), { kind: 'entry', tags: ['walk'] })).toEqual(['both', 'walk']);
  });

  it('combines every filter with the words', () => {
    const combined = indexOf({
      hit: {
        body: 'swim',
        tags: ['sea'],
        mood: { pleasantness: 2, energy: 2 },
        createdAt: '2026-06-01T10:00:00.000Z',
      },
      wrongDay: {
        body: 'swim',
        tags: ['sea'],
        mood: { pleasantness: 2, energy: 2 },
        createdAt: '2026-05-01T10:00:00.000Z',
      },
      wrongMood: {
        body: 'swim',
        tags: ['sea'],
        mood: { pleasantness: -2, energy: 2 },
        createdAt: '2026-06-01T11:00:00.000Z',
      },
      wrongTag: {
        body: 'swim',
        tags: ['pool'],
        mood: { pleasantness: 2, energy: 2 },
        createdAt: '2026-06-01T12:00:00.000Z',
      },
    });
    const query = {
      text: 'swim',
      tags: ['sea'],
      quadrant: 'pleasant-high' as const,
      from: '2026-06-01',
      to: '2026-06-30',
      timeZone: 'UTC',
    };
    expect(ids(combined, query)).toEqual(['hit']);
    expect(ids(combined, { ...query, text: undefined })).toEqual(['hit']);
  });
});
