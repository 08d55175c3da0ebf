/**
 * Robustness of `parseInvite` against whatever a person (or a hostile page) pastes: thousands
 * of seeded random and mutated inputs. Whatever comes in, it returns — never throws — either a
 * typed refusal with a readable message or the very invite that was shared.
 */
import { describe, expect, it } from 'vitest';
import {
  createInvite,
  encodeInvite,
  INVITE_CLOCK_SKEW_MS,
  INVITE_ERROR_REASONS,
  INVITE_KINDS,
  INVITE_TTL_MS,
  inviteLink,
  parseInvite,
  type Invite,
  type InviteParseResult,
} from '../../../src/lib/keys';
import { createPrng, type Prng } from '../../helpers/prng';

/** Any 18 bytes: these tests are about the format, not about whose key it pins. */
const KEY_HASH = new Uint8Array(18).fill(9);

const NOW = new Date('2026-03-01T13:52:00.000Z');
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const NASTY = [
  ...BASE64URL,
  ...' \t\n\r.:/#?&=+%"\'<>()[]{}*~!,;`\\',
  '\u0000',
  '\u0007',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\u2028',
  'é',
  'ß',
  '“',
  '”',
  '🙂',
  '\ud800', // a lone surrogate: not even valid UTF-16
  '\udfff',
  '#/join/',
  'd.',
  'c.',
  'https://',
];

/** Checks the contract on any result; returns the invite when there is one. */
function checkResult(result: InviteParseResult, now: Date): Invite | undefined {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(INVITE_ERROR_REASONS).toContain(result.reason);
    expect(typeof result.message).toBe('string');
    expect(result.message.length).toBeGreaterThan(10);
    expect(result.message).not.toMatch(/undefined|NaN|Invalid Date|\[object/);
    return undefined;
  }
  const { invite } = result;
  expect(INVITE_KINDS).toContain(invite.kind);
  expect(invite.version).toBe(2);
  expect(invite.inviterKeyHash).toHaveLength(18);
  expect(invite.secret).toBeInstanceOf(Uint8Array);
  expect(invite.secret).toHaveLength(32);
  const remaining = invite.expiresAt.getTime() - now.getTime();
  expect(remaining).toBeGreaterThan(0);
  expect(remaining).toBeLessThanOrEqual(INVITE_TTL_MS + INVITE_CLOCK_SKEW_MS);
  return invite;
}

function randomText(prng: Prng, maxLength: number): string {
  const length = prng.int(0, maxLength);
  let text = '';
  for (let i = 0; i < length; i++) text += prng.pick(NASTY);
  return text;
}

/** One random edit of the kind people and chat apps make. */
function mutate(prng: Prng, text: string): string {
  const at = prng.int(0, text.length);
  switch (prng.int(0, 8)) {
    case 0: // substitute one character
      return text.slice(0, at) + prng.pick(NASTY) + text.slice(at + 1);
    case 1: // drop one character
      return text.slice(0, at) + text.slice(at + 1);
    case 2: // insert one character
      return text.slice(0, at) + prng.pick(NASTY) + text.slice(at);
    case 3: // swap two neighbours
      return (
        text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2)
      );
    case 4: // truncate
      return text.slice(0, at);
    case 5: // duplicate a stretch
      return text.slice(0, at) + text.slice(prng.int(0, at), at) + text.slice(at);
    case 6: // flip the case of one letter
      return text.slice(0, at) + swapCase(text.slice(at, at + 1)) + text.slice(at + 1);
    case 7: // wrap, as a chat app might
      return `${prng.pick(['', ' ', '\n', '"', '<', '“', '('])}${text}${prng.pick(['', ' ', '\n', '"', '>', '”', ')', '.'])}`;
    default: // replace a stretch with random bytes
      return text.slice(0, at) + randomText(prng, 8) + text.slice(at + prng.int(0, 8));
  }
}

const swapCase = (c: string): string => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());

describe('parseInvite under fuzzing', () => {
  it('never throws on 5000 random strings, and never finds an invite in noise', () => {
    const prng = createPrng(0x5eed);
    for (let i = 0; i < 5000; i++) {
      const input = randomText(prng, i % 10 === 0 ? 3000 : 80);
      let result: InviteParseResult | undefined;
      expect(() => (result = parseInvite(input, NOW)), `input #${i}`).not.toThrow();
      expect(checkResult(result as InviteParseResult, NOW)).toBeUndefined();
    }
  });

  it('never throws on 5000 random base64url bodies behind a valid prefix', () => {
    const prng = createPrng(0xb0d7);
    for (let i = 0; i < 5000; i++) {
      let body = '';
      const length = prng.pick([80, 80, 80, prng.int(0, 120)]);
      for (let j = 0; j < length; j++) body += prng.pick([...BASE64URL]);
      const result = parseInvite(`${prng.pick(['d', 'c', 'D', 'x'])}.${body}`, NOW);
      expect(checkResult(result, NOW)).toBeUndefined();
    }
  });

  it('turns 10000 mutated invites into the original invite or a typed refusal, never another invite', () => {
    const prng = createPrng(0xfa11);
    for (let i = 0; i < 10000; i++) {
      const invite = createInvite(prng.pick(INVITE_KINDS), KEY_HASH, NOW);
      let text =
        prng.next() < 0.5 ? encodeInvite(invite) : inviteLink('https://mull.example', invite);
      const edits = prng.int(1, 3);
      for (let e = 0; e < edits; e++) text = mutate(prng, text);
      const now = new Date(NOW.getTime() + prng.int(-20, 20) * 60_000);
      const read = checkResult(parseInvite(text, now), now);
      if (read) expect(read).toEqual(invite);
    }
  });

  it('catches every single mistyped character in a code', () => {
    const code = encodeInvite(createInvite('device', KEY_HASH, NOW));
    for (let i = 0; i < code.length; i++) {
      for (const c of BASE64URL) {
        if (c === code[i] || (i === 0 && c.toLowerCase() === code[0])) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(parseInvite(typo, NOW).ok, typo).toBe(false);
      }
    }
  });

  it('catches every swap of two neighbouring characters in a code', () => {
    const code = encodeInvite(createInvite('contact', KEY_HASH, NOW));
    for (let i = 0; i + 1 < code.length; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(parseInvite(swapped, NOW).ok, swapped).toBe(false);
    }
  });

  it('never throws for any clock, far past or far future', () => {
    const prng = createPrng(0xc10c);
    const code = encodeInvite(createInvite('device', KEY_HASH, NOW));
    for (let i = 0; i < 1000; i++) {
      const now = new Date(prng.int(-8.64e15, 8.64e15));
      checkResult(parseInvite(code, now), now);
    }
  });
});
