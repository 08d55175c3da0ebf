/**
 * How long one tone check takes, per message, over every labelled set the project has.
 *
 *   npx tsx bench/tone.ts
 *
 * Prints { tone_p50_ms, tone_p95_ms, messages }. The budget is 5 ms per message (issue 6); it is
 * measured here and never asserted in a unit test, where a busy machine would make it flaky.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkTone } from '../src/lib/tone';
import { parseToneSamples } from '../scripts/tone/samples';

const SOURCES = [
  new URL('../../shared/data/tone-dev.jsonl', import.meta.url),
  new URL('../tests/data/tone-heldout.jsonl', import.meta.url),
  new URL('../tests/data/tone-train.jsonl', import.meta.url),
  new URL('../tests/data/tone-validation.jsonl', import.meta.url),
];
/**
 * Untimed passes first, so the figures are for warmed-up code, as while a person types. The very
 * first check of a session is slower (the engine compiles the patterns): see
 * src/lib/tone/README.md.
 */
const WARMUP_ROUNDS = 3;
const TIMED_ROUNDS = 10;
/** A few long drafts too: a letter is the slow case, and people do write them. */
const LONG_DRAFTS = [
  'I have been thinking about what happened last week and I want to explain how I felt. '.repeat(
    12,
  ),
  'You never listen, you always make it about you, and honestly I am tired of it. '.repeat(12),
];

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export async function benchTone(): Promise<{
  tone_p50_ms: number;
  tone_p95_ms: number;
  messages: number;
}> {
  const texts: string[] = [...LONG_DRAFTS];
  for (const source of SOURCES) {
    try {
      texts.push(
        ...parseToneSamples(readFileSync(source, 'utf8'), source.pathname).map((s) => s.text),
      );
    } catch (error) {
      // The dev set lives in ../shared; without it the project's own sets are still a fair sample.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  for (let round = 0; round < WARMUP_ROUNDS; round++) texts.forEach((t) => checkTone(t));

  const timings: number[] = [];
  for (let round = 0; round < TIMED_ROUNDS; round++) {
    for (const text of texts) {
      const start = performance.now();
      checkTone(text);
      timings.push(performance.now() - start);
    }
    // Let other work run between rounds, as a UI would between keystrokes.
    await new Promise((resolve) => setImmediate(resolve));
  }
  timings.sort((a, b) => a - b);
  const round3 = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    tone_p50_ms: round3(percentile(timings, 50)),
    tone_p95_ms: round3(percentile(timings, 95)),
    messages: texts.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchTone(), null, 2));
}
