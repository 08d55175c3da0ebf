/**
 * Hostile import files: mutated Mull JSON exports, Daylio and check-in CSVs, zips, random
 * bytes, megabytes of one character. `planImport` must answer every one with a plan (a
 * refusal with reasons, or what it would do) — never reject, never write to the vault, and
 * never fall back to its "could not read this file" catch-all, which would mean a bug of ours.
 */
import * as Y from 'yjs';
import {
  exportCheckinCsv,
  exportMarkdownZip,
  exportVault,
  planImport,
  serializeExport,
} from '../../../../../src/lib/transfer';
import { createPrng, type Prng } from '../../../../helpers/prng';
import { randomEdit } from '../vault-edits';
import { inputPrng, mutateBytes, mutateText, randomBytes } from './mutate';
import { withFixedClock, type HostileSuite, type Outcome } from './suite';

const DAYLIO =
  'full_date,date,weekday,time,mood,activities,note_title,note\r\n' +
  '2021-09-28,28 September,Tuesday,10:00 pm,rad,"clean | music",Title,"a, ""quoted""\nnote"\r\n' +
  '2021-09-27,27 September,Monday,7:05 am,meh,,,\r\n' +
  '2021-09-26,26 September,Sunday,23:00,awful,work,,<b>x</b>\r\n';
const OPTIONS = { timeZone: 'Europe/Berlin' };

export class ImportSuite implements HostileSuite {
  #seed = 0;
  #doc = new Y.Doc();
  #texts: string[] = [];
  #zip: Uint8Array = new Uint8Array();
  #writes = 0;

  async setup(seed: number): Promise<void> {
    this.#seed = seed;
    const rnd = createPrng(seed);
    withFixedClock(Date.UTC(2026, 0, 1), () => {
      for (let i = 0; i < 40; i++) randomEdit(this.#doc, rnd);
      this.#texts = [
        serializeExport(exportVault(this.#doc, new Date(Date.UTC(2026, 0, 2)))),
        exportCheckinCsv(this.#doc, OPTIONS),
        DAYLIO,
      ];
      this.#zip = exportMarkdownZip(this.#doc, OPTIONS);
    });
    this.#doc.on('update', () => this.#writes++);
  }

  #input(rnd: Prng): string | Uint8Array {
    const roll = rnd.next();
    if (roll < 0.7) return mutateText(rnd, rnd.pick(this.#texts));
    if (roll < 0.8) {
      const bytes = new TextEncoder().encode(rnd.pick(this.#texts));
      return mutateBytes(rnd, bytes);
    }
    if (roll < 0.85) return mutateBytes(rnd, this.#zip);
    if (roll < 0.95) return randomBytes(rnd, 4000);
    return rnd.pick([
      '',
      '\ufeff',
      '['.repeat(rnd.int(1, 200_000)),
      '{"format":"mull-export","version":1,"entries":' + '['.repeat(50_000),
      ',"'.repeat(rnd.int(1, 100_000)),
      'full_date,date,weekday,time,mood,activities,note_title,note\n' + '"'.repeat(100_000),
    ]);
  }

  async run(index: number): Promise<Outcome> {
    const input = this.#input(inputPrng(this.#seed, index));
    const writes = this.#writes;
    const before = Y.encodeStateVector(this.#doc);
    let plan: Awaited<ReturnType<typeof planImport>>;
    try {
      plan = await planImport(this.#doc, input, OPTIONS);
    } catch (err) {
      return { verdict: 'refused', crash: `planImport rejected: ${String(err)}` };
    }
    const untouched =
      this.#writes === writes &&
      Buffer.from(Y.encodeStateVector(this.#doc)).equals(Buffer.from(before));
    const internal =
      !plan.ok && plan.errors.some((e) => /could not read this file \(/.test(e.message));
    return {
      verdict: plan.ok ? 'accepted' : 'refused',
      damage: untouched ? undefined : 'planning an import wrote to the vault',
      crash: internal
        ? `caught internal error: ${plan.ok ? '' : plan.errors[0]?.message}`
        : undefined,
    };
  }

  async finish(): Promise<string[]> {
    return [];
  }
}
