import { describe, expect, it } from 'vitest';
import { EMOTION_WORDS, wordsFor, wordsInQuadrant } from '../../../src/lib/mood/emotions';
import { describeMood, QUADRANTS, quadrantOf } from '../../../src/lib/mood/quadrant';

describe('emotion words', () => {
  it('offer at least 15 words in every quadrant, each placed inside its quadrant', () => {
    for (const q of QUADRANTS) expect(wordsInQuadrant(q).length).toBeGreaterThanOrEqual(15);
    for (const e of EMOTION_WORDS) expect(quadrantOf(e)).not.toBeNull();
  });

  it('are unique', () => {
    const words = EMOTION_WORDS.map((e) => e.word);
    expect(new Set(words).size).toBe(words.length);
  });

  it('for a point, come from its quadrant, nearest first', () => {
    const strong = wordsFor({ pleasantness: -5, energy: 5 });
    expect(strong.every((e) => quadrantOf(e) === 'unpleasant-high')).toBe(true);
    expect(strong.slice(0, 2).map((e) => e.word)).toEqual(['furious', 'panicked']);
    const mild = wordsFor({ pleasantness: 2, energy: -2 });
    expect(mild[0]?.word).toMatch(/^(at ease|calm|safe|tender)$/);
  });

  it('on a centre line, come from both neighbouring quadrants', () => {
    const words = wordsFor({ pleasantness: 0, energy: 3 });
    const quadrants = new Set(words.map((e) => quadrantOf(e)));
    expect(quadrants).toEqual(new Set(['pleasant-high', 'unpleasant-high']));
    expect(wordsFor({ pleasantness: 0, energy: 0 })).toHaveLength(EMOTION_WORDS.length);
  });
});

describe('describing a mood', () => {
  it('reads out signs with a real minus and names the quadrant', () => {
    expect(describeMood({ pleasantness: 2, energy: -3 })).toBe(
      'Pleasantness +2, energy −3: pleasant, low energy',
    );
    expect(describeMood({ pleasantness: 0, energy: 0 })).toBe(
      'Pleasantness 0, energy 0: right in the middle',
    );
    expect(describeMood({ pleasantness: -1, energy: 0 })).toMatch(/unpleasant, middling energy$/);
    expect(describeMood({ pleasantness: 0, energy: 4 })).toMatch(/neither .*high energy$/);
  });
});
