/**
 * Room names, room passwords and doc ids, derived from a secret exactly as DESIGN.md §3 says.
 * Other programs (the home peer, a plain y-webrtc client) derive the same strings, so nothing
 * here may change without a new salt: `test-vectors.json` pins every output.
 *
 *   roomName(secret, kind)     = "mull-" + kind + "-" + b64url(HKDF(secret, "room:" + kind, 16 bytes))
 *   roomPassword(secret, kind) = b64url(HKDF(secret, "password:" + kind, 32 bytes))
 *   docId(secret, kind)        = kind + "-" + b64url(HKDF(secret, "id:" + kind, 12 bytes))
 *
 * HKDF is SHA-256 with salt UTF-8 "mull/v1". Different info strings give independent outputs,
 * so the room name the signaling server sees tells it nothing about the password or the id.
 */
import { KeyError } from './errors';
import { assertSecret, encodeBase64Url } from './secret';

export const ROOM_KINDS = ['vault', 'conv', 'pair'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** The HKDF salt; the "v1" is the derivation's version, not the app's. */
export const HKDF_SALT = 'mull/v1';
/** 128 bits: enough that two rooms never share a name, short enough for logs and URLs. */
export const ROOM_NAME_BYTES = 16;
/** 256 bits: y-webrtc turns the password into its AES-GCM key with PBKDF2. */
export const ROOM_PASSWORD_BYTES = 32;
/** 96 bits: a local name for the doc (e.g. its IndexedDB database), unique per secret. */
export const DOC_ID_BYTES = 12;

const utf8 = new TextEncoder();

export const isRoomKind = (value: unknown): value is RoomKind =>
  typeof value === 'string' && (ROOM_KINDS as readonly string[]).includes(value);

function assertRoomKind(kind: unknown): asserts kind is RoomKind {
  if (!isRoomKind(kind)) {
    throw new KeyError(
      'invalid-kind',
      `Unknown room kind ${JSON.stringify(kind)}; expected one of ${ROOM_KINDS.join(', ')}.`,
    );
  }
}

/** HKDF-SHA-256(secret, salt "mull/v1", info) → `length` bytes. */
async function hkdf(secret: Uint8Array, info: string, length: number): Promise<Uint8Array> {
  // A copy: WebCrypto wants an ArrayBuffer-backed view from this realm.
  const key = await crypto.subtle.importKey('raw', new Uint8Array(secret), 'HKDF', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode(HKDF_SALT), info: utf8.encode(info) },
    key,
    length * 8,
  );
  return new Uint8Array(bits);
}

async function derive(
  secret: Uint8Array,
  kind: RoomKind,
  purpose: 'room' | 'password' | 'id',
  length: number,
): Promise<string> {
  // Checked here, not only in the types: secrets come from storage and peers.
  assertSecret(secret);
  assertRoomKind(kind);
  return encodeBase64Url(await hkdf(secret, `${purpose}:${kind}`, length));
}

/** The name the signaling server sees: `mull-<kind>-` and 22 base64url characters. */
export const roomName = async (secret: Uint8Array, kind: RoomKind): Promise<string> =>
  `mull-${kind}-${await derive(secret, kind, 'room', ROOM_NAME_BYTES)}`;

/** The y-webrtc room password (43 base64url characters). Never leaves the device. */
export const roomPassword = (secret: Uint8Array, kind: RoomKind): Promise<string> =>
  derive(secret, kind, 'password', ROOM_PASSWORD_BYTES);

/** A stable local id for the doc: `<kind>-` and 16 base64url characters. */
export const docId = async (secret: Uint8Array, kind: RoomKind): Promise<string> =>
  `${kind}-${await derive(secret, kind, 'id', DOC_ID_BYTES)}`;

export interface DerivedRoom {
  name: string;
  password: string;
  docId: string;
}

/** All three at once: what `new WebrtcProvider(name, doc, { password })` needs, plus the id. */
export async function deriveRoom(secret: Uint8Array, kind: RoomKind): Promise<DerivedRoom> {
  const [name, password, id] = await Promise.all([
    roomName(secret, kind),
    roomPassword(secret, kind),
    docId(secret, kind),
  ]);
  return { name, password, docId: id };
}
