/**
 * One convergence schedule: 3–5 devices, a seeded stream of edits and network events, then
 * healing; every copy must end equal — the same JSON in every root type and the same state
 * vector — and each device's database must hold exactly what its copy shows.
 *
 * Everything random comes from the seed: the PRNG drives the choices, Yjs client ids, entry
 * and draft ids (crypto.randomUUID is replaced for the run) and the clock (Date is faked), so
 * `MULL_SEED=<seed>` replays a schedule exactly.
 */
import { expect, vi } from 'vitest';
import * as Y from 'yjs';
import { LocalPersistence } from '../../../../src/lib/sync/local-persistence';
import { ROOT } from '../../../../src/lib/vault';
import { createPrng, type Prng } from '../../../helpers/prng';
import { freshDbName } from '../../../helpers/db-name';
import { randomEdit, vaultJson } from './vault-edits';
import { VaultNetwork } from './vault-network';

const ROOTS = Object.values(ROOT);
const START = Date.UTC(2026, 2, 1, 9, 0, 0);

export interface ScheduleResult {
  seed: number;
  devices: number;
  edits: number;
  reloads: number;
  delivered: number;
  dropped: number;
  duplicated: number;
}

/** RFC 4122-shaped ids from the PRNG. */
function uuidFrom(rnd: Prng): () => `${string}-${string}-${string}-${string}-${string}` {
  const hex = (n: number): string =>
    Array.from({ length: n }, () => rnd.int(0, 15).toString(16)).join('');
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/** Reads a database into a fresh doc, as the app does on start. */
async function storedCopy(dbName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const persistence = new LocalPersistence(dbName, doc);
  await persistence.whenReady;
  persistence.destroy();
  return doc;
}

/** How to replay a schedule of `npm test`'s quick subset. */
export const REPLAY_UNIT = 'npx vitest run tests/unit/reliability/convergence.test.ts';

export async function runSchedule(
  seed: number,
  steps: number,
  replay = REPLAY_UNIT,
): Promise<ScheduleResult> {
  const rnd = createPrng(seed);
  const ids = uuidFrom(createPrng(seed ^ 0x5eed));
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START + seed * 1000);
  const uuid = vi.spyOn(crypto, 'randomUUID').mockImplementation(ids);
  const net = new VaultNetwork(rnd, rnd.int(3, 5), freshDbName(`converge-${seed}`));
  const result: ScheduleResult = {
    seed,
    devices: net.devices.length,
    edits: 0,
    reloads: 0,
    delivered: 0,
    dropped: 0,
    duplicated: 0,
  };
  try {
    await net.start();
    const n = net.devices.length;
    for (let step = 0; step < steps; step++) {
      vi.setSystemTime(Date.now() + rnd.int(1, 90_000));
      const roll = rnd.next();
      if (roll < 0.45) {
        randomEdit(rnd.pick(net.devices).doc, rnd);
        result.edits++;
      } else if (roll < 0.85) {
        for (let k = rnd.int(1, 6); k > 0; k--) net.deliverOne();
      } else if (roll < 0.91) {
        const a = rnd.int(0, n - 1);
        net.toggleLink(a, (a + rnd.int(1, n - 1)) % n);
      } else if (roll < 0.97) {
        net.toggleOnline(rnd.int(0, n - 1));
      } else {
        await net.reload(rnd.int(0, n - 1));
        result.reloads++;
      }
    }
    await net.heal();

    const [first, ...rest] = net.devices.map((d) => d.doc);
    const expected = vaultJson(first!, ROOTS);
    const vector = Y.encodeStateVector(first!);
    for (const doc of rest) {
      expect(vaultJson(doc, ROOTS)).toEqual(expected);
      expect(Y.encodeStateVector(doc)).toEqual(vector);
    }
    for (const device of net.devices) {
      const stored = await storedCopy(device.dbName);
      expect(vaultJson(stored, ROOTS), `what device ${device.index} stored`).toEqual(expected);
      expect(Y.encodeStateVector(stored)).toEqual(vector);
      stored.destroy();
    }
    expect(net.counts.guardRefusals, 'the guard refused legitimate traffic').toEqual([]);
    Object.assign(result, {
      delivered: net.counts.delivered,
      dropped: net.counts.dropped,
      duplicated: net.counts.duplicated,
    });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Convergence schedule ${seed} (${steps} steps) failed — replay it with ` +
        `MULL_SEED=${seed} ${replay}\n${message}`,
      { cause: err },
    );
  } finally {
    net.destroy();
    uuid.mockRestore();
    vi.useRealTimers();
  }
}

/** The seeds to run: `MULL_SEED` alone when set, else `count` seeds from `first`. */
export function seedsToRun(first: number, count: number): number[] {
  const only = process.env.MULL_SEED;
  if (only !== undefined && only !== '') return [Number(only)];
  return Array.from({ length: count }, (_, i) => first + i);
}
