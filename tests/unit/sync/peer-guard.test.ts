import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  checkSignalPayload,
  checkUpdate,
  MAX_PEER_FRAME_BYTES,
  MAX_PEER_MESSAGE_BYTES,
  MAX_VALUE_DEPTH,
  MESSAGE,
  openSignalData,
  PART_BYTES,
  PeerGuard,
  splitMessage,
  type GuardVerdict,
} from '../../../src/lib/sync/peer-guard';
import { createPrng } from '../../helpers/prng';

const message = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const sync = (write: (e: encoding.Encoder) => void): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    write(e);
  });

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

const step1 = (doc: Y.Doc) => sync((e) => syncProtocol.writeSyncStep1(e, doc));
const step2 = (doc: Y.Doc) => sync((e) => syncProtocol.writeSyncStep2(e, doc));
const update = (bytes: Uint8Array) => sync((e) => syncProtocol.writeUpdate(e, bytes));

/** Feeds frames in order; returns the last verdict. */
function feed(guard: PeerGuard, frames: Uint8Array[]): GuardVerdict {
  let verdict: GuardVerdict = { action: 'wait' };
  for (const frame of frames) verdict = guard.check(frame);
  return verdict;
}

const closeReason = (v: GuardVerdict) => (v.action === 'close' ? v.reason : v.action);

/** A v1 update of one string item whose left origin is `originClock` of its own client. */
function itemWithOrigin(client: number, clock: number, originClock: number): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, 1); // clients
    encoding.writeVarUint(e, 1); // structs
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeUint8(e, 0x80 | 4); // has origin; ContentString
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, originClock);
    encoding.writeVarString(e, 'x');
    encoding.writeVarUint(e, 0); // empty delete set
  });
}

describe('peer guard: what passes', () => {
  it('hands on sync step 1, step 2 and updates exactly as they came', () => {
    const doc = docWithText('hello');
    const guard = new PeerGuard('vault');
    for (const m of [step1(doc), step2(doc), update(Y.encodeStateAsUpdate(doc))]) {
      expect(guard.check(m)).toEqual({ action: 'deliver', message: m });
    }
  });

  it('ignores awareness, awareness queries and empty messages without closing', () => {
    const guard = new PeerGuard('conv');
    expect(guard.check(message((e) => encoding.writeVarUint(e, MESSAGE.awareness)))).toEqual({
      action: 'ignore',
    });
    expect(guard.check(Uint8Array.of(MESSAGE.queryAwareness))).toEqual({ action: 'ignore' });
    expect(guard.check(new Uint8Array(0))).toEqual({ action: 'ignore' });
  });

  it('reassembles a message sent in parts into the very same bytes', () => {
    const doc = docWithText('x'.repeat(3 * PART_BYTES + 123));
    const whole = step2(doc);
    const parts = splitMessage(whole);
    expect(parts.length).toBe(4);
    expect(parts.every((p) => p.length <= PART_BYTES + 16)).toBe(true);
    const guard = new PeerGuard('vault');
    expect(parts.slice(0, -1).map((p) => guard.check(p).action)).toEqual(['wait', 'wait', 'wait']);
    expect(guard.check(parts.at(-1)!)).toEqual({ action: 'deliver', message: whole });
    // …and is ready for the next message.
    expect(guard.check(step1(doc)).action).toBe('deliver');
  });

  it('sends a message that fits in one part as it is', () => {
    const small = step1(docWithText('hi'));
    expect(splitMessage(small)).toEqual([small]);
  });
});

describe('peer guard: what closes the connection', () => {
  it('refuses text frames and frames larger than any browser sends', () => {
    expect(closeReason(new PeerGuard('vault').check('hello'))).toBe('not-binary');
    const big = new Uint8Array(MAX_PEER_FRAME_BYTES + 1);
    expect(closeReason(new PeerGuard('vault').check(big))).toBe('frame-too-large');
  });

  it('refuses a message over the room’s cap as soon as its first part announces it', () => {
    const guard = new PeerGuard('pair');
    const header = message((e) => {
      encoding.writeVarUint(e, MESSAGE.part);
      encoding.writeVarUint(e, MAX_PEER_MESSAGE_BYTES.pair + 1);
      encoding.writeVarUint(e, 0);
      encoding.writeUint8(e, 0);
    });
    expect(closeReason(guard.check(header))).toBe('message-too-large');
  });

  it('has a cap per kind of room, smallest for pairing', () => {
    expect(MAX_PEER_MESSAGE_BYTES.pair).toBeLessThan(MAX_PEER_MESSAGE_BYTES.conv);
    expect(MAX_PEER_MESSAGE_BYTES.conv).toBeLessThan(MAX_PEER_MESSAGE_BYTES.vault);
  });

  it('refuses parts out of order, repeated, overlapping or interrupted', () => {
    const parts = splitMessage(step2(docWithText('y'.repeat(2 * PART_BYTES + 5))));
    const [a, b, c] = parts as [Uint8Array, Uint8Array, Uint8Array];
    expect(closeReason(feed(new PeerGuard('vault'), [b]))).toBe('bad-part');
    expect(closeReason(feed(new PeerGuard('vault'), [a, c]))).toBe('bad-part');
    expect(closeReason(feed(new PeerGuard('vault'), [a, a]))).toBe('bad-part');
    expect(closeReason(feed(new PeerGuard('vault'), [a, step1(new Y.Doc())]))).toBe('bad-part');
    // A part inside a part.
    const nested = splitMessage(
      message((e) => encoding.writeUint8Array(e, new Uint8Array(PART_BYTES + 1).fill(77))),
    );
    expect(closeReason(feed(new PeerGuard('vault'), nested))).toBe('bad-part');
  });

  it('refuses message types Mull does not use, and BroadcastChannel-only ones', () => {
    expect(closeReason(new PeerGuard('vault').check(Uint8Array.of(9)))).toBe('unknown-type');
    expect(closeReason(new PeerGuard('vault').check(Uint8Array.of(0xff)))).toBe('unknown-type');
    const bcPeer = message((e) => {
      encoding.writeVarUint(e, MESSAGE.bcPeerId);
      encoding.writeUint8(e, 1);
      encoding.writeVarString(e, 'another-peer-id');
    });
    expect(closeReason(new PeerGuard('vault').check(bcPeer))).toBe('broadcast-only');
  });

  it('refuses sync messages that are cut short, padded or of an unknown kind', () => {
    const good = step2(docWithText('abc'));
    const cases = [
      good.subarray(0, good.length - 1),
      Uint8Array.of(...good, 0),
      sync((e) => encoding.writeVarUint(e, 7)),
      sync((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, Uint8Array.of(5, 1)); // a state vector cut short
      }),
    ];
    for (const m of cases)
      expect(closeReason(new PeerGuard('vault').check(m))).toBe('malformed-sync');
  });

  it('refuses an update cut short in its delete set, which Yjs would apply halfway', () => {
    const doc = docWithText('hello world');
    const before = Y.encodeStateAsUpdate(doc);
    let change: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (change = u));
    doc.transact(() => {
      doc.getText('t').insert(0, 'new ');
      doc.getText('t').delete(6, 3);
    });
    const truncated = change!.subarray(0, change!.length - 1);

    const victim = new Y.Doc();
    Y.applyUpdate(victim, before);
    expect(() => Y.applyUpdate(victim, truncated)).toThrow();
    expect(victim.getText('t').toString()).toBe('new hello world'); // half applied

    expect(checkUpdate(truncated)).toBe('malformed-update');
    expect(closeReason(new PeerGuard('vault').check(update(truncated)))).toBe('malformed-update');
  });

  it('refuses an item that refers to its own client’s future', () => {
    expect(checkUpdate(itemWithOrigin(1234, 8, 20))).toBe('forward-reference');
    expect(checkUpdate(itemWithOrigin(1234, 8, 8))).toBe('forward-reference');
    expect(checkUpdate(itemWithOrigin(1234, 8, 7))).toBeNull();
  });

  it('refuses values nested deeper than MAX_VALUE_DEPTH, and takes Mull’s own', () => {
    const nested = (depth: number): unknown => {
      let v: unknown = 'x';
      for (let i = 0; i < depth; i++) v = [v];
      return v;
    };
    const withValue = (value: unknown): Uint8Array => {
      const doc = new Y.Doc();
      doc.getMap('settings').set('v', value as never);
      return Y.encodeStateAsUpdate(doc);
    };
    expect(checkUpdate(withValue(nested(MAX_VALUE_DEPTH)))).toBeNull();
    expect(checkUpdate(withValue(nested(MAX_VALUE_DEPTH + 1)))).toBe('too-deep');
    const network = { signaling: ['wss://a/signal'], iceServers: [{ urls: 'stun:b:3478' }] };
    expect(checkUpdate(withValue(network))).toBeNull();
  });

  it('refuses an object whose "__proto__" field would become its prototype', () => {
    const withField = (value: unknown): Uint8Array => {
      const poison = { id: 'p' };
      Object.defineProperty(poison, '__proto__', { value, enumerable: true });
      const doc = new Y.Doc();
      doc.getMap('messages').set('p', poison as never);
      return Y.encodeStateAsUpdate(doc);
    };
    expect(checkUpdate(withField(new Uint8Array(4)))).toBe('odd-prototype');
    expect(checkUpdate(withField({ text: 'from the prototype' }))).toBe('odd-prototype');
    expect(checkUpdate(withField([1, 2]))).toBe('odd-prototype');
    // A "__proto__" that is not an object cannot become a prototype: harmless, let through.
    expect(checkUpdate(withField('just text'))).toBeNull();
    const bytes = new Y.Doc();
    bytes.getMap('m').set('b', new Uint8Array([1, 2, 3]));
    expect(checkUpdate(Y.encodeStateAsUpdate(bytes))).toBeNull();
  });

  it('refuses subdocuments', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('sub', new Y.Doc());
    expect(checkUpdate(Y.encodeStateAsUpdate(doc))).toBe('subdocument');
  });

  it('passes every update of a busy document, and random bytes never throw', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const rnd = createPrng(11);
    const text = doc.getText('t');
    const map = doc.getMap<unknown>('m');
    for (let i = 0; i < 300; i++) {
      if (rnd.next() < 0.5) text.insert(rnd.int(0, text.length), rnd.string(rnd.int(1, 5)));
      else if (text.length > 0) text.delete(rnd.int(0, text.length - 1), 1);
      if (rnd.next() < 0.2) map.set(rnd.string(2), new Y.Map());
      if (rnd.next() < 0.1) map.delete(rnd.pick([...map.keys()]));
    }
    expect(updates.map(checkUpdate).filter(Boolean)).toEqual([]);
    for (let i = 0; i < 500; i++) {
      const noise = Uint8Array.from({ length: rnd.int(0, 64) }, () => rnd.int(0, 255));
      expect(() => new PeerGuard('vault').check(noise)).not.toThrow();
    }
  });
});

describe('signaling payloads', () => {
  const noConnections = (): boolean => false;

  it('accepts what y-webrtc sends: announces, offers, answers to its own offers, candidates', () => {
    const has = (id: string): boolean => id === 'b';
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n';
    expect(checkSignalPayload({ type: 'announce', from: 'a' }, noConnections)).toBe(true);
    const offer = {
      type: 'signal',
      from: 'a',
      to: 'me',
      token: 1.5,
      signal: { type: 'offer', sdp },
    };
    expect(checkSignalPayload(offer, noConnections)).toBe(true);
    const answer = { type: 'signal', from: 'b', to: 'me', signal: { type: 'answer', sdp } };
    expect(checkSignalPayload(answer, has)).toBe(true);
    const candidate = {
      type: 'signal',
      from: 'a',
      to: 'me',
      signal: {
        type: 'candidate',
        candidate: {
          candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host',
          sdpMid: '0',
          sdpMLineIndex: 0,
        },
      },
    };
    expect(checkSignalPayload(candidate, noConnections)).toBe(true);
  });

  it('refuses what would make y-webrtc or simple-peer throw, and media requests', () => {
    const signal = (s: unknown) => ({ type: 'signal', from: 'a', to: 'me', signal: s });
    for (const payload of [
      null,
      5,
      'announce',
      { type: 'announce' },
      { type: 'announce', from: 7 },
      { type: 'announce', from: 'x'.repeat(200) },
      { type: 'signal', from: 'a', to: 'me' },
      signal(null),
      signal([]),
      { type: 'signal', from: 'a', signal: { type: 'offer', sdp: '' } },
      { type: 'signal', from: 'a', to: 'me', token: '1', signal: { type: 'offer', sdp: '' } },
      signal({ type: 'offer' }),
      signal({ type: 'offer', sdp: 5 }),
      signal({ type: 'pranswer', sdp: '' }),
      signal({ type: 5 }),
      signal({ type: 'candidate', candidate: {} }),
      signal({
        type: 'candidate',
        candidate: { candidate: 'c', sdpMid: null, sdpMLineIndex: null },
      }),
      signal({ type: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: -1 } }),
      signal({ type: 'renegotiate', renegotiate: true }),
      signal({ type: 'transceiverRequest', transceiverRequest: { kind: 'audio' } }),
      { type: 'signal', from: 'stranger', to: 'me', signal: { type: 'answer', sdp: '' } },
      { type: 'hello', from: 'a' },
    ]) {
      expect(checkSignalPayload(payload, noConnections), JSON.stringify(payload)).toBe(false);
    }
  });

  it('opens only well-formed envelopes sealed with the room key', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
      'encrypt',
      'decrypt',
    ]);
    const otherKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
      'encrypt',
      'decrypt',
    ]);
    const seal = async (payload: unknown, withKey: CryptoKey, algorithm = 'AES-GCM') => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const plain = message((e) => encoding.writeAny(e, payload as never));
      const cipher = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, withKey, plain as BufferSource),
      );
      const envelope = message((e) => {
        encoding.writeVarString(e, algorithm);
        encoding.writeVarUint8Array(e, iv);
        encoding.writeVarUint8Array(e, cipher);
      });
      return btoa(String.fromCharCode(...envelope));
    };
    const payload = { type: 'announce', from: 'peer-a' };
    expect(await openSignalData(await seal(payload, key), key)).toEqual(payload);
    expect(await openSignalData(await seal(payload, otherKey), key)).toBeUndefined();
    expect(await openSignalData(await seal(payload, key, 'ROT13'), key)).toBeUndefined();
    for (const data of [5, null, '@@@@', 'AAAA', 'aGVsbG8gd29ybGQ=', 'A'.repeat(70_000)]) {
      expect(await openSignalData(data, key)).toBeUndefined();
    }
  });
});
