/**
 * Vault copies on 3–5 devices converge whatever the network does: seeded schedules of real
 * edits with lost, duplicated and reordered messages, links and devices coming and going, and
 * reloads from IndexedDB all end with every copy equal and every database holding its copy.
 *
 * This is the quick subset for `npm test`; `npm run test:soak` runs 1,000 schedules
 * (tests/soak/convergence.soak.test.ts). A failure names its seed: `MULL_SEED=<seed>` replays it.
 */
import { describe, expect, it } from 'vitest';
import { runSchedule, seedsToRun, type ScheduleResult } from './support/convergence-schedule';

/** Seeds 1–40 here; the soak run covers these and more. */
const SEEDS = seedsToRun(1, 40);
const STEPS = 120;

describe('convergence of vault copies', () => {
  it(`${SEEDS.length} seeded schedules end with every copy and every database equal`, async () => {
    const results: ScheduleResult[] = [];
    for (const seed of SEEDS) results.push(await runSchedule(seed, STEPS));
    const total = (key: keyof ScheduleResult): number => results.reduce((n, r) => n + r[key], 0);
    console.log(
      `convergence: ${results.length} schedules, ${total('edits')} edits, ` +
        `${total('reloads')} reloads, ${total('delivered')} messages delivered, ` +
        `${total('dropped')} dropped, ${total('duplicated')} duplicated`,
    );
    // The schedules exercise what they claim to (a replay of one seed may not have it all).
    if (SEEDS.length > 1) {
      expect(total('edits')).toBeGreaterThan(SEEDS.length * 20);
      expect(total('reloads')).toBeGreaterThan(0);
      expect(total('dropped')).toBeGreaterThan(0);
      expect(total('duplicated')).toBeGreaterThan(0);
    }
  }, 60_000);
});
