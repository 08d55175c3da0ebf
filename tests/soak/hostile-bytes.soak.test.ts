/**
 * The full hostile-bytes run: the suites of tests/unit/reliability/hostile-bytes.test.ts with
 * ten times the inputs (100,000 in all) and a seed of their own, so the soak explores inputs
 * `npm test` never tried. Crashes, hangs and changed stored bytes must all be zero.
 */
import { afterAll, describe, it } from 'vitest';
import { fuzzSignalingFrames } from '../unit/reliability/support/hostile/signaling-frames';
import {
  expectHarmless as expectHarmlessTally,
  saveTallies,
  type HostileTally,
} from '../unit/reliability/support/hostile/tally';
import { runHostileSuite } from '../unit/reliability/support/hostile/watchdog';

const SEED = Number(process.env.MULL_SEED ?? 20260302);
const INPUTS: [suite: string, inputs: number][] = [
  ['peer messages', 25_000],
  ['signaling payloads', 10_000],
  ['invite codes', 40_000],
  ['import files', 15_000],
];
const SIGNALING_FRAMES = 10_000;

const tallies: HostileTally[] = [];

function expectHarmless(tally: HostileTally, inputs: number): void {
  expectHarmlessTally(tallies, tally, inputs);
}

describe('hostile bytes soak', () => {
  afterAll(() => {
    const total = tallies.reduce((n, t) => n + t.inputs, 0);
    console.log(`hostile bytes soak: ${total} inputs`);
    saveTallies('soak', tallies);
  });

  it.each(INPUTS)('%s (%i inputs)', async (suite, inputs) => {
    expectHarmless(await runHostileSuite(suite, SEED, inputs), inputs);
  });

  it(`signaling frames against the real server (${SIGNALING_FRAMES} inputs)`, async () => {
    expectHarmless(await fuzzSignalingFrames(SEED, SIGNALING_FRAMES), SIGNALING_FRAMES);
  });
});
