/**
 * Hostile bytes at every door (DESIGN.md §4): messages from a WebRTC peer, signaling payloads
 * for our rooms, signaling frames to the server, pasted invite codes and import files. Each
 * input is a pure function of (seed, index); every suite but the server's runs in a child
 * process under a watchdog, so a hang or a memory blow-up is counted rather than fatal.
 *
 * Crashes, hangs and changed stored bytes must all be zero. `npm run test:soak` runs the same
 * suites with ten times the inputs (tests/soak/hostile-bytes.soak.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzSignalingFrames } from './support/hostile/signaling-frames';
import {
  expectHarmless as expectHarmlessTally,
  saveTallies,
  type HostileTally,
} from './support/hostile/tally';
import { runHostileSuite } from './support/hostile/watchdog';

const SEED = Number(process.env.MULL_SEED ?? 20260301);
/** Inputs per suite in `npm test`: over 10,000 in all. */
const INPUTS: [suite: string, inputs: number][] = [
  ['peer messages', 2500],
  ['signaling payloads', 1000],
  ['invite codes', 4000],
  ['import files', 1500],
];
const SIGNALING_FRAMES = 1000;

const tallies: HostileTally[] = [];

function expectHarmless(tally: HostileTally, inputs: number): void {
  expectHarmlessTally(tallies, tally, inputs);
  // The inputs must reach past the first check: some are taken, most are refused.
  expect(tally.refused).toBeGreaterThan(inputs / 4);
  expect(tally.accepted).toBeGreaterThan(0);
}

describe('hostile bytes never crash, hang or change stored data', () => {
  afterAll(() => {
    const total = tallies.reduce((n, t) => n + t.inputs, 0);
    const sum = (key: 'crashes' | 'hangs' | 'damaged') => tallies.reduce((n, t) => n + t[key], 0);
    console.log(
      `hostile bytes: ${total} inputs — ${sum('crashes')} crashes, ${sum('hangs')} hangs, ` +
        `${sum('damaged')} changed stored bytes`,
    );
    saveTallies('unit', tallies);
  });

  it.each(INPUTS)(
    '%s (%i inputs)',
    async (suite, inputs) => {
      expectHarmless(await runHostileSuite(suite, SEED, inputs), inputs);
    },
    120_000,
  );

  it(`signaling frames against the real server (${SIGNALING_FRAMES} inputs)`, async () => {
    expectHarmless(await fuzzSignalingFrames(SEED, SIGNALING_FRAMES), SIGNALING_FRAMES);
  }, 120_000);
});
