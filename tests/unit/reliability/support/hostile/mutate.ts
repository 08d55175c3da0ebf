/**
 * Seeded mutations for fuzzing: of bytes (flips, overwrites, cuts, insertions, length fields
 * blown up) and of text (the characters that break parsers: quotes, separators, controls,
 * lone surrogates, huge numbers). Every input is a pure function of (seed, index), so a failure
 * names the input that replays it.
 */
import { createPrng, type Prng } from '../../../../helpers/prng';

/** The PRNG for input `index` of a run seeded with `seed`. */
export const inputPrng = (seed: number, index: number): Prng =>
  createPrng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));

export const randomBytes = (rnd: Prng, max: number): Uint8Array =>
  Uint8Array.from({ length: rnd.int(0, max) }, () => rnd.int(0, 255));

/** A varuint as lib0 writes it. */
export function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push(0x80 | (n % 128));
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

const BOMBS = [
  varUint(2 ** 31),
  varUint(2 ** 32 - 1),
  varUint(Number.MAX_SAFE_INTEGER),
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], // past 2^53
  [0x80, 0x80, 0x80], // a varuint that never ends
];

function splice(src: Uint8Array, at: number, remove: number, insert: ArrayLike<number>) {
  const out = new Uint8Array(src.length - remove + insert.length);
  out.set(src.subarray(0, at), 0);
  out.set(insert, at);
  out.set(src.subarray(at + remove), at + insert.length);
  return out;
}

/** One to four mutations of `src`; `others` lends material for cross-overs. */
export function mutateBytes(rnd: Prng, src: Uint8Array, others: readonly Uint8Array[] = []) {
  let b = Uint8Array.from(src);
  for (let n = rnd.int(1, 4); n > 0; n--) {
    const at = rnd.int(0, b.length);
    switch (rnd.int(0, 8)) {
      case 0:
        if (b.length) b[Math.min(at, b.length - 1)]! ^= 1 << rnd.int(0, 7);
        break;
      case 1:
        if (b.length) b[Math.min(at, b.length - 1)] = rnd.pick([0, 1, 0x7f, 0x80, 0xff]);
        break;
      case 2:
        b = b.slice(0, at); // cut short
        break;
      case 3:
        b = splice(b, at, 0, randomBytes(rnd, 8));
        break;
      case 4:
        b = splice(b, at, Math.min(rnd.int(1, 16), b.length - at), []);
        break;
      case 5:
        b = splice(b, at, Math.min(rnd.int(0, 5), b.length - at), rnd.pick(BOMBS));
        break;
      case 6: {
        const from = rnd.int(0, b.length);
        b = splice(b, at, 0, b.slice(from, from + rnd.int(1, 32))); // a repeated slice
        break;
      }
      case 7:
        if (others.length) {
          const other = rnd.pick(others);
          const from = rnd.int(0, other.length);
          b = splice(b, at, 0, other.slice(from, from + rnd.int(1, 64)));
        }
        break;
      default:
        if (b.length) b[Math.min(at, b.length - 1)] = rnd.int(0, 255);
    }
  }
  return b;
}

const NASTY_TEXT = [
  '"',
  "'",
  ',',
  ';',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\\',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\u0000',
  '\u0007',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\ud800',
  '\udfff',
  '🙂',
  'é',
  '1e309',
  '-0',
  'NaN',
  'null',
  'true',
  '9007199254740993',
  '"__proto__"',
  '"constructor"',
  '<script>',
  '%s%n',
  '${x}',
];

/** One to four mutations of `src` as text. */
export function mutateText(rnd: Prng, src: string): string {
  let s = src;
  for (let n = rnd.int(1, 4); n > 0; n--) {
    const at = rnd.int(0, s.length);
    switch (rnd.int(0, 5)) {
      case 0:
        s = s.slice(0, at) + rnd.pick(NASTY_TEXT) + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + rnd.int(1, 20));
        break;
      case 2:
        s = s.slice(0, at);
        break;
      case 3: {
        const from = rnd.int(0, s.length);
        s = s.slice(0, at) + s.slice(from, from + rnd.int(1, 200)) + s.slice(at);
        break;
      }
      case 4:
        s = s.slice(0, at) + String.fromCharCode(rnd.int(0, 0xffff)) + s.slice(at + 1);
        break;
      default:
        s = s.slice(0, at) + rnd.pick(NASTY_TEXT).repeat(rnd.int(1, 500)) + s.slice(at);
    }
  }
  return s;
}
