import { mkdirSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Outcome } from './suite';

/** What a hostile-bytes run counts. `crashes`, `hangs` and `damaged` must all be zero. */
export interface HostileTally {
  suite: string;
  seed: number;
  inputs: number;
  refused: number;
  ignored: number;
  accepted: number;
  crashes: number;
  hangs: number;
  /** Changed stored bytes, or any other harm done by an input. */
  damaged: number;
  notes: Record<string, number>;
  /** The first few problems, each naming the input that replays it. */
  examples: string[];
  ms: number;
}

export const emptyTally = (suite: string, seed: number): HostileTally => ({
  suite,
  seed,
  inputs: 0,
  refused: 0,
  ignored: 0,
  accepted: 0,
  crashes: 0,
  hangs: 0,
  damaged: 0,
  notes: {},
  examples: [],
  ms: 0,
});

export function count(tally: HostileTally, index: number, outcome: Outcome): void {
  tally.inputs++;
  tally[outcome.verdict]++;
  if (outcome.note) tally.notes[outcome.note] = (tally.notes[outcome.note] ?? 0) + 1;
  for (const [kind, problem] of [
    ['crashes', outcome.crash],
    ['damaged', outcome.damage],
  ] as const) {
    if (!problem) continue;
    tally[kind]++;
    addExample(tally, `${kind} at input ${index}: ${problem}`);
  }
}

export function addExample(tally: HostileTally, text: string): void {
  if (tally.examples.length < 10) {
    tally.examples.push(`${tally.suite} (seed ${tally.seed}) ${text}`);
  }
}

export const describeTally = (t: HostileTally): string =>
  `${t.suite}: ${t.inputs} inputs (${t.refused} refused, ${t.ignored} ignored, ${t.accepted} ` +
  `accepted) — ${t.crashes} crashes, ${t.hangs} hangs, ${t.damaged} changed stored bytes ` +
  `or other harm${Object.keys(t.notes).length ? `; ${JSON.stringify(t.notes)}` : ''} ` +
  `[${(t.ms / 1000).toFixed(1)} s]`;

/** Leaves the counts where scripts/test-soak.ts (and a curious reader) can sum them. */
export function saveTallies(label: string, tallies: HostileTally[]): void {
  mkdirSync('.tmp/reliability', { recursive: true });
  writeFileSync(`.tmp/reliability/hostile-${label}.json`, JSON.stringify(tallies, null, 2));
}

/**
 * Logs `tally`, adds it to `into`, and asserts what every hostile suite must show: all `inputs`
 * tried, no crash, no hang, no changed stored bytes (a failing input is printed for replay).
 */
export function expectHarmless(into: HostileTally[], tally: HostileTally, inputs: number): void {
  into.push(tally);
  console.log(describeTally(tally));
  expect(tally.examples, 'replay with MULL_SEED').toEqual([]);
  expect({ crashes: tally.crashes, hangs: tally.hangs, damaged: tally.damaged }).toEqual({
    crashes: 0,
    hangs: 0,
    damaged: 0,
  });
  expect(tally.inputs).toBe(inputs);
}
