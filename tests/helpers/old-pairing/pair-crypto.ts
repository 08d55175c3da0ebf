/**
 * SUPERSEDED — the pairing cryptography before issue 12 (commit f9a51fc), kept only so
 * tests/unit/sync/pairing-attacks.test.ts can show the attacks it allowed. Never import it from
 * src/. The current protocol is src/lib/sync/pair-crypto.ts.
 *
 * Changed from the original: only the import path.
 */
/**
 * The cryptography of one pairing: each side makes a throwaway ECDH P-256 key pair; the
 * inviter encrypts the grant (a vault or conversation secret) to the approved joiner's key
 * with AES-GCM, under a key bound to this invite's pairing secret by HKDF. Anyone else who
 * holds the invite and sits in the pairing room sees only ciphertext.
 *
 * A four-digit check code, from both public keys, lets a person confirm on both screens that
 * they are pairing the device in front of them.
 */
import { decodeBase64Url, encodeBase64Url } from '../../../src/lib/keys';

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const GRANT_INFO = new TextEncoder().encode('mull/v1 pair grant');
const IV_BYTES = 12;

export interface EphemeralKeys {
  keyPair: CryptoKeyPair;
  /** Raw uncompressed public key, base64url. */
  publicKey: string;
}

export async function createEphemeralKeys(): Promise<EphemeralKeys> {
  const keyPair = (await crypto.subtle.generateKey(CURVE, false, ['deriveBits'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  return { keyPair, publicKey: encodeBase64Url(raw) };
}

async function grantKey(
  own: CryptoKeyPair,
  theirPublicKey: string,
  pairingSecret: Uint8Array,
): Promise<CryptoKey> {
  const theirs = await crypto.subtle.importKey(
    'raw',
    decodeBase64Url(theirPublicKey) as BufferSource,
    CURVE,
    false,
    [],
  );
  const shared = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: theirs },
    own.privateKey,
    256,
  );
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: pairingSecret as BufferSource, info: GRANT_INFO },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealGrant(
  own: CryptoKeyPair,
  theirPublicKey: string,
  pairingSecret: Uint8Array,
  payload: unknown,
): Promise<{ iv: string; data: string }> {
  const key = await grantKey(own, theirPublicKey, pairingSecret);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(payload));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return { iv: encodeBase64Url(iv), data: encodeBase64Url(data) };
}

/** Throws if the grant was not sealed for these keys (or was tampered with). */
export async function openGrant(
  own: CryptoKeyPair,
  theirPublicKey: string,
  pairingSecret: Uint8Array,
  sealed: { iv: string; data: string },
): Promise<unknown> {
  const key = await grantKey(own, theirPublicKey, pairingSecret);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: decodeBase64Url(sealed.iv) as BufferSource },
    key,
    decodeBase64Url(sealed.data) as BufferSource,
  );
  return JSON.parse(new TextDecoder().decode(plain)) as unknown;
}

/** Four digits both screens show; the same whichever side computes it. */
export async function checkCode(
  inviterPublicKey: string,
  joinerPublicKey: string,
): Promise<string> {
  const bytes = new TextEncoder().encode(`${inviterPublicKey}|${joinerPublicKey}`);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const n =
    ((hash[0] ?? 0) << 24) | ((hash[1] ?? 0) << 16) | ((hash[2] ?? 0) << 8) | (hash[3] ?? 0);
  return String((n >>> 0) % 10_000).padStart(4, '0');
}
