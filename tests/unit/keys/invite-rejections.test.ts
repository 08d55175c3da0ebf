import { describe, expect, it } from 'vitest';
import {
  createInvite,
  encodeInvite,
  formatInviteTime,
  INVITE_ERROR_REASONS,
  inviteLink,
  MAX_INVITE_INPUT_CHARS,
  parseInvite,
  type InviteErrorReason,
  type InviteParseResult,
} from '../../../src/lib/keys';
import { craftCode } from './craft';

/** Any 18 bytes: these tests are about the format, not about whose key it pins. */
const KEY_HASH = new Uint8Array(18).fill(9);

const NOW = new Date('2026-03-01T13:52:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const CODE = encodeInvite(createInvite('device', KEY_HASH, NOW));

function refusal(result: InviteParseResult): { reason: InviteErrorReason; message: string } {
  if (result.ok) throw new Error('expected a refusal, got an invite');
  expect(result.message.length).toBeGreaterThan(10);
  return { reason: result.reason, message: result.message };
}

const reasonOf = (input: string, now = NOW): InviteErrorReason =>
  refusal(parseInvite(input, now)).reason;

describe('parseInvite refuses', () => {
  it.each(['', '   ', '\n\t\r\n', '\u200b\ufeff', '""', '<>'])('empty input %j', (input) => {
    const { reason, message } = refusal(parseInvite(input, NOW));
    expect(reason).toBe('empty');
    expect(message).toBe('Paste an invite link or code first.');
  });

  it('a 10 MB paste, before looking at it', () => {
    const huge = `${CODE} `.repeat((10 * 1024 * 1024) / 60);
    expect(huge.length).toBeGreaterThan(10_000_000);
    expect(reasonOf(huge)).toBe('too-long');
    // The limit is on the raw text: surrounding whitespace does not buy more room.
    expect(reasonOf(`${' '.repeat(MAX_INVITE_INPUT_CHARS)}${CODE}`)).toBe('too-long');
    expect(parseInvite(`${' '.repeat(MAX_INVITE_INPUT_CHARS - CODE.length)}${CODE}`, NOW).ok).toBe(
      true,
    );
  });

  it.each([
    ['a word', 'hello'],
    ['a sentence', 'can you send me the invite?'],
    ['a link to somewhere else', 'https://example.org/some/page'],
    ['a Mull link to another screen', 'https://mull.example/#/journal'],
    ['the code without its kind letter', CODE.slice(2)],
    ['a code with a two-letter prefix', `dd.${CODE.slice(2)}`],
    ['a code with a dash for a dot', `d-${CODE.slice(2)}`],
  ])('%s as "not a Mull invite"', (_label, input) => {
    const { reason, message } = refusal(parseInvite(input, NOW));
    expect(reason).toBe('not-invite');
    expect(message).toMatch(/doesn’t look like a Mull invite/);
  });

  it('an unknown kind letter, naming it', () => {
    const { reason, message } = refusal(parseInvite(`x.${CODE.slice(2)}`, NOW));
    expect(reason).toBe('unknown-kind');
    expect(message).toContain('“x.”');
    expect(message).toMatch(/“d\.” \(a device\) or “c\.” \(a contact\)/);
  });

  it('an unknown kind byte inside a well-formed code', () => {
    const code = craftCode('d', { kindByte: 0x7a, expirySeconds: NOW_SECONDS + 60 });
    const { reason, message } = refusal(parseInvite(code, NOW));
    expect(reason).toBe('unknown-kind');
    expect(message).toMatch(/Update Mull/);
  });

  it.each([
    ['standard base64 "+"', '+'],
    ['standard base64 "/"', '/'],
    ['padding "="', '='],
    ['a letter with an accent', 'é'],
    ['an emoji', '🙂'],
  ])('invalid characters: %s', (_label, character) => {
    const input = `${CODE.slice(0, 20)}${character}${CODE.slice(21)}`;
    const { reason, message } = refusal(parseInvite(input, NOW));
    expect(reason).toBe('invalid-characters');
    expect(message).toMatch(/can’t be part of an invite/);
  });

  it('names a visible invalid character but never prints a control character', () => {
    expect(refusal(parseInvite(`${CODE.slice(0, 20)}+${CODE.slice(21)}`, NOW)).message).toContain(
      '“+”',
    );
    const control = refusal(parseInvite(`${CODE.slice(0, 20)}\u0007${CODE.slice(21)}`, NOW));
    expect(control.reason).toBe('invalid-characters');
    expect(control.message).toContain('an unexpected character');
    expect(control.message).not.toContain('\u0007');
  });

  it.each([1, 2, 3, 10, 55])('a code cut %i characters short', (missing) => {
    const { reason, message } = refusal(parseInvite(CODE.slice(0, CODE.length - missing), NOW));
    expect(reason).toBe('wrong-length');
    expect(message).toMatch(/cut off/);
    expect(message).toContain(`${missing} character`);
  });

  it('a link that ends at #/join/', () => {
    const { reason, message } = refusal(parseInvite('https://mull.example/#/join/', NOW));
    expect(reason).toBe('wrong-length');
    expect(message).toMatch(/cut off/);
  });

  it.each(['A', 'AAAA', 'Ab_-'])('a code with extra characters (%s) at the end', (extra) => {
    const { reason, message } = refusal(parseInvite(`${CODE}${extra}`, NOW));
    expect(reason).toBe('wrong-length');
    expect(message).toContain(`${extra.length} character`);
    expect(message).toMatch(/too many/);
  });

  it('two codes pasted together', () => {
    const { reason, message } = refusal(parseInvite(`${CODE}\n${CODE}`, NOW));
    expect(reason).toBe('invalid-characters');
    expect(message).toContain('“.”');
  });

  it('an invite of another format version, whatever its length', () => {
    const expirySeconds = NOW_SECONDS + 60;
    for (const [version, length] of [
      [3, 42],
      [3, 60],
      [3, 30],
      [255, 60],
      [0, 60],
    ] as const) {
      const { reason, message } = refusal(
        parseInvite(craftCode('d', { version, length, expirySeconds }), NOW),
      );
      expect(reason).toBe('unsupported-version');
      expect(message).toContain(`invite format ${version}`);
    }
  });

  it('an invite of the older format (version 1, no inviter key), at its length or any other', () => {
    for (const length of [42, 60, 30]) {
      const code = craftCode('d', { version: 1, length, expirySeconds: NOW_SECONDS + 60 });
      expect(refusal(parseInvite(code, NOW))).toMatchObject({
        reason: 'old-version',
        message: 'This invite is from an older version of Mull; ask for a new one.',
      });
    }
  });

  it('a version 2 invite whose checksum does not match', () => {
    const code = craftCode('d', { expirySeconds: NOW_SECONDS + 60, checksum: 0x12345678 });
    const { reason, message } = refusal(parseInvite(code, NOW));
    expect(reason).toBe('checksum-mismatch');
    expect(message).toMatch(/probably a typo/);
  });

  it('a typo in the code as a typo', () => {
    const i = 30;
    const typo = `${CODE.slice(0, i)}${CODE[i] === 'Q' ? 'R' : 'Q'}${CODE.slice(i + 1)}`;
    expect(reasonOf(typo)).toBe('checksum-mismatch');
  });

  it('a typo in the kind letter (d ↔ c) as a typo', () => {
    expect(reasonOf(`c${CODE.slice(1)}`)).toBe('checksum-mismatch');
  });

  it('a typo in an expired invite as a typo, not as expired', () => {
    const typo = `${CODE.slice(0, 10)}${CODE[10] === 'Q' ? 'R' : 'Q'}${CODE.slice(11)}`;
    expect(reasonOf(typo, new Date(NOW.getTime() + 60 * 60 * 1000))).toBe('checksum-mismatch');
  });

  it('an expired invite, saying when, calmly', () => {
    const invite = createInvite('contact', KEY_HASH, NOW);
    const later = new Date(invite.expiresAt.getTime() + 90_000);
    const result = parseInvite(inviteLink('https://mull.example', invite), later);
    const { reason, message } = refusal(result);
    expect(reason).toBe('expired');
    expect(result).toMatchObject({ expiresAt: invite.expiresAt });
    const time = invite.expiresAt.toLocaleTimeString(undefined, {
      hour: 'numeric',
      minute: '2-digit',
    });
    expect(message).toBe(
      `This invite expired at ${time}. Ask for a new one — they last 10 minutes.`,
    );
  });

  it('an invite that expired on another day, with its date', () => {
    const invite = createInvite('device', KEY_HASH, NOW);
    const weekLater = new Date(NOW.getTime() + 7 * 24 * 60 * 60 * 1000);
    const { message } = refusal(parseInvite(encodeInvite(invite), weekLater));
    expect(message).toContain(formatInviteTime(invite.expiresAt, weekLater));
    expect(formatInviteTime(invite.expiresAt, weekLater)).toMatch(/ on .*2026/);
  });

  it('an expiry impossibly far ahead, blaming a clock, not the person', () => {
    const code = craftCode('d', { expirySeconds: NOW_SECONDS + 24 * 60 * 60 });
    const result = parseInvite(code, NOW);
    const { reason, message } = refusal(result);
    expect(reason).toBe('clock-skew');
    expect(result).toMatchObject({ expiresAt: new Date((NOW_SECONDS + 86_400) * 1000) });
    expect(message).toMatch(/clock/);
    expect(message).toMatch(/later than any invite can be/);
  });

  it('with one distinct message for every reason', () => {
    const expiredLater = new Date(NOW.getTime() + 3_600_000);
    const samples: Record<InviteErrorReason, [string, Date]> = {
      empty: ['', NOW],
      'too-long': ['x'.repeat(MAX_INVITE_INPUT_CHARS + 1), NOW],
      'not-invite': ['hello', NOW],
      'unknown-kind': [`x.${CODE.slice(2)}`, NOW],
      'invalid-characters': [`${CODE.slice(0, -1)}+`, NOW],
      'wrong-length': [CODE.slice(0, -4), NOW],
      'unsupported-version': [craftCode('d', { version: 9, expirySeconds: NOW_SECONDS }), NOW],
      'old-version': [craftCode('d', { length: 42, expirySeconds: NOW_SECONDS }), NOW],
      'checksum-mismatch': [craftCode('d', { checksum: 1, expirySeconds: NOW_SECONDS }), NOW],
      expired: [CODE, expiredLater],
      'clock-skew': [craftCode('d', { expirySeconds: NOW_SECONDS + 86_400 }), NOW],
    };
    const messages = new Set<string>();
    for (const reason of INVITE_ERROR_REASONS) {
      const [input, now] = samples[reason];
      const result = refusal(parseInvite(input, now));
      expect(result.reason).toBe(reason);
      messages.add(result.message);
    }
    expect(messages.size).toBe(INVITE_ERROR_REASONS.length);
  });

  it('something that is not a string at all', () => {
    for (const input of [null, undefined, 42, {}, ['d.x']]) {
      expect(reasonOf(input as unknown as string)).toBe('not-invite');
    }
  });
});
