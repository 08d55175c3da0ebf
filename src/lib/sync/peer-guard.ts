/**
 * The checks every byte from a peer passes before y-webrtc, and so Yjs, sees it (DESIGN.md §4,
 * invariant 4). Yjs trusts its input: a crafted update can make it throw halfway through
 * applying (what was applied by then is kept, and stored), leave a struct waiting that trips
 * up later updates, or nest values until its recursive coder overflows the stack (and
 * yjs#479, yjs#687 show decoders that hang or eat memory). A vault room holds only this
 * person's own devices, but a conversation room holds a contact and a pairing room anyone
 * with the invite, and any of them may run a modified client. So, per connection:
 *
 *   frame ──▶ size cap ──▶ part of a larger message? ──▶ reassemble (capped) ──▶ whole message
 *   whole message ──▶ y-webrtc type? ──▶ sync step 1: state vector decodes
 *                                    ──▶ sync step 2 / update: update decodes, and its
 *                                        references are ones Yjs can integrate
 *                                    ──▶ awareness: ignored (Mull publishes no presence)
 *                                    ──▶ anything else: violation
 *
 * A violation means: the message is dropped, untouched by any doc, and the caller closes that
 * connection (the peer may reconnect through signaling and start clean).
 *
 * It also carries Mull's one addition to y-webrtc's wire format: a message larger than one
 * data-channel message is sent in parts (`splitMessage`). Chromium refuses to send any
 * data-channel message over 256 KiB, and y-webrtc sends a newcomer the whole missing document
 * as one message and swallows the error, so without parts a vault past a few hundred entries
 * never reaches a newly paired device. Parts travel in order (data channels are reliable and
 * ordered), so reassembly needs no ids or reordering.
 *
 * Signaling payloads are checked here too (`checkSignalPayload`): y-webrtc decrypts and acts on
 * them with no checks, so malformed ones from anyone who can publish to the room's topic (the
 * signaling operator included) end up as uncaught exceptions — enough to stop a Node peer.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { RoomKind } from '../keys';

/** y-webrtc's message types (y-webrtc.js), and Mull's own for one part of a larger message. */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  queryAwareness: 3,
  /** Only ever meant for BroadcastChannel between tabs; see `checkWholeMessage`. */
  bcPeerId: 4,
  part: 77,
} as const;

/** y-protocols' sync message types (y-protocols/sync.js). */
const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/**
 * Payload bytes per part. 16 KiB is the size every browser pair has always carried in one
 * data-channel message (Firefox ↔ Chrome included), and small enough that a large sync never
 * holds up a keystroke's update behind it for long.
 */
export const PART_BYTES = 16 * 1024;

/**
 * The largest single data-channel message accepted: Chromium's own limit for sending (its SCTP
 * max-message-size), so no browser peer can send more in one message anyway. Mull peers send
 * at most PART_BYTES plus a small header; stock y-webrtc peers up to this.
 */
export const MAX_PEER_FRAME_BYTES = 256 * 1024;

/**
 * The largest whole message (a reassembled one) per kind of room, sized to the largest document
 * the room legitimately holds, because a newcomer receives the whole document as one message:
 *
 * - vault: 64 MiB, the largest import (`MAX_IMPORT_BYTES`) with room to spare; ten years of
 *   daily writing (3,650 entries of ~1,000 characters) is about 5.5 MB. Only this person's
 *   devices hold the vault's keys.
 * - conv: 16 MiB; a conversation holds only sent messages (each at most 20,000 characters).
 * - pair: 256 KiB; a pairing doc holds a few keys, names and one sealed grant.
 */
export const MAX_PEER_MESSAGE_BYTES: Readonly<Record<RoomKind, number>> = {
  vault: 64 * 1024 * 1024,
  conv: 16 * 1024 * 1024,
  pair: 256 * 1024,
};

/**
 * Longest signaling `data` accepted, in base64 characters. An encrypted offer or answer (SDP) is
 * a few KB; a candidate a few hundred bytes.
 */
export const MAX_SIGNAL_DATA_CHARS = 64 * 1024;
/**
 * How deep a value inside a Yjs update (a map value, an array element) may nest. Mull's own
 * values nest at most four levels (network settings); Yjs encodes and decodes such values
 * recursively, and a few thousand levels overflow the stack — in applying, in storing, or in
 * any JSON.stringify of the document — depending on how deep the call stack already is.
 */
export const MAX_VALUE_DEPTH = 32;

/** Peer ids y-webrtc makes are UUIDs (36 characters). */
const MAX_PEER_ID_CHARS = 128;

export type PeerViolation =
  | 'not-binary'
  | 'frame-too-large'
  | 'message-too-large'
  | 'bad-part'
  | 'unknown-type'
  | 'broadcast-only'
  | 'malformed-sync'
  | 'malformed-update'
  | 'subdocument'
  | 'too-deep'
  | 'odd-prototype'
  | 'forward-reference'
  | 'handler-threw';

export type GuardVerdict =
  /** Hand `message` to y-webrtc. */
  | { action: 'deliver'; message: Uint8Array }
  /** One part of a larger message: nothing to hand on yet. */
  | { action: 'wait' }
  /** Harmless and of no use to Mull (awareness, an empty message): dropped, peer kept. */
  | { action: 'ignore' }
  /** Dropped; close the connection. */
  | { action: 'close'; reason: PeerViolation };

const close = (reason: PeerViolation): GuardVerdict => ({ action: 'close', reason });

const isBytes = (data: unknown): data is Uint8Array => data instanceof Uint8Array;

/**
 * The data-channel messages that carry `message`: itself when it fits in one part, otherwise
 * parts of `[MESSAGE.part, total length, offset, payload]`, in order.
 */
export function splitMessage(message: Uint8Array, partBytes = PART_BYTES): Uint8Array[] {
  if (message.length <= partBytes) return [message];
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < message.length; offset += partBytes) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.part);
    encoding.writeVarUint(encoder, message.length);
    encoding.writeVarUint(encoder, offset);
    encoding.writeUint8Array(encoder, message.subarray(offset, offset + partBytes));
    parts.push(encoding.toUint8Array(encoder));
  }
  return parts;
}

/** Reads what comes after the type: the rest must be exactly one var-length byte array. */
function readOnlyBytes(decoder: decoding.Decoder): Uint8Array | null {
  try {
    const bytes = decoding.readVarUint8Array(decoder);
    return decoding.hasContent(decoder) ? null : bytes;
  } catch {
    return null;
  }
}

const isId = (value: unknown): value is Y.ID =>
  typeof value === 'object' && value !== null && 'client' in value && 'clock' in value;

/**
 * Whether `update` (Yjs v1 encoding, as y-protocols sends) can be applied without
 * Yjs failing halfway: it must decode completely (structs and delete set — Yjs applies structs
 * before it reads the delete set), and every reference must be one a real client could write:
 *
 * - an item's origin, right origin and parent were written before it, so one by the same
 *   client has a lower clock. No real client writes a "reference to the future"; Yjs keeps
 *   such an item among its pending structs for good, and it makes that client's later real
 *   updates throw when they arrive (y-protocols swallows the error; a peer could do this in
 *   the name of any of the person's devices).
 * - no subdocuments: Mull uses none, and decoding one builds a Y.Doc from peer-chosen options.
 * - no value nested deeper than MAX_VALUE_DEPTH.
 * - no object with a prototype of its own. lib0 decodes an object with `obj[key] = value`, so
 *   a key named "__proto__" sets the prototype instead of a field; with a byte array there,
 *   the value passes `instanceof Uint8Array` without being one, and every later encoding of
 *   the document throws — the peer could stop my copy from being saved or synced again.
 *
 * (A reference to an item that is not a type needs no check: Yjs drops such a child, as it
 * must for a child of a deleted, garbage-collected type. The convergence tests pass every
 * message of thousands of seeded schedules through this guard, so a check that refused real
 * traffic would show there.)
 *
 * Linear in the size of the update; it allocates about what applying it would.
 */
export function checkUpdate(update: Uint8Array): PeerViolation | null {
  let structs: (Y.Item | Y.GC | Y.Skip)[];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return 'malformed-update';
  }
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    if (s.content instanceof Y.ContentDoc) return 'subdocument';
    const valueProblem = checkValues(valuesOf(s.content));
    if (valueProblem) return valueProblem;
    const parent = isId(s.parent) ? s.parent : null;
    for (const ref of [s.origin, s.rightOrigin, parent]) {
      if (ref && ref.client === s.id.client && ref.clock >= s.id.clock) return 'forward-reference';
    }
  }
  return null;
}

/** The plain values an item's content holds (none for text, types and deletions). */
function valuesOf(content: Y.Item['content']): unknown[] {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr;
  if (content instanceof Y.ContentEmbed) return [content.embed];
  if (content instanceof Y.ContentFormat) return [content.value];
  return [];
}

/**
 * Whether any value nests deeper than MAX_VALUE_DEPTH, or is an object whose prototype is
 * not a plain object's or an array's (walked without recursion).
 */
function checkValues(values: unknown[]): 'too-deep' | 'odd-prototype' | null {
  const stack: [unknown, number][] = values.map((v) => [v, 1]);
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    // isView, not instanceof: it asks for a real byte array, not an object pretending.
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue;
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== Array.prototype) return 'odd-prototype';
    if (depth > MAX_VALUE_DEPTH) return 'too-deep';
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}

/** Checks one whole (reassembled) y-webrtc message. */
export function checkWholeMessage(message: Uint8Array): GuardVerdict {
  if (message.length === 0) return { action: 'ignore' };
  const decoder = decoding.createDecoder(message);
  let type: number;
  try {
    type = decoding.readVarUint(decoder);
  } catch {
    return close('unknown-type');
  }
  switch (type) {
    case MESSAGE.sync:
      return checkSync(message, decoder);
    case MESSAGE.awareness:
    case MESSAGE.queryAwareness:
      // Mull never publishes presence; a stock y-webrtc client may still send its own.
      return { action: 'ignore' };
    case MESSAGE.bcPeerId:
      // Meant for tabs of one browser. From a peer it would make y-webrtc ignore the signaling
      // of any peer it names — a way to keep this device from meeting its other devices.
      return close('broadcast-only');
    default:
      return close('unknown-type');
  }
}

function checkSync(message: Uint8Array, decoder: decoding.Decoder): GuardVerdict {
  let syncType: number;
  try {
    syncType = decoding.readVarUint(decoder);
  } catch {
    return close('malformed-sync');
  }
  const payload = readOnlyBytes(decoder);
  if (!payload) return close('malformed-sync');
  if (syncType === SYNC.step1) {
    try {
      Y.decodeStateVector(payload);
    } catch {
      return close('malformed-sync');
    }
    return { action: 'deliver', message };
  }
  if (syncType === SYNC.step2 || syncType === SYNC.update) {
    const problem = checkUpdate(payload);
    return problem ? close(problem) : { action: 'deliver', message };
  }
  return close('malformed-sync');
}

/**
 * One connection's guard: feed it every data-channel message in the order they arrived. It
 * keeps the parts of at most one message (parts arrive in order, one message after another).
 */
export class PeerGuard {
  readonly #maxMessageBytes: number;
  #parts: Uint8Array[] = [];
  #received = 0;
  #expected = 0;

  constructor(kind: RoomKind) {
    this.#maxMessageBytes = MAX_PEER_MESSAGE_BYTES[kind];
  }

  check(frame: unknown): GuardVerdict {
    if (!isBytes(frame)) return close('not-binary');
    if (frame.length > MAX_PEER_FRAME_BYTES) return close('frame-too-large');
    if (frame.length > 0 && frame[0] === MESSAGE.part) return this.#addPart(frame);
    // A whole message while parts are still missing: the sender lost track.
    if (this.#expected > 0) return close('bad-part');
    return this.#checkWhole(frame);
  }

  #checkWhole(message: Uint8Array): GuardVerdict {
    if (message.length > this.#maxMessageBytes) return close('message-too-large');
    return checkWholeMessage(message);
  }

  #addPart(frame: Uint8Array): GuardVerdict {
    let total: number;
    let offset: number;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder); // MESSAGE.part
      total = decoding.readVarUint(decoder);
      offset = decoding.readVarUint(decoder);
      payload = decoding.readTailAsUint8Array(decoder);
    } catch {
      return close('bad-part');
    }
    if (total > this.#maxMessageBytes) return close('message-too-large');
    const first = offset === 0 && this.#expected === 0;
    const next = this.#expected === total && offset === this.#received;
    if (!(first || next) || payload.length === 0 || offset + payload.length > total) {
      return close('bad-part');
    }
    this.#expected = total;
    this.#parts.push(payload);
    this.#received += payload.length;
    if (this.#received < total) return { action: 'wait' };
    const message = new Uint8Array(total);
    let at = 0;
    for (const part of this.#parts) {
      message.set(part, at);
      at += part.length;
    }
    this.#parts = [];
    this.#received = 0;
    this.#expected = 0;
    // A part inside a part is not something Mull sends.
    if (message[0] === MESSAGE.part) return close('bad-part');
    return this.#checkWhole(message);
  }
}

/**
 * A decrypted signaling payload (y-webrtc's `{ type, from, to?, token?, signal? }`) that
 * y-webrtc and simple-peer can act on without throwing: only the shapes they send themselves.
 * `hasConnection(from)` says whether this device has a connection to that peer (y-webrtc
 * crashes on an answer to an offer it never made). Mull uses no media, so requests to
 * renegotiate or add transceivers are refused too.
 */
export function checkSignalPayload(
  payload: unknown,
  hasConnection: (peerId: string) => boolean,
): boolean {
  if (!isRecord(payload)) return false;
  const { type, from, to, token, signal } = payload;
  if (!isPeerId(from)) return false;
  if (type === 'announce') return to === undefined || isPeerId(to);
  if (type !== 'signal' || !isPeerId(to) || !isRecord(signal)) return false;
  if (token !== undefined && typeof token !== 'number') return false;
  switch (signal.type) {
    case 'offer':
      return isText(signal.sdp, MAX_SDP_CHARS);
    case 'answer':
      return isText(signal.sdp, MAX_SDP_CHARS) && hasConnection(from);
    case 'candidate':
      return isCandidate(signal.candidate);
    default:
      return false;
  }
}

/** An SDP of a data-channel-only connection is a few KB. */
const MAX_SDP_CHARS = 32 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isPeerId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_PEER_ID_CHARS;

/** What RTCIceCandidate's constructor accepts: it throws without sdpMid or sdpMLineIndex. */
function isCandidate(v: unknown): boolean {
  if (!isRecord(v) || !isText(v.candidate, 1024)) return false;
  const { sdpMid, sdpMLineIndex } = v;
  const mid = sdpMid === undefined || sdpMid === null ? null : sdpMid;
  const index = sdpMLineIndex === undefined || sdpMLineIndex === null ? null : sdpMLineIndex;
  if (mid === null && index === null) return false;
  if (mid !== null && !isText(mid, 64)) return false;
  return (
    index === null ||
    (Number.isInteger(index) && (index as number) >= 0 && (index as number) < 65536)
  );
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Opens y-webrtc's signaling envelope (`varString 'AES-GCM', varBytes iv, varBytes cipher`,
 * base64) with the room's key and decodes the payload, or returns undefined for anything that
 * is not exactly that — y-webrtc itself would throw, or reject a promise nobody holds.
 */
export async function openSignalData(data: unknown, key: CryptoKey): Promise<unknown> {
  if (typeof data !== 'string' || data.length > MAX_SIGNAL_DATA_CHARS) return undefined;
  if (data.length % 4 !== 0 || !BASE64.test(data)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarString(decoder) !== 'AES-GCM') return undefined;
    const iv = decoding.readVarUint8Array(decoder);
    const cipher = decoding.readVarUint8Array(decoder);
    if (iv.length !== 12 || decoding.hasContent(decoder)) return undefined;
    const plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: iv as BufferSource },
        key,
        cipher as BufferSource,
      ),
    );
    const payloadDecoder = decoding.createDecoder(plain);
    const payload = decoding.readAny(payloadDecoder);
    return decoding.hasContent(payloadDecoder) ? undefined : payload;
  } catch {
    return undefined;
  }
}
