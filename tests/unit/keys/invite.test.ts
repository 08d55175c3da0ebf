import { describe, expect, it } from 'vitest';
import {
  createInvite,
  encodeInvite,
  INVITE_FORMAT_VERSION,
  INVITE_KINDS,
  INVITE_TTL_MS,
  inviteLink,
  KeyError,
  parseInvite,
  type Invite,
  type InviteKind,
  type InviteParseResult,
} from '../../../src/lib/keys';
import vectors from '../../../src/lib/keys/test-vectors.json';

/** Any 18 bytes: these tests are about the format, not about whose key it pins. */
const KEY_HASH = new Uint8Array(18).fill(9);

const NOW = new Date('2026-03-01T13:52:00.000Z');
const ORIGIN = 'https://mull.example';

function expectInvite(result: InviteParseResult): Invite {
  if (!result.ok) throw new Error(`expected an invite, got ${result.reason}: ${result.message}`);
  return result.invite;
}

describe('createInvite', () => {
  it.each(INVITE_KINDS)(
    'makes a %s invite with a fresh secret that expires in 10 minutes',
    (kind) => {
      const invite = createInvite(kind, KEY_HASH, NOW);
      expect(INVITE_TTL_MS).toBe(10 * 60 * 1000);
      expect(invite.version).toBe(INVITE_FORMAT_VERSION);
      expect(invite.kind).toBe(kind);
      expect(invite.secret).toBeInstanceOf(Uint8Array);
      expect(invite.secret).toHaveLength(32);
      expect(invite.expiresAt.getTime()).toBe(NOW.getTime() + INVITE_TTL_MS);
      expect(createInvite(kind, KEY_HASH, NOW).secret).not.toEqual(invite.secret);
    },
  );

  it('rounds the expiry down to a whole second, never later', () => {
    const invite = createInvite('device', KEY_HASH, new Date('2026-03-01T13:52:00.999Z'));
    expect(invite.expiresAt.toISOString()).toBe('2026-03-01T14:02:00.000Z');
  });

  it('refuses an unknown kind and an invalid date', () => {
    expect(() => createInvite('vault' as InviteKind, KEY_HASH, NOW)).toThrow(KeyError);
    expect(() => createInvite('device', new Uint8Array(17), NOW)).toThrow(KeyError);
    expect(() => createInvite('device', KEY_HASH, new Date(NaN))).toThrow(RangeError);
  });
});

describe('encodeInvite', () => {
  it.each(vectors.invites)('writes the $kind test vector byte for byte', (vector) => {
    const invite: Invite = {
      version: 2,
      kind: vector.kind as InviteKind,
      secret: new Uint8Array(Buffer.from(vector.secretHex, 'hex')),
      expiresAt: new Date(vector.expiresAt),
      inviterKeyHash: new Uint8Array(Buffer.from(vector.inviterKeyHashHex, 'hex')),
    };
    const code = encodeInvite(invite);
    expect(code).toBe(vector.code);
    expect(Buffer.from(code.slice(2), 'base64url').toString('hex')).toBe(vector.payloadHex);
  });

  it('makes "d." or "c." and 80 base64url characters', () => {
    expect(encodeInvite(createInvite('device', KEY_HASH, NOW))).toMatch(/^d\.[A-Za-z0-9_-]{80}$/);
    expect(encodeInvite(createInvite('contact', KEY_HASH, NOW))).toMatch(/^c\.[A-Za-z0-9_-]{80}$/);
  });

  it('refuses what cannot be written', () => {
    const invite = createInvite('device', KEY_HASH, NOW);
    expect(() => encodeInvite({ ...invite, secret: new Uint8Array(31) })).toThrow(KeyError);
    expect(() => encodeInvite({ ...invite, inviterKeyHash: new Uint8Array(16) })).toThrow(KeyError);
    expect(() => encodeInvite({ ...invite, kind: 'x' as InviteKind })).toThrow(KeyError);
    expect(() => encodeInvite({ ...invite, expiresAt: new Date('1969-12-31T00:00:00Z') })).toThrow(
      RangeError,
    );
    expect(() => encodeInvite({ ...invite, expiresAt: new Date('2106-02-08T00:00:00Z') })).toThrow(
      RangeError,
    );
    expect(() => encodeInvite({ ...invite, expiresAt: new Date(NaN) })).toThrow(RangeError);
  });
});

describe('inviteLink', () => {
  it('puts the code after /#/join/ on the origin', () => {
    const invite = createInvite('device', KEY_HASH, NOW);
    expect(inviteLink(ORIGIN, invite)).toBe(`${ORIGIN}/#/join/${encodeInvite(invite)}`);
  });

  it('ignores trailing slashes on the origin', () => {
    const invite = createInvite('contact', KEY_HASH, NOW);
    expect(inviteLink(`${ORIGIN}//`, invite)).toBe(inviteLink(ORIGIN, invite));
  });
});

describe('parseInvite round trips', () => {
  it.each(INVITE_KINDS)('reads back a %s invite from its code and from its link', (kind) => {
    const invite = createInvite(kind, KEY_HASH, NOW);
    expect(expectInvite(parseInvite(encodeInvite(invite), NOW))).toEqual(invite);
    expect(expectInvite(parseInvite(inviteLink(ORIGIN, invite), NOW))).toEqual(invite);
  });

  it.each(vectors.invites)('reads the $kind test vector', (vector) => {
    const read = expectInvite(parseInvite(vector.code, NOW));
    expect(read.kind).toBe(vector.kind);
    expect(Buffer.from(read.secret).toString('hex')).toBe(vector.secretHex);
    expect(read.expiresAt.toISOString()).toBe(vector.expiresAt);
    expect(Buffer.from(read.inviterKeyHash).toString('hex')).toBe(vector.inviterKeyHashHex);
  });

  it.each(vectors.oldInvites)(
    'refuses the $kind code of the older format, saying so plainly',
    (vector) => {
      const result = parseInvite(vector.code, NOW);
      expect(result).toMatchObject({
        ok: false,
        reason: 'old-version',
        message: 'This invite is from an older version of Mull; ask for a new one.',
      });
    },
  );

  it('reads a link from any origin, with a path, port or ?query before the hash', () => {
    const invite = createInvite('device', KEY_HASH, NOW);
    const code = encodeInvite(invite);
    for (const link of [
      `http://localhost:4173/#/join/${code}`,
      `https://example.org/apps/mull/#/join/${code}`,
      `https://example.org/?from=chat#/join/${code}`,
      `example.org/#/join/${code}`,
      `#/join/${code}`,
    ]) {
      expect(expectInvite(parseInvite(link, NOW))).toEqual(invite);
    }
  });

  it('returns a secret of its own, not a view into shared memory', () => {
    const invite = expectInvite(
      parseInvite(encodeInvite(createInvite('device', KEY_HASH, NOW)), NOW),
    );
    expect(invite.secret.byteOffset).toBe(0);
    expect(invite.secret.buffer.byteLength).toBe(32);
  });
});

describe('parseInvite reads what chat apps paste', () => {
  const invite = createInvite('contact', KEY_HASH, NOW);
  const code = encodeInvite(invite);
  const link = inviteLink(ORIGIN, invite);
  const half = Math.floor(link.length / 2);

  it.each([
    ['surrounding spaces and newlines', `  \n\t${code}\r\n  `],
    ['double quotes', `"${code}"`],
    ['single quotes', `'${code}'`],
    ['curly quotes', `“${link}”`],
    ['guillemets', `«${code}»`],
    ['backticks', `\`${code}\``],
    ['angle brackets (e-mail)', `<${link}>`],
    ['parentheses', `(${link})`],
    ['a Markdown link', `[join me](${link})`],
    ['a trailing full stop', `${link}.`],
    ['text before the link', `Here is the invite: ${link}`],
    ['a line break inside (wrapped message)', `${link.slice(0, half)}\n${link.slice(half)}`],
    [
      'non-breaking and zero-width spaces',
      `\u00a0${code.slice(0, 10)}\u200b${code.slice(10)}\ufeff`,
    ],
    ['a capitalised first letter (phone keyboards)', `C${code.slice(1)}`],
    ['bold Markdown', `**${code}**`],
  ])('with %s', (_label, pasted) => {
    expect(expectInvite(parseInvite(pasted, NOW))).toEqual(invite);
  });
});

describe('parseInvite and time', () => {
  const invite = createInvite('device', KEY_HASH, NOW);
  const code = encodeInvite(invite);
  const at = (ms: number) => new Date(invite.expiresAt.getTime() + ms);

  it('accepts an invite until its last millisecond', () => {
    expect(parseInvite(code, at(-1)).ok).toBe(true);
    expect(parseInvite(code, at(0)).ok).toBe(false);
  });

  it('tolerates a clock up to 5 minutes behind the inviter’s', () => {
    const maxAhead = INVITE_TTL_MS + 5 * 60 * 1000;
    expect(parseInvite(code, at(-maxAhead)).ok).toBe(true);
    expect(parseInvite(code, at(-maxAhead - 1000))).toMatchObject({
      ok: false,
      reason: 'clock-skew',
    });
  });

  it('defaults to the current time', () => {
    expect(parseInvite(encodeInvite(createInvite('device', KEY_HASH))).ok).toBe(true);
  });

  it('refuses an invalid `now` (a programming error, not a person’s)', () => {
    expect(() => parseInvite(code, new Date(NaN))).toThrow(RangeError);
  });
});
