import { zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  applyImport,
  planImport,
  type ImportInput,
  type ImportPlan,
} from '../../../src/lib/transfer/import-plan';
import { exportVault, serializeExport } from '../../../src/lib/transfer/json-export';
import { MAX_IMPORT_BYTES } from '../../../src/lib/transfer/limits';
import { META, metaOf, SCHEMA_VERSION, VaultError } from '../../../src/lib/vault';
import { createPrng, type Prng } from '../../helpers/prng';
import {
  dailyCheckins,
  expectUntouched,
  fingerprint,
  FIXED_NOW,
  snapshot,
  vaultWith,
} from './fixtures';

const OPTIONS = { timeZone: 'Europe/Berlin' };
const encoder = new TextEncoder();

const jsonFile = (): string =>
  serializeExport(exportVault(vaultWith(...dailyCheckins(20, createPrng(1))), FIXED_NOW));

const daylioFile = (): string =>
  'full_date,date,weekday,time,mood,activities,note_title,note\r\n' +
  '2021-09-28,28 September,Tuesday,10:00 pm,rad,"clean | music",Title,"a, ""quoted""\nnote"\r\n' +
  '2021-09-27,27 September,Monday,7:05 am,meh,,,\r\n' +
  '2021-09-26,26 September,Sunday,23:00,awful,work,,<b>x</b>\r\n';

const existing = (): Y.Doc => vaultWith(snapshot({ id: 'kept', body: 'already here' }));

/** Plans `input` into a vault with content; the vault must be exactly as before afterwards. */
async function planUntouched(input: ImportInput, maxBytes?: number): Promise<ImportPlan> {
  const doc = existing();
  const before = fingerprint(doc);
  const plan = await planImport(doc, input, { ...OPTIONS, maxBytes });
  expectUntouched(doc, before);
  return plan;
}

const firstMessage = (plan: ImportPlan): string | undefined =>
  plan.ok ? undefined : plan.errors[0]?.message;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hostile bytes', () => {
  it('measures a file before reading it and refuses one over the limit', async () => {
    const read = vi.spyOn(Blob.prototype, 'arrayBuffer');
    const blob = new Blob([jsonFile()]);
    const plan = await planUntouched(blob, 100);
    expect(firstMessage(plan)).toMatch(
      /^This file is [\d.]+ KB; Mull imports files up to 100 bytes\.$/,
    );
    expect(read).not.toHaveBeenCalled();
    expect(firstMessage(await planUntouched(jsonFile(), 100))).toMatch(/Mull imports files up to/);
    expect(firstMessage(await planUntouched(encoder.encode(jsonFile()), 100))).toMatch(
      /Mull imports files up to/,
    );
  });

  it('has a default limit of 64 MB', () => {
    expect(MAX_IMPORT_BYTES).toBe(64_000_000);
  });

  it('refuses binary garbage as not text', async () => {
    const prng = createPrng(99);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]);
    const noise = Uint8Array.from({ length: 4096 }, () => prng.int(0, 255));
    for (const bytes of [png, noise, encoder.encode('{"format":"mull-export"\u0000}')]) {
      expect(firstMessage(await planUntouched(bytes))).toMatch(/^This file is not text/);
    }
  });

  it('refuses a zip without opening it, so a zip bomb costs nothing', async () => {
    const bomb = zipSync({ 'mull.json': new Uint8Array(10_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(firstMessage(await planUntouched(bomb))).toMatch(/^This is a zip file\./);
  });

  it('refuses an empty file', async () => {
    for (const empty of ['', '  \r\n ', new Uint8Array(0), '\ufeff']) {
      expect(firstMessage(await planUntouched(empty))).toBe('This file is empty.');
    }
  });

  it('survives deep nesting, prototype keys and huge values', async () => {
    const inputs = [
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"format":"mull-export","version":1,"entries":[' +
        '['.repeat(50_000) +
        ']'.repeat(50_000) +
        ']}',
      '{"__proto__":{"polluted":true},"format":"mull-export","version":1,"entries":[{"__proto__":{"id":"x"},"id":"a","kind":"entry","createdAt":"2026-01-01T00:00:00Z","constructor":{"prototype":{"bad":1}}}]}',
      `{"format":"mull-export","version":1e309,"entries":[]}`,
      `{"format":"mull-export","version":1,"entries":[{"id":"${'a'.repeat(100_000)}","kind":"entry","createdAt":"2026-01-01T00:00:00Z"}]}`,
    ];
    for (const input of inputs) {
      const plan = await planUntouched(input);
      if (!plan.ok) expect(firstMessage(plan)).not.toMatch(/^Mull could not read/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('text encodings and line endings', () => {
  const bom = Uint8Array.from([0xef, 0xbb, 0xbf]);
  const withBom = (text: string): Uint8Array<ArrayBuffer> => {
    const body = encoder.encode(text);
    const out = new Uint8Array(bom.length + body.length);
    out.set(bom);
    out.set(body, bom.length);
    return out;
  };

  it('accepts JSON with a UTF-8 byte order mark and CRLF line endings', async () => {
    const text = jsonFile().replace(/\n/g, '\r\n');
    for (const input of [withBom(text), `\ufeff${text}`, new Blob([withBom(text)])]) {
      const plan = await planUntouched(input);
      expect(plan.ok && plan.summary.newCheckins).toBe(20);
    }
  });

  it('accepts a File from another realm, which is not an instance of this Blob', async () => {
    const bytes = encoder.encode(jsonFile());
    const foreign = { size: bytes.length, arrayBuffer: () => Promise.resolve(bytes.buffer) };
    const plan = await planUntouched(foreign as unknown as Blob);
    expect(plan.ok && plan.summary.newCheckins).toBe(20);
  });

  it('accepts a Daylio CSV with a byte order mark, with CRLF or LF line endings', async () => {
    for (const text of [daylioFile(), daylioFile().replace(/\r\n/g, '\n')]) {
      const plan = await planUntouched(withBom(text));
      expect(plan.ok && plan.summary.newCheckins).toBe(3);
      expect(plan.ok && plan.entries[0]?.body).toBe('# Title\n\na, "quoted"\nnote');
    }
  });
});

describe('failed and cancelled imports leave the vault untouched', () => {
  it('rejects with the reason when cancelled, having written nothing', async () => {
    const doc = existing();
    const before = fingerprint(doc);
    const controller = new AbortController();
    const reason = new Error('cancelled by the person');
    const big = serializeExport(
      exportVault(vaultWith(...dailyCheckins(2000, createPrng(2))), FIXED_NOW),
    );
    const planning = planImport(doc, big, {
      ...OPTIONS,
      onProgress: (p) => {
        if (p.phase === 'check' && p.done > 0) controller.abort(reason);
      },
      signal: controller.signal,
    });
    await expect(planning).rejects.toBe(reason);
    expectUntouched(doc, before);
  });

  it('will not apply a plan that failed', async () => {
    const doc = existing();
    const plan = await planImport(doc, '{"format":"other"}', OPTIONS);
    const before = fingerprint(doc);
    expect(plan.ok).toBe(false);
    expect(() => applyImport(doc, plan as never)).toThrow(/needs a plan without errors/);
    expectUntouched(doc, before);
  });

  it('will not apply into a vault written by a newer Mull', async () => {
    const doc = existing();
    const plan = await planImport(doc, jsonFile(), OPTIONS);
    metaOf(doc).set(META.schemaVersion, SCHEMA_VERSION + 1);
    const before = fingerprint(doc);
    expect(plan.ok).toBe(true);
    if (plan.ok) expect(() => applyImport(doc, plan)).toThrow(VaultError);
    expectUntouched(doc, before);
  });
});

/** One random change to `bytes`, of a kind that real damage or a hostile edit produces. */
function mutate(bytes: Uint8Array, prng: Prng): Uint8Array {
  const out = Array.from(bytes);
  const at = prng.int(0, Math.max(0, out.length - 1));
  switch (prng.int(0, 6)) {
    case 0: // flip a byte
      out[at] = prng.int(0, 255);
      break;
    case 1: // cut the file short
      out.length = at;
      break;
    case 2: // drop a range
      out.splice(at, prng.int(1, 40));
      break;
    case 3: // repeat a range
      out.splice(at, 0, ...out.slice(at, at + prng.int(1, 200)));
      break;
    case 4: // insert a structural character
      out.splice(at, 0, prng.pick([0x22, 0x2c, 0x0a, 0x0d, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x7c]));
      break;
    case 5: // replace a digit with another, or a letter
      out[at] = prng.pick([0x30, 0x39, 0x2d, 0x2e, 0x65, 0x61]);
      break;
    default: // swap in text from elsewhere in the file
      out.splice(at, prng.int(1, 20), ...out.slice(prng.int(0, out.length - 1)).slice(0, 20));
  }
  return Uint8Array.from(out);
}

describe('fuzzing with seeded mutations', () => {
  for (const [name, source] of [
    ['Mull JSON', jsonFile],
    ['Daylio CSV', daylioFile],
  ] as const) {
    it(`${name}: planning never throws and never touches the vault; a plan that passes applies`, async () => {
      const prng = createPrng(name.length * 7919);
      const original = encoder.encode(source());
      let refusedCount = 0;
      for (let round = 0; round < 300; round++) {
        let bytes: Uint8Array = original;
        for (let k = prng.int(1, 3); k > 0; k--) bytes = mutate(bytes, prng);
        const doc = existing();
        const before = fingerprint(doc);
        const plan = await planImport(doc, bytes, OPTIONS);
        expectUntouched(doc, before);
        if (plan.ok) {
          expect(() => applyImport(doc, plan)).not.toThrow();
        } else {
          refusedCount++;
          expect(plan.errors.length).toBeGreaterThan(0);
          for (const e of plan.errors) expect(e.message).toMatch(/\S/);
          expect(plan.errors.some((e) => e.message.startsWith('Mull could not read'))).toBe(false);
        }
      }
      expect(refusedCount).toBeGreaterThan(50);
    });
  }
});
