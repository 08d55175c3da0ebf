/**
 * The cryptography of one pairing (protocol: ./pairing.ts; reasoning: DESIGN.md §3).
 *
 * - The inviter makes a throwaway ECDSA P-256 key pair before the invite exists; the invite
 *   carries `inviterKeyHash` of its public key (144 bits), so a joiner trusts that key alone.
 *   Everything the inviter writes into the pair room is signed with it (`signField`).
 * - The joiner makes a throwaway ECDH P-256 key pair and a 32-byte nonce, and first publishes
 *   only a `commitment` to them (and to its name and details). It reveals them after the
 *   inviter has published a nonce of its own.
 * - Both sides compute the six-digit `shortCode` from the whole transcript: both keys, both
 *   nonces, the joiner's id, name and details. A third party who wants its own request to
 *   show the honest joiner's code must commit before it sees the inviter's nonce, so it gets
 *   one guess in a million per request, and an invite takes at most three requests.
 * - The grant is sealed to the joiner's revealed key (ECDH with a fresh ephemeral key, HKDF
 *   with the pairing secret as salt and the transcript hash as context, AES-GCM with the
 *   transcript hash as associated data) and signed by the inviter.
 */
import { decodeBase64Url, encodeBase64Url, INVITE_KEY_HASH_BYTES } from '../keys';

const SIGNING = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNATURE = { name: 'ECDSA', hash: 'SHA-256' } as const;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const IV_BYTES = 12;
const NONCE_BYTES = 32;
const utf8 = new TextEncoder();

const LABEL = {
  keyHash: 'mull/v2 pair key',
  field: 'mull/v2 pair field',
  commit: 'mull/v2 pair commit',
  transcript: 'mull/v2 pair transcript',
  code: 'mull/v2 pair code',
  grant: 'mull/v2 pair grant',
} as const;

async function sha256(...parts: (string | Uint8Array)[]): Promise<Uint8Array> {
  // Each part is length-prefixed, so no two different lists hash the same bytes.
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8.encode(p) : p));
  const total = chunks.reduce((n, c) => n + 4 + c.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const chunk of chunks) {
    view.setUint32(at, chunk.length);
    bytes.set(chunk, at + 4);
    at += 4 + chunk.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

const randomText = (bytes: number): string =>
  encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));

/** A fresh 32-byte nonce, base64url. */
export const createNonce = (): string => randomText(NONCE_BYTES);

// ——— The inviter's key ———

export interface InviterKeys {
  signing: CryptoKeyPair;
  /** Raw uncompressed public key, base64url. */
  publicKey: string;
  /** What the invite carries: the first 18 bytes of a hash of `publicKey`. */
  keyHash: Uint8Array;
}

export async function createInviterKeys(): Promise<InviterKeys> {
  const signing = (await crypto.subtle.generateKey(SIGNING, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', signing.publicKey));
  const publicKey = encodeBase64Url(raw);
  return { signing, publicKey, keyHash: await inviterKeyHash(publicKey) };
}

/** The invite's pin of an inviter's public key (base64url raw P-256). */
export async function inviterKeyHash(publicKey: string): Promise<Uint8Array> {
  const hash = await sha256(LABEL.keyHash, publicKey);
  return hash.slice(0, INVITE_KEY_HASH_BYTES);
}

/** True when `publicKey` is the one `hash` pins (compared in full, never early-out by byte). */
export async function matchesKeyHash(publicKey: string, hash: Uint8Array): Promise<boolean> {
  const actual = await inviterKeyHash(publicKey);
  if (actual.length !== hash.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= (actual[i] ?? 0) ^ (hash[i] ?? 0);
  return difference === 0;
}

/**
 * A value the inviter writes under `field` of the pair map: the JSON text of `body`, and a
 * signature over the field's name and that text (so a signed value cannot be moved to another
 * field, such as another joiner's grant).
 */
export interface SignedValue {
  body: string;
  sig: string;
}

export async function signField(
  keys: InviterKeys,
  field: string,
  body: unknown,
): Promise<SignedValue> {
  const text = JSON.stringify(body);
  const signature = await crypto.subtle.sign(
    SIGNATURE,
    keys.signing.privateKey,
    utf8.encode(`${LABEL.field}|${field}|${text}`),
  );
  return { body: text, sig: encodeBase64Url(new Uint8Array(signature)) };
}

/** The parsed body when `value` is `field` signed by `publicKey`, otherwise undefined. */
export async function openField(
  publicKey: string,
  field: string,
  value: SignedValue,
): Promise<unknown> {
  try {
    const key = await crypto.subtle.importKey(
      'raw',
      decodeBase64Url(publicKey) as BufferSource,
      SIGNING,
      false,
      ['verify'],
    );
    const valid = await crypto.subtle.verify(
      SIGNATURE,
      key,
      decodeBase64Url(value.sig) as BufferSource,
      utf8.encode(`${LABEL.field}|${field}|${value.body}`),
    );
    return valid ? (JSON.parse(value.body) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

// ——— The joiner's key and commitment ———

export interface JoinerKeys {
  keyPair: CryptoKeyPair;
  /** Raw uncompressed ECDH public key, base64url. */
  publicKey: string;
  nonce: string;
}

export async function createJoinerKeys(): Promise<JoinerKeys> {
  const keyPair = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  return { keyPair, publicKey: encodeBase64Url(raw), nonce: createNonce() };
}

/** What a joiner says about itself in its request: shown to the inviter, bound by the code. */
export interface JoinerClaim {
  joinerId: string;
  name: string;
  info: Record<string, string>;
}

const claimText = (claim: JoinerClaim): string =>
  JSON.stringify([
    claim.joinerId,
    claim.name,
    Object.entries(claim.info).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);

/** The joiner's commitment to its key and nonce (and what it claims), base64url. */
export async function commitment(
  claim: JoinerClaim,
  joinerKey: string,
  joinerNonce: string,
): Promise<string> {
  return encodeBase64Url(await sha256(LABEL.commit, claimText(claim), joinerKey, joinerNonce));
}

/** Everything both codes are computed from; each side fills it from what it actually used. */
export interface Transcript extends JoinerClaim {
  inviterKey: string;
  inviterNonce: string;
  joinerKey: string;
  joinerNonce: string;
}

export const transcriptHash = (t: Transcript): Promise<Uint8Array> =>
  sha256(LABEL.transcript, claimText(t), t.inviterKey, t.inviterNonce, t.joinerKey, t.joinerNonce);

/** Six digits both screens show ("482193"); `formatCode` (./pair-code.ts) spaces them. */
export async function shortCode(t: Transcript): Promise<string> {
  const hash = await sha256(LABEL.code, await transcriptHash(t));
  const n = new DataView(hash.buffer).getUint32(0);
  // 2^32 mod 10^6 leaves a bias of under 0.03 %: immaterial for one guess.
  return String(n % 1_000_000).padStart(6, '0');
}

// ——— The grant ———

export interface SealedGrant {
  /** The inviter's fresh ECDH public key for this grant, base64url. */
  ephemeralKey: string;
  iv: string;
  data: string;
}

async function importEcdh(publicKey: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    decodeBase64Url(publicKey) as BufferSource,
    ECDH,
    false,
    [],
  );
}

/**
 * The grant's AES key and two tokens only its opener can show: one to say it was taken
 * (`ack`), one to say its person refused it (`refusal`).
 */
async function grantKeys(
  own: CryptoKey,
  theirPublicKey: string,
  pairingSecret: Uint8Array,
  transcript: Uint8Array,
): Promise<{ key: CryptoKey; ack: string; refusal: string }> {
  const shared = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: await importEcdh(theirPublicKey) },
    own,
    256,
  );
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
  const info = new Uint8Array([...utf8.encode(LABEL.grant), ...transcript]);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: pairingSecret as BufferSource, info },
      hkdf,
      768,
    ),
  );
  const key = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return {
    key,
    ack: encodeBase64Url(bits.slice(32, 64)),
    refusal: encodeBase64Url(bits.slice(64, 96)),
  };
}

/**
 * Seals `payload` to the joiner key of `transcript`. Returns the sealed grant, and the tokens
 * only that joiner can send back to show it opened it (`ack`) or refused it (`refusal`).
 */
export async function sealGrant(
  transcript: Transcript,
  pairingSecret: Uint8Array,
  payload: unknown,
): Promise<{ sealed: SealedGrant; ack: string; refusal: string }> {
  const ephemeral = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const hash = await transcriptHash(transcript);
  const { key, ack, refusal } = await grantKeys(
    ephemeral.privateKey,
    transcript.joinerKey,
    pairingSecret,
    hash,
  );
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: hash as BufferSource },
      key,
      utf8.encode(JSON.stringify(payload)),
    ),
  );
  const ephemeralKey = encodeBase64Url(
    new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey)),
  );
  return {
    sealed: { ephemeralKey, iv: encodeBase64Url(iv), data: encodeBase64Url(data) },
    ack,
    refusal,
  };
}

/** Opens a grant sealed to `joiner`; throws unless it was sealed for exactly this transcript. */
export async function openGrant(
  joiner: JoinerKeys,
  transcript: Transcript,
  pairingSecret: Uint8Array,
  sealed: SealedGrant,
): Promise<{ payload: unknown; ack: string; refusal: string }> {
  const hash = await transcriptHash(transcript);
  const { key, ack, refusal } = await grantKeys(
    joiner.keyPair.privateKey,
    sealed.ephemeralKey,
    pairingSecret,
    hash,
  );
  const plain = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: decodeBase64Url(sealed.iv) as BufferSource,
      additionalData: hash as BufferSource,
    },
    key,
    decodeBase64Url(sealed.data) as BufferSource,
  );
  return { payload: JSON.parse(new TextDecoder().decode(plain)) as unknown, ack, refusal };
}
