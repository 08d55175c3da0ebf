/**
 * Invites (DESIGN.md §3): a one-time pairing secret and the hash of the inviting device's
 * pairing key, shared as a link `<origin>/#/join/<d|c>.<80 base64url characters>` or as the
 * code after `#/join/`.
 *
 * `parseInvite` judges a pasted invite before anything touches the network, and returns a
 * reason and a message instead of throwing. It cannot know whether an invite was already used:
 * only the inviter knows that, so the pairing room answers it (the inviter grants once, then
 * leaves the room). For the same reason the expiry checked here is a courtesy to the joiner;
 * the inviter enforces it by no longer answering after `expiresAt`.
 */
import { KeyError } from './errors';
import {
  INVITE_BODY_CHARS,
  INVITE_FORMAT_VERSION,
  INVITE_KEY_HASH_BYTES,
  INVITE_KIND_LETTER,
  INVITE_PAYLOAD_BYTES,
  OLD_INVITE_FORMAT_VERSION,
  INVITE_TTL_MS,
  MAX_INVITE_EXPIRY_SECONDS,
  hasValidChecksum,
  isInviteKind,
  kindOfLetter,
  packInvite,
  unpackInvite,
  type Invite,
  type InviteKind,
} from './invite-format';
import {
  inviteErrorMessage,
  type InviteErrorDetail,
  type InviteErrorReason,
} from './invite-messages';
import { assertSecret, createSecret, decodeBase64Url, encodeBase64Url } from './secret';

export {
  INVITE_FORMAT_VERSION,
  INVITE_KEY_HASH_BYTES,
  INVITE_KINDS,
  INVITE_TTL_MS,
  type Invite,
  type InviteKind,
} from './invite-format';
export { INVITE_ERROR_REASONS, type InviteErrorReason } from './invite-messages';

/** The hash route of a join link; the code follows it. */
export const INVITE_LINK_ROUTE = '#/join/';
/**
 * Longest pasted text `parseInvite` looks at. A code is 82 characters and a link adds an
 * origin; 2 KiB leaves room for any real origin while a 10 MB paste is refused before a
 * single character of it is examined.
 */
export const MAX_INVITE_INPUT_CHARS = 2048;
/**
 * How far ahead of this device's clock another device's clock may run. An expiry more than
 * `INVITE_TTL_MS + INVITE_CLOCK_SKEW_MS` away cannot come from a correct clock.
 */
export const INVITE_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type InviteParseResult =
  | { ok: true; invite: Invite }
  | { ok: false; reason: InviteErrorReason; message: string; expiresAt?: Date };

/**
 * A new invite of `kind` with a fresh pairing secret, pinned to the inviting device's pairing
 * key by `inviterKeyHash`, expiring `INVITE_TTL_MS` after `now`.
 */
export function createInvite(
  kind: InviteKind,
  inviterKeyHash: Uint8Array,
  now: Date = new Date(),
): Invite {
  assertValidDate(now);
  if (!isInviteKind(kind)) {
    throw new KeyError('invalid-kind', `Unknown invite kind ${JSON.stringify(kind)}.`);
  }
  assertKeyHash(inviterKeyHash);
  // Rounded down to whole seconds (the wire format's unit), so it never lasts longer.
  const expirySeconds = Math.floor((now.getTime() + INVITE_TTL_MS) / 1000);
  return {
    version: INVITE_FORMAT_VERSION,
    kind,
    secret: createSecret(),
    expiresAt: new Date(expirySeconds * 1000),
    inviterKeyHash: inviterKeyHash.slice(),
  };
}

function assertKeyHash(hash: unknown): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== INVITE_KEY_HASH_BYTES) {
    throw new KeyError(
      'invalid-secret',
      `An inviter key hash must be ${INVITE_KEY_HASH_BYTES} bytes.`,
    );
  }
}

/** The code: `d.` or `c.` and 80 base64url characters. */
export function encodeInvite(invite: Invite): string {
  if (!isInviteKind(invite.kind)) {
    throw new KeyError('invalid-kind', `Unknown invite kind ${JSON.stringify(invite.kind)}.`);
  }
  assertSecret(invite.secret);
  assertKeyHash(invite.inviterKeyHash);
  const expirySeconds = Math.floor(invite.expiresAt.getTime() / 1000);
  if (!(expirySeconds >= 0 && expirySeconds <= MAX_INVITE_EXPIRY_SECONDS)) {
    throw new RangeError('An invite expiry must lie between 1970 and 2106.');
  }
  const payload = packInvite(invite.kind, expirySeconds, invite.secret, invite.inviterKeyHash);
  return `${INVITE_KIND_LETTER[invite.kind]}.${encodeBase64Url(payload)}`;
}

/** The link to share: `origin` (trailing slashes ignored), then `/#/join/` and the code. */
export function inviteLink(origin: string, invite: Invite): string {
  return `${origin.replace(/\/+$/, '')}/${INVITE_LINK_ROUTE}${encodeInvite(invite)}`;
}

// Never part of a link or code, but added by chat apps, e-mail and word processors: line
// wrapping, non-breaking and zero-width spaces, soft hyphens, byte-order marks.
const INVISIBLE = /[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]/gu;
// Around a pasted code: quotes of every kind, brackets (Markdown, e-mail `<…>`), and the
// punctuation that ends a sentence. None of them is a base64url character.
const LEADING_WRAPPERS = /^["'`“”„‘’‚«»‹›<([{*~]+/u;
const TRAILING_WRAPPERS = /["'`“”„‘’‚«»‹›>)\]}*~.,;:!?]+$/u;
const SHAPE = /^([A-Za-z])\.(.*)$/su;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/u;
const NOT_BASE64URL = /[^A-Za-z0-9_-]/u;

function assertValidDate(now: Date): void {
  if (Number.isNaN(now.getTime())) throw new RangeError('`now` must be a valid Date.');
}

const refuse = (
  reason: InviteErrorReason,
  detail: InviteErrorDetail = {},
): Extract<InviteParseResult, { ok: false }> => ({
  ok: false,
  reason,
  message: inviteErrorMessage(reason, detail),
  ...(detail.expiresAt ? { expiresAt: detail.expiresAt } : {}),
});

/**
 * The code inside pasted text: what follows `#/join/` in a link, or the text itself. Undefined
 * for a link to anywhere else.
 */
function extractCode(text: string): { code: string; fromLink: boolean } | undefined {
  const routeAt = text.lastIndexOf(INVITE_LINK_ROUTE);
  if (routeAt >= 0) {
    return { code: text.slice(routeAt + INVITE_LINK_ROUTE.length), fromLink: true };
  }
  if (URL_SCHEME.test(text) || text.includes('#')) return undefined;
  return { code: text, fromLink: false };
}

/**
 * Reads an invite from pasted text: a full link or a bare code, with any surrounding
 * whitespace, quotes, angle brackets or line breaks a chat app adds. Never throws on any input.
 *
 * Checks run cheapest and most helpful first: size, shape, kind letter, alphabet, length,
 * checksum, version, then time — so a typo is reported as a typo, never as "expired".
 */
export function parseInvite(input: string, now: Date = new Date()): InviteParseResult {
  assertValidDate(now);
  if (typeof input !== 'string') return refuse('not-invite');
  // Before any other work, so hostile or accidental megabytes cost nothing.
  if (input.length > MAX_INVITE_INPUT_CHARS) return refuse('too-long');

  const extracted = extractCode(input.replace(INVISIBLE, '').replace(LEADING_WRAPPERS, ''));
  if (extracted === undefined) return refuse('not-invite');
  const code = extracted.code.replace(TRAILING_WRAPPERS, '');
  if (code === '') {
    // A link that ends at `#/join/` lost its whole code.
    return extracted.fromLink
      ? refuse('wrong-length', { lengthDifference: -(INVITE_BODY_CHARS + 2) })
      : refuse('empty');
  }

  const shape = SHAPE.exec(code);
  if (!shape) return refuse('not-invite');
  // Phones capitalise the first letter of a message; the letter is not case-sensitive.
  const letter = (shape[1] as string).toLowerCase();
  const body = shape[2] as string;
  const kind = kindOfLetter(letter);
  if (kind === undefined) return refuse('unknown-kind', { letter });

  const badCharacter = NOT_BASE64URL.exec(body);
  if (badCharacter) return refuse('invalid-characters', { character: badCharacter[0] });

  if (body.length !== INVITE_BODY_CHARS) {
    const otherVersion = versionOfOtherFormat(body);
    if (otherVersion === OLD_INVITE_FORMAT_VERSION) return refuse('old-version');
    if (otherVersion !== undefined) return refuse('unsupported-version', { version: otherVersion });
    return refuse('wrong-length', { lengthDifference: body.length - INVITE_BODY_CHARS });
  }

  const payload = decodeBase64Url(body); // 80 alphabet characters always decode to 60 bytes
  if (!hasValidChecksum(payload)) return refuse('checksum-mismatch');
  const fields = unpackInvite(payload);
  if (fields.version === OLD_INVITE_FORMAT_VERSION) return refuse('old-version');
  if (fields.version !== INVITE_FORMAT_VERSION) {
    return refuse('unsupported-version', { version: fields.version });
  }
  const storedKind = kindOfLetter(fields.kindLetter);
  if (storedKind === undefined) return refuse('unknown-kind');
  // The letter outside and the byte inside disagree: the letter was mistyped.
  if (storedKind !== kind) return refuse('checksum-mismatch');

  const expiresAt = new Date(fields.expirySeconds * 1000);
  const remainingMs = expiresAt.getTime() - now.getTime();
  if (remainingMs <= 0) return refuse('expired', { expiresAt, now });
  if (remainingMs > INVITE_TTL_MS + INVITE_CLOCK_SKEW_MS) {
    return refuse('clock-skew', { expiresAt, now });
  }
  return {
    ok: true,
    invite: {
      version: INVITE_FORMAT_VERSION,
      kind,
      secret: fields.secret,
      expiresAt,
      inviterKeyHash: fields.inviterKeyHash,
    },
  };
}

/**
 * The version byte of a body that is not this version's length but is otherwise a well-formed
 * invite of some format (decodes, checksum holds); undefined for anything else, which is
 * then a truncated or padded code of this version.
 */
function versionOfOtherFormat(body: string): number | undefined {
  let payload: Uint8Array;
  try {
    payload = decodeBase64Url(body);
  } catch {
    return undefined;
  }
  if (payload.length === INVITE_PAYLOAD_BYTES || !hasValidChecksum(payload)) return undefined;
  const version = payload[0] as number;
  return version === INVITE_FORMAT_VERSION ? undefined : version;
}
