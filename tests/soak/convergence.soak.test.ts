/**
 * The full convergence run: 1,000 seeded schedules (seeds 1–1000, longer than `npm test`'s
 * quick subset of the same seeds), each with 3–5 devices, lost, duplicated and reordered
 * messages, links and devices coming and going, and reloads from IndexedDB. A failure names
 * its seed and the command that replays it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  runSchedule,
  seedsToRun,
  type ScheduleResult,
} from '../unit/reliability/support/convergence-schedule';

const SEEDS = seedsToRun(1, 1000);
const REPLAY =
  'npx vitest run --config tests/soak/vitest.config.ts tests/soak/convergence.soak.test.ts';
const STEPS = 200;
const CHUNK = 100;

const results: ScheduleResult[] = [];

describe('convergence soak', () => {
  afterAll(() => {
    const total = (key: keyof ScheduleResult) => results.reduce((n, r) => n + r[key], 0);
    const summary = {
      schedules: results.length,
      edits: total('edits'),
      reloads: total('reloads'),
      delivered: total('delivered'),
      dropped: total('dropped'),
      duplicated: total('duplicated'),
    };
    console.log(`convergence soak: ${JSON.stringify(summary)}`);
    mkdirSync('.tmp/reliability', { recursive: true });
    writeFileSync('.tmp/reliability/convergence-soak.json', JSON.stringify(summary, null, 2));
  });

  for (let from = 0; from < SEEDS.length; from += CHUNK) {
    const seeds = SEEDS.slice(from, from + CHUNK);
    it(`schedules ${seeds[0]}–${seeds.at(-1)} end with every copy and database equal`, async () => {
      for (const seed of seeds) results.push(await runSchedule(seed, STEPS, REPLAY));
      expect(results.length).toBeGreaterThan(from);
    });
  }
});
