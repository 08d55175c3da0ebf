import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseTone, checkTone } from '../../../src/lib/tone';
import { fitToneModel, fitToneWeights } from '../../../scripts/tone/fit';
import { CALM_FAMILIES, FEATURE_MAX, FEATURES, scoreOf } from '../../../src/lib/tone/model/score';
import { parseToneSamples } from '../../../scripts/tone/samples';
import { prepareDraft } from '../../../src/lib/tone/text';
import { TONE_WEIGHTS, WORDING_TABLE } from '../../../src/lib/tone/model/weights';
import {
  learnWording,
  WORDING_FLOOR,
  WORDING_MAX,
  WORDING_MIN_COUNT,
  wordingScore,
  wordingTerms,
} from '../../../src/lib/tone/model/wording';

const FIT_FILES = ['../../data/tone-train.jsonl', '../../data/tone-heldout.jsonl'].map(
  (path) => new URL(path, import.meta.url),
);

describe('the fitted tone model', () => {
  it('is exactly what `scripts/tone/eval.ts --fit` gives on the training and held-out files', () => {
    // Guards against hand-tuning: weights and wording come from the data, nothing else.
    const samples = FIT_FILES.flatMap((url) =>
      parseToneSamples(readFileSync(url, 'utf8'), url.pathname),
    ).map((s) => ({ text: s.text, heated: s.label === 'heated' }));
    const fit = fitToneModel(samples);
    expect(fit.weights).toEqual(TONE_WEIGHTS);
    expect([...fit.wording]).toEqual([...WORDING_TABLE]);
  }, 60_000);

  it('never gives a heated family a negative weight, nor a sign of calm a positive one', () => {
    for (const family of FEATURES) {
      const weight = TONE_WEIGHTS[family];
      if (CALM_FAMILIES.has(family)) expect(weight, family).toBeLessThanOrEqual(0);
      else expect(weight, family).toBeGreaterThanOrEqual(0);
    }
  });

  it('fits the same weights twice from the same rows, and refuses no rows', () => {
    const rows = [
      { values: FEATURES.map((f) => (f === 'insult' ? 1 : 0)), heated: true },
      { values: FEATURES.map((f) => (f === 'care' ? 1 : 0)), heated: false },
      { values: FEATURES.map(() => 0), heated: false },
    ];
    const options = { l2: 0.01, iterations: 300, learningRate: 0.5, folds: 2, decisionShare: 1 };
    const once = fitToneWeights(rows, options);
    expect(fitToneWeights(rows, options)).toEqual(once);
    expect(once.insult).toBeGreaterThan(0);
    expect(once.care).toBeLessThanOrEqual(0);
    expect(() => fitToneModel([])).toThrow('no samples');
  });

  it('scores 0 when nothing was noticed, and never below 0', () => {
    expect(scoreOf(FEATURES.map(() => 0))).toBe(0);
    expect(scoreOf(FEATURES.map((f) => (CALM_FAMILIES.has(f) ? FEATURE_MAX : 0)))).toBe(0);
  });

  it('counts loudness only beside something negative', () => {
    const glad = analyseTone('WE GOT THE HOUSE!!! So happy!!');
    const angry = analyseTone('YOU LIED TO ME!!!');
    expect(glad.features.loudFactor).toBe(0);
    expect(angry.features.loudFactor).toBe(1);
    expect(checkTone('YOU LIED TO ME!!!').reasons).toContain('all capitals');
  });
});

describe('wording', () => {
  const samples = [
    { text: 'you never listen', heated: true },
    { text: 'you never help', heated: true },
    { text: 'you never call', heated: true },
    { text: 'can we talk tomorrow', heated: false },
    { text: 'can we meet tomorrow', heated: false },
    { text: 'can we eat tomorrow', heated: false },
  ];
  const terms = (text: string): string[] => wordingTerms(prepareDraft(text));

  it('learns which words and pairs lean heated or calm, and skips rare ones', () => {
    const table = learnWording(samples, terms);
    expect(table.get('never')).toBeGreaterThan(0);
    expect(table.get('you never')).toBeGreaterThan(0);
    expect(table.get('can we')).toBeLessThan(0);
    // Each seen once, fewer than WORDING_MIN_COUNT times.
    expect(WORDING_MIN_COUNT).toBeGreaterThan(1);
    expect(table.has('listen')).toBe(false);
  });

  it('leaves out words too common to mean anything alone, but keeps them in pairs', () => {
    const t = terms('You never listen to me.');
    expect(t).not.toContain('you');
    expect(t).toContain('you never');
  });

  it('keeps the feature between WORDING_FLOOR and WORDING_MAX, so calm words cannot cancel an insult', () => {
    const calm = new Map([['tomorrow', -5]]);
    const heated = new Map([['never', 50]]);
    expect(wordingScore(prepareDraft('tomorrow'), calm).value).toBe(WORDING_FLOOR);
    expect(wordingScore(prepareDraft('never'), heated).value).toBe(WORDING_MAX);
    expect(wordingScore(prepareDraft('never'), heated).heatedTerms).toEqual(['never']);
  });
});
