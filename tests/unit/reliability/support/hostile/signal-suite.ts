/**
 * Hostile signaling payloads for one of our rooms, down the real path: a message arrives on
 * y-webrtc's signaling connection (lib0's WebsocketClient), PeerRoom's guard opens and checks
 * it, y-webrtc acts on it, simple-peer on its signal (over stand-in RTC objects that throw where
 * a browser's do). Most inputs are sealed with the room's key — what a contact, who holds it,
 * could send — the rest are what anyone who can publish to the topic could: non-base64, wrong
 * envelopes, ciphertext under another key.
 *
 * A crash is any uncaught exception or unhandled rejection while an input is handled (counted
 * by child.ts; in Node either stops the process — a home peer). Signaling must never change a
 * document.
 */
import * as encoding from 'lib0/encoding';
import type { SignalingConn } from 'y-webrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { PeerRoom } from '../../../../../src/lib/sync/peer-room';
import type { Prng } from '../../../../helpers/prng';
import { fakeWrtc } from '../fake-wrtc';
import { inputPrng, mutateText, randomBytes } from './mutate';
import { settle, type HostileSuite, type Outcome } from './suite';

const SDP = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

function randomValue(rnd: Prng, depth = 0): unknown {
  switch (rnd.int(0, depth > 3 ? 4 : 7)) {
    case 0:
      return null;
    case 1:
      return rnd.int(-1e6, 1e6) / rnd.pick([1, 7, 1e-300]);
    case 2:
      return rnd.string(rnd.int(0, 40));
    case 3:
      return rnd.next() < 0.5;
    case 4:
      return undefined;
    case 5:
      return Array.from({ length: rnd.int(0, 4) }, () => randomValue(rnd, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rnd.int(0, 4) }, () => [
          rnd.pick(['type', 'from', 'to', 'signal', 'sdp', 'candidate', 'token', rnd.string(3)]),
          randomValue(rnd, depth + 1),
        ]),
      );
  }
}

export class SignalPayloadSuite implements HostileSuite {
  #seed = 0;
  #room!: PeerRoom;
  #conn!: SignalingConn;
  #docEvents = 0;

  async setup(seed: number): Promise<void> {
    this.#seed = seed;
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    const doc = new Y.Doc();
    doc.getMap('m').set('kept', true);
    doc.on('update', () => this.#docEvents++);
    this.#room = await PeerRoom.join({
      doc,
      secret: new Uint8Array(32).fill(seed & 0xff),
      kind: 'conv',
      // Nothing listens there: the connection object is all these inputs need.
      signaling: ['ws://127.0.0.1:9/signal'],
      peerOpts: { wrtc: fakeWrtc },
    });
    this.#conn = this.#room.provider.signalingConns[0] as SignalingConn;
  }

  #payload(rnd: Prng): unknown {
    const me = this.#room.provider.room!.peerId;
    const from = rnd.pick(['peer-a', 'peer-b', me, rnd.string(rnd.int(0, 200))]);
    const valid = [
      { type: 'announce', from },
      { type: 'signal', from, to: me, token: rnd.next(), signal: { type: 'offer', sdp: SDP } },
      { type: 'signal', from, to: me, signal: { type: 'answer', sdp: SDP } },
      {
        type: 'signal',
        from,
        to: me,
        signal: { type: 'candidate', candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 } },
      },
    ];
    const roll = rnd.next();
    if (roll < 0.3) return rnd.pick(valid);
    if (roll < 0.7) {
      // A valid payload with one field made wrong.
      const p = structuredClone(rnd.pick(valid)) as Record<string, unknown>;
      const target =
        rnd.next() < 0.5 && typeof p.signal === 'object'
          ? (p.signal as Record<string, unknown>)
          : p;
      target[rnd.pick(Object.keys(target))] = randomValue(rnd);
      return p;
    }
    if (roll < 0.85) return randomValue(rnd);
    try {
      return JSON.parse(mutateText(rnd, JSON.stringify(rnd.pick(valid))));
    } catch {
      return randomValue(rnd);
    }
  }

  async #seal(payload: unknown, rnd: Prng): Promise<string> {
    const key = this.#room.provider.room!.key;
    const e = encoding.createEncoder();
    encoding.writeAny(e, payload as never);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const useKey =
      rnd.next() < 0.05
        ? await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt'])
        : key;
    const cipher = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, useKey, encoding.toUint8Array(e)),
    );
    const envelope = encoding.createEncoder();
    encoding.writeVarString(envelope, rnd.next() < 0.03 ? 'AES-CBC' : 'AES-GCM');
    encoding.writeVarUint8Array(envelope, iv);
    encoding.writeVarUint8Array(envelope, cipher);
    return Buffer.from(encoding.toUint8Array(envelope)).toString('base64');
  }

  async run(index: number): Promise<Outcome> {
    const rnd = inputPrng(this.#seed, index);
    const yRoom = this.#room.provider.room!;
    let data: unknown;
    const roll = rnd.next();
    if (roll < 0.8) data = await this.#seal(this.#payload(rnd), rnd);
    else if (roll < 0.9) data = Buffer.from(randomBytes(rnd, 200)).toString('base64');
    else data = rnd.pick([mutateText(rnd, 'AAAAAAAA'), randomValue(rnd), '@@@', '']);
    const events = this.#docEvents;
    const conns = yRoom.webrtcConns.size;
    const message = { type: 'publish', topic: yRoom.name, data };
    (this.#conn as unknown as { emit(name: string, args: unknown[]): void }).emit('message', [
      message,
      this.#conn,
    ]);
    await settle();
    const connected = yRoom.webrtcConns.size > conns;
    // Connections made by accepted announces and offers are let go again.
    for (const [id, conn] of yRoom.webrtcConns) {
      conn.destroy();
      yRoom.webrtcConns.delete(id);
    }
    return {
      verdict: connected ? 'accepted' : 'refused',
      damage: this.#docEvents !== events ? 'a signaling message changed the doc' : undefined,
    };
  }

  async finish(): Promise<string[]> {
    this.#room.provider.disconnect();
    this.#room.destroy();
    return [];
  }
}
