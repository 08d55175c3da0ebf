/**
 * Labelled tone samples (JSONL, one `{"label":"heated"|"calm","text":"…"}` a line) and the
 * figures the tone check reaches on them. Used by scripts/tone/eval.ts, the tests and the bench.
 */
import { checkTone } from '../../src/lib/tone';

export const TONE_LABELS = ['heated', 'calm'] as const;
export type ToneLabel = (typeof TONE_LABELS)[number];

export interface ToneSample {
  label: ToneLabel;
  text: string;
  /** 1-based line in the file it came from. */
  line: number;
}

export class ToneSampleError extends Error {
  readonly line: number;

  constructor(source: string, line: number, problem: string) {
    super(`${source}, line ${line}: ${problem}`);
    this.name = 'ToneSampleError';
    this.line = line;
  }
}

/** Parses JSONL; blank lines are skipped, anything else malformed is refused naming its line. */
export function parseToneSamples(jsonl: string, source = 'input'): ToneSample[] {
  const samples: ToneSample[] = [];
  jsonl.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ToneSampleError(source, line, 'not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ToneSampleError(source, line, 'expected an object like {"label":…,"text":…}');
    }
    const { label, text } = value as Record<string, unknown>;
    if (!TONE_LABELS.includes(label as ToneLabel)) {
      throw new ToneSampleError(
        source,
        line,
        `"label" must be "heated" or "calm", got ${JSON.stringify(label)}`,
      );
    }
    if (typeof text !== 'string' || text.trim() === '') {
      throw new ToneSampleError(source, line, '"text" must be a non-empty string');
    }
    samples.push({ label: label as ToneLabel, text, line });
  });
  return samples;
}

export interface ToneFigures {
  heated: number;
  calm: number;
  truePositives: number;
  falsePositives: number;
  /** Share of heated samples the check calls heated. */
  recall: number;
  /** Share of calm samples the check calls heated. */
  falsePositiveRate: number;
  /** Share of the check's "heated" calls that are right (1 when it calls none). */
  precision: number;
  misses: ToneSample[];
  falseAlarms: ToneSample[];
}

export function evaluateTone(samples: readonly ToneSample[]): ToneFigures {
  const misses: ToneSample[] = [];
  const falseAlarms: ToneSample[] = [];
  let heated = 0;
  let truePositives = 0;
  let falsePositives = 0;
  for (const sample of samples) {
    const called = checkTone(sample.text).heated;
    if (sample.label === 'heated') {
      heated++;
      if (called) truePositives++;
      else misses.push(sample);
    } else if (called) {
      falsePositives++;
      falseAlarms.push(sample);
    }
  }
  const calm = samples.length - heated;
  const ratio = (n: number, d: number, empty: number): number => (d === 0 ? empty : n / d);
  return {
    heated,
    calm,
    truePositives,
    falsePositives,
    recall: ratio(truePositives, heated, 0),
    falsePositiveRate: ratio(falsePositives, calm, 0),
    precision: ratio(truePositives, truePositives + falsePositives, 1),
    misses,
    falseAlarms,
  };
}
