import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateTone, parseToneSamples, type ToneSample } from '../../../scripts/tone/samples';

const DEV_URL = new URL('../../../../shared/data/tone-dev.jsonl', import.meta.url);
const HELDOUT_URL = new URL('../../data/tone-heldout.jsonl', import.meta.url);
const TRAIN_URL = new URL('../../data/tone-train.jsonl', import.meta.url);
const VALIDATION_URL = new URL('../../data/tone-validation.jsonl', import.meta.url);

const load = (url: URL): ToneSample[] => parseToneSamples(readFileSync(url, 'utf8'), url.pathname);
/** Lines first to last (1-based, inclusive) of a file. */
const lines = (samples: readonly ToneSample[], first: number, last: number): ToneSample[] =>
  samples.filter((s) => s.line >= first && s.line <= last);

describe('tone check figures', () => {
  it('reaches the issue targets on the shared dev set: recall ≥ 0.85 at a false-positive rate ≤ 0.10', () => {
    // Never fitted or tuned on (src/lib/tone/README.md). Measured: recall 1.00 (25/25), false
    // positives 0/25.
    const figures = evaluateTone(load(DEV_URL));
    expect(figures.heated).toBeGreaterThan(0);
    expect(figures.calm).toBeGreaterThan(0);
    expect(figures.recall).toBeGreaterThanOrEqual(0.85);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(0.1);
  });

  it('keeps the floors measured on the validation set, which the fit never sees', () => {
    // Measured: recall 0.826 (181/219), false-positive rate 0.023 (5/219) — after one look at its
    // false alarms (src/lib/tone/CHANGELOG.md: 0.781 / 0.064 before). Recall is below the 0.85
    // target.
    const figures = evaluateTone(load(VALIDATION_URL));
    expect(figures.recall).toBeGreaterThanOrEqual(0.81);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(0.04);
  });

  it('keeps a false-positive rate within the target on each batch of the validation set', () => {
    // Lines 1–200 were written with the training set; 201–320 and 321–438 later, each before
    // the rules saw them. Measured false-positive rates: 0.010, 0.017, 0.051.
    const validation = load(VALIDATION_URL);
    for (const [first, last] of [
      [1, 200],
      [201, 320],
      [321, 438],
    ] as const) {
      expect(evaluateTone(lines(validation, first, last)).falsePositiveRate).toBeLessThanOrEqual(
        0.1,
      );
    }
  });

  it('still fits the files it was fitted on (held-out set and training set)', () => {
    // The previous engineer's "held-out" file is part of the fit (src/lib/tone/README.md), so
    // these are not figures for unseen messages. Measured: 0.987 / 0.038 and 0.984 / 0.018.
    const heldout = evaluateTone(load(HELDOUT_URL));
    expect(heldout.recall).toBeGreaterThanOrEqual(0.95);
    expect(heldout.falsePositiveRate).toBeLessThanOrEqual(0.05);
    const train = evaluateTone(load(TRAIN_URL));
    expect(train.recall).toBeGreaterThanOrEqual(0.95);
    expect(train.falsePositiveRate).toBeLessThanOrEqual(0.03);
  });
});

describe('tone development data', () => {
  const normal = (s: ToneSample): string => s.text.trim().toLowerCase();

  it.each([
    ['training', TRAIN_URL, 900],
    ['validation', VALIDATION_URL, 430],
  ] as const)(
    'has a %s set of at least %i messages, half of each label, no repeats',
    (_name, url, min) => {
      const samples = load(url);
      const heated = samples.filter((s) => s.label === 'heated').length;
      expect(samples.length).toBeGreaterThanOrEqual(min);
      expect(Math.abs(heated / samples.length - 0.5)).toBeLessThan(0.02);
      expect(new Set(samples.map(normal)).size).toBe(samples.length);
    },
  );

  it('keeps training, validation, held-out and dev sets apart: no message is in two of them', () => {
    const sets = [TRAIN_URL, VALIDATION_URL, HELDOUT_URL, DEV_URL].map(
      (url) => new Set(load(url).map(normal)),
    );
    sets.forEach((a, i) =>
      sets.slice(i + 1).forEach((b) => {
        expect([...a].filter((text) => b.has(text))).toEqual([]);
      }),
    );
  });
});
