import { describe, expect, it } from 'vitest';
import type { EntrySnapshot } from '../../../src/lib/vault/entries';
import {
  ABOUT_THE_SAME_THRESHOLD,
  directionOf,
  MIN_DAYS_WITH_TAG,
  MIN_DAYS_WITHOUT_TAG,
  tagMood,
  tagSentence,
} from '../../../src/lib/insights/tag-mood';
import { formatSigned } from '../../../src/lib/insights/format';
import { addDays, moment, noon } from './fixtures';

/** `count` consecutive days from `start`, one check-in each at noon UTC. */
function days(
  start: string,
  count: number,
  p: number,
  e: number,
  tags: string[] = [],
): EntrySnapshot[] {
  return Array.from({ length: count }, (_, i) => noon(addDays(start, i), p, e, { tags }));
}

const opts = { timeZone: 'UTC' };

describe('tagMood: which tags are compared', () => {
  it('has nothing to compare without data', () => {
    expect(tagMood([], opts)).toEqual({
      range: null,
      daysWithMood: 0,
      insights: [],
      notEnoughDays: [],
    });
  });

  it('uses the 3 / 3 rule', () => {
    expect([MIN_DAYS_WITH_TAG, MIN_DAYS_WITHOUT_TAG]).toEqual([3, 3]);
  });

  it('leaves out a tag on only 2 days, and compares it once it is on 3', () => {
    const without = days('2026-05-01', 5, 0, 0);
    const two = tagMood([...without, ...days('2026-05-10', 2, 3, 3, ['walk'])], opts);
    expect(two.insights).toEqual([]);
    expect(two.notEnoughDays).toEqual([{ tag: 'walk', daysWith: 2, daysWithout: 5 }]);

    const three = tagMood([...without, ...days('2026-05-10', 3, 3, 3, ['walk'])], opts);
    expect(three.insights.map((i) => [i.tag, i.daysWith, i.daysWithout])).toEqual([['walk', 3, 5]]);
    expect(three.notEnoughDays).toEqual([]);
  });

  it('leaves out a tag missing from only 2 days, and compares it once it is missing from 3', () => {
    const tagged = days('2026-05-01', 5, 2, 2, ['work']);
    const two = tagMood([...tagged, ...days('2026-05-10', 2, 0, 0)], opts);
    expect(two.insights).toEqual([]);
    expect(two.notEnoughDays).toEqual([{ tag: 'work', daysWith: 5, daysWithout: 2 }]);

    const three = tagMood([...tagged, ...days('2026-05-10', 3, 0, 0)], opts);
    expect(three.insights.map((i) => [i.tag, i.daysWith, i.daysWithout])).toEqual([['work', 5, 3]]);
  });

  it('counts a tag once per day, however many entries that day carry it', () => {
    const entries = [
      ...days('2026-05-01', 3, 0, 0),
      ...days('2026-05-10', 3, 2, 2, ['walk']),
      moment({ at: '2026-05-10T18:00:00.000Z', p: 4, e: 4, tags: ['walk'] }),
    ];
    const [walk] = tagMood(entries, opts).insights;
    expect(walk?.daysWith).toBe(3);
    // 10 May's mean is (2 + 4) / 2 = 3; with the other two days at 2: (3 + 2 + 2) / 3.
    expect(walk?.pleasantness.withTag).toBeCloseTo(7 / 3, 10);
  });

  it('puts a tag on the day when any entry that day has it, even one without a mood', () => {
    const entries = [
      ...days('2026-05-01', 3, 0, 0),
      ...days('2026-05-10', 3, 2, 2),
      ...[0, 1, 2].map((i) =>
        moment({
          at: `${addDays('2026-05-10', i)}T20:00:00.000Z`,
          kind: 'entry',
          tags: ['garden'],
        }),
      ),
    ];
    expect(tagMood(entries, opts).insights[0]).toMatchObject({
      tag: 'garden',
      daysWith: 3,
      daysWithout: 3,
    });
  });

  it('only counts days with mood data, on both sides', () => {
    const entries = [
      ...days('2026-05-01', 3, 0, 0),
      ...days('2026-05-10', 3, 2, 2, ['walk']),
      // Tagged days without any mood, and untagged ones: neither side gains a day.
      ...[0, 1, 2].map((i) =>
        moment({ at: `${addDays('2026-05-20', i)}T20:00:00.000Z`, kind: 'entry', tags: ['walk'] }),
      ),
      moment({ at: '2026-05-25T20:00:00.000Z', kind: 'entry' }),
    ];
    const figure = tagMood(entries, opts);
    expect(figure.daysWithMood).toBe(6);
    expect(figure.insights[0]).toMatchObject({ daysWith: 3, daysWithout: 3 });
  });

  it('compares each tag of a day with mixed tags on its own', () => {
    const entries = [
      ...days('2026-05-01', 3, -2, 0, ['work']),
      ...days('2026-05-04', 3, 4, 2, ['walk', 'work']),
      ...days('2026-05-07', 3, 1, -2, ['walk']),
      ...days('2026-05-10', 3, 0, 0),
    ];
    const figure = tagMood(entries, opts);
    const walk = figure.insights.find((i) => i.tag === 'walk');
    const work = figure.insights.find((i) => i.tag === 'work');
    expect(walk).toMatchObject({ daysWith: 6, daysWithout: 6 });
    expect(walk?.pleasantness.withTag).toBeCloseTo(2.5, 10); // (4·3 + 1·3) / 6
    expect(walk?.pleasantness.withoutTag).toBeCloseTo(-1, 10); // (−2·3 + 0·3) / 6
    expect(work).toMatchObject({ daysWith: 6, daysWithout: 6 });
    expect(work?.pleasantness.withTag).toBeCloseTo(1, 10);
    expect(work?.pleasantness.withoutTag).toBeCloseTo(0.5, 10);
    expect(work?.energy.withTag).toBeCloseTo(1, 10);
    expect(work?.energy.withoutTag).toBeCloseTo(-1, 10);
  });

  it('sorts by the larger of the two differences, then by tag', () => {
    const entries = [
      ...days('2026-05-01', 3, 0, 0),
      ...days('2026-05-04', 3, 1, 0, ['small']),
      ...days('2026-05-07', 3, 0, -4, ['big-energy']),
      ...days('2026-05-10', 3, 2, 0, ['b-mid']),
      ...days('2026-05-13', 3, 2, 0, ['a-mid']),
    ];
    const order = tagMood(entries, opts).insights.map((i) => i.tag);
    expect(order).toEqual(['big-energy', 'a-mid', 'b-mid', 'small']);
  });

  it('leaves out trashed entries and their tags', () => {
    const entries = [
      ...days('2026-05-01', 3, 0, 0),
      ...days('2026-05-10', 3, 2, 2, ['walk']).map((e) => ({ ...e, trashedAt: e.createdAt })),
    ];
    expect(tagMood(entries, opts)).toMatchObject({
      daysWithMood: 3,
      insights: [],
      notEnoughDays: [],
    });
  });

  it('can look at a period only', () => {
    const entries = [
      ...days('2026-01-01', 3, 5, 5, ['walk']),
      ...days('2026-06-20', 3, 0, 0),
      ...days('2026-06-25', 3, 1, 1, ['walk']),
    ];
    const figure = tagMood(entries, { ...opts, days: 30, now: new Date('2026-06-30T12:00:00Z') });
    expect(figure.daysWithMood).toBe(6);
    expect(figure.insights[0]?.pleasantness.withTag).toBe(1);
  });
});

describe('tagMood: sentences', () => {
  it('reads like "On days with walk you felt more pleasant: +1.8 vs −0.2, 14 and 40 days"', () => {
    const entries = [
      ...days('2026-01-01', 14, 1.8, 0.5, ['walk']),
      ...days('2026-03-01', 40, -0.2, 0.4),
    ];
    const [walk] = tagMood(entries, opts).insights;
    expect(walk?.pleasantness.direction).toBe('more');
    expect(walk?.pleasantness.sentence).toEqual({
      before: 'On days with ',
      tag: 'walk',
      after: ' you felt more pleasant: +1.8 vs \u22120.2, 14 and 40 days',
      text: 'On days with walk you felt more pleasant: +1.8 vs \u22120.2, 14 and 40 days',
    });
    expect(walk?.energy.sentence.text).toBe(
      'On days with walk energy was about the same: +0.5 vs +0.4, 14 and 40 days',
    );
  });

  it('says less, and more or less energy, with the right signs', () => {
    const entries = [
      ...days('2026-01-01', 4, -1.5, 2, ['rain']),
      ...days('2026-03-01', 5, 0.25, -1),
    ];
    const [rain] = tagMood(entries, opts).insights;
    expect(rain?.pleasantness.sentence.text).toBe(
      'On days with rain you felt less pleasant: \u22121.5 vs +0.3, 4 and 5 days',
    );
    expect(rain?.energy.sentence.text).toBe(
      'On days with rain you had more energy: +2.0 vs \u22121.0, 4 and 5 days',
    );
    const [dry] = tagMood(
      [...days('2026-01-01', 4, 0, -2, ['dry']), ...days('2026-03-01', 5, 0, 1)],
      opts,
    ).insights;
    expect(dry?.energy.sentence.after).toBe(
      ' you had less energy: \u22122.0 vs +1.0, 4 and 5 days',
    );
    expect(dry?.pleasantness.sentence.after).toBe(
      ' pleasantness was about the same: 0.0 vs 0.0, 4 and 5 days',
    );
  });

  it(`says "about the same" below a difference of ${ABOUT_THE_SAME_THRESHOLD}, as the values are shown`, () => {
    expect(ABOUT_THE_SAME_THRESHOLD).toBe(0.5);
    expect(directionOf(0.44, 0)).toBe('about-the-same'); // shown as +0.4 vs 0.0
    expect(directionOf(0.46, 0)).toBe('more'); // shown as +0.5 vs 0.0
    expect(directionOf(0.7, 0.3)).toBe('about-the-same');
    expect(directionOf(1.3, 0.8)).toBe('more');
    expect(directionOf(-0.2, 0.3)).toBe('less');
    expect(directionOf(-0.24, 0.24)).toBe('about-the-same'); // −0.2 vs +0.2
    expect(directionOf(2, 2)).toBe('about-the-same');
  });

  it('builds the parts so that before + tag + after is the text', () => {
    const s = tagSentence('deep work', 'energy', -0.04, 0.04, 3, 3);
    expect(s.before + s.tag + s.after).toBe(s.text);
    expect(s.text).toBe(
      'On days with deep work energy was about the same: 0.0 vs 0.0, 3 and 3 days',
    );
  });

  it('never uses causal words', () => {
    const texts: string[] = [];
    for (const axis of ['pleasantness', 'energy'] as const) {
      for (const [w, wo] of [
        [2, -1],
        [-1, 2],
        [0, 0],
      ] as const) {
        texts.push(tagSentence('walk', axis, w, wo, 3, 4).text);
      }
    }
    for (const text of texts) {
      expect(text).not.toMatch(
        /because|makes? you|improves?|causes?|leads? to|helps?|boosts?|due to|thanks to|drains?/i,
      );
      expect(text).not.toContain('-'); // the real minus sign only
    }
  });
});

describe('formatSigned', () => {
  it.each([
    [1.8, '+1.8'],
    [-0.2, '\u22120.2'],
    [0, '0.0'],
    [-0.04, '0.0'],
    [0.04, '0.0'],
    [0.05, '+0.1'],
    [-5, '\u22125.0'],
    [2.25, '+2.3'],
    [-2.25, '\u22122.3'],
    [-0.05, '\u22120.1'],
  ])('%s → %s', (value, text) => {
    expect(formatSigned(value)).toBe(text);
  });
});
