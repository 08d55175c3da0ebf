/**
 * PeerRoom puts peer-guard.ts in front of y-webrtc: on every data connection (checked with a
 * stand-in RTCPeerConnection, everything above it real) and on the signaling topic of each room
 * (checked against the real signaling server).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { deriveRoom } from '../../../src/lib/keys';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import { MESSAGE, PART_BYTES, PeerGuard } from '../../../src/lib/sync/peer-guard';
import { MAX_QUEUED_BYTES, PeerRoom, SEND_HIGH_WATER_BYTES } from '../../../src/lib/sync/peer-room';
import { freshDbName } from '../../helpers/db-name';
import { readRows } from '../../helpers/raw-idb';
import {
  connectFakePeer,
  fakeWrtc,
  isClosed,
  openChannel,
  openChannelOnly,
  receiveFrame,
} from '../reliability/support/fake-wrtc';
import { startSignalServer, TestClient, until } from '../server/support/signal-server';

const rooms: PeerRoom[] = [];
let secretByte = 1;

async function joinRoom(signaling: string[] = []): Promise<PeerRoom> {
  const room = await PeerRoom.join({
    doc: new Y.Doc(),
    secret: new Uint8Array(32).fill(secretByte++),
    kind: 'vault',
    signaling,
    peerOpts: { wrtc: fakeWrtc },
  });
  rooms.push(room);
  return room;
}

afterEach(() => {
  for (const room of rooms.splice(0)) {
    room.destroy();
    room.doc.destroy();
  }
});

const updateMessage = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PeerRoom: data from peers', () => {
  it('passes a peer’s update through to the document', async () => {
    const room = await joinRoom();
    const conn = connectFakePeer(room.provider, 'friend');
    const theirs = new Y.Doc();
    theirs.getMap('m').set('hello', 'world');
    receiveFrame(conn, updateMessage(Y.encodeStateAsUpdate(theirs)));
    await until(() => room.doc.getMap('m').get('hello') === 'world');
    expect(isClosed(conn)).toBe(false);
  });

  it('drops a refused message and the peer, leaving the doc and its stored bytes as they were', async () => {
    const room = await joinRoom();
    const dbName = freshDbName('guarded');
    const persistence = new LocalPersistence(dbName, room.doc);
    await persistence.whenReady;
    room.doc.getText('t').insert(0, 'mine');
    await persistence.whenIdle();
    const rowsBefore = await readRows(dbName);
    const stateBefore = Y.encodeStateAsUpdate(room.doc);
    const violations: string[] = [];
    room.on('violation', (reason) => violations.push(reason));

    const conn = connectFakePeer(room.provider, 'vandal');
    const theirs = new Y.Doc();
    theirs.transact(() => {
      theirs.getText('t').insert(0, 'new ');
      theirs.getText('t').delete(1, 2);
    });
    const update = Y.encodeStateAsUpdate(theirs);
    receiveFrame(conn, updateMessage(update.subarray(0, update.length - 1)));
    await until(() => violations.length > 0);
    expect(violations).toEqual(['malformed-update']);
    expect(isClosed(conn)).toBe(true);
    await until(() => room.provider.room?.webrtcConns.has('vandal') === false);
    // What follows on the same connection is ignored too.
    receiveFrame(conn, updateMessage(Y.encodeStateAsUpdate(theirs)));
    await tick();
    await persistence.whenIdle();
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(stateBefore);
    expect(await readRows(dbName)).toEqual(rowsBefore);
    persistence.destroy();
  });

  it('answers sync step 1 with a large document even before simple-peer calls itself connected', async () => {
    const room = await joinRoom();
    room.doc.getText('t').insert(0, 'q'.repeat(3 * PART_BYTES));
    const conn = connectFakePeer(room.provider, 'newcomer');
    const channel = openChannelOnly(conn);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE.sync);
    syncProtocol.writeSyncStep1(step1, new Y.Doc());
    receiveFrame(conn, encoding.toUint8Array(step1));
    await until(() => channel.sent.length >= 4);
    const guard = new PeerGuard('vault');
    const verdicts = channel.sent.map((frame) => guard.check(frame).action);
    expect(verdicts).toEqual(['wait', 'wait', 'wait', 'deliver']);
  });

  it('closes a peer that asks for the whole document again and again without reading', async () => {
    const room = await joinRoom();
    room.doc.getText('t').insert(0, 'w'.repeat(8 * 1024 * 1024));
    const conn = connectFakePeer(room.provider, 'greedy');
    const channel = openChannel(conn);
    channel.bufferedAmount = SEND_HIGH_WATER_BYTES + 1; // it never reads
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE.sync);
    syncProtocol.writeSyncStep1(step1, new Y.Doc());
    const ask = encoding.toUint8Array(step1);
    const asks = Math.ceil(MAX_QUEUED_BYTES / (8 * 1024 * 1024)) + 2;
    for (let i = 0; i < asks && !isClosed(conn); i++) receiveFrame(conn, ask);
    await until(() => isClosed(conn));
    expect(isClosed(conn)).toBe(true);
  });

  it('sends a large message in parts, paced by the channel’s buffer, in order with what follows', async () => {
    const room = await joinRoom();
    const conn = connectFakePeer(room.provider, 'new-device');
    const channel = openChannel(conn);
    channel.bufferedAmount = SEND_HIGH_WATER_BYTES + 1; // the link is busy
    room.doc.getText('t').insert(0, 'z'.repeat(5 * PART_BYTES));
    room.doc.getMap('m').set('after', true);
    expect(channel.sent).toEqual([]);
    channel.bufferedAmount = 0;
    await until(() => channel.sent.length >= 7);
    expect(channel.sent.length).toBe(7);
    expect(channel.sent.every((frame) => frame.length <= PART_BYTES + 16)).toBe(true);

    const receiver = new Y.Doc();
    const guard = new PeerGuard('vault');
    for (const frame of channel.sent) {
      const verdict = guard.check(frame);
      if (verdict.action === 'deliver') {
        const decoder = decoding.createDecoder(verdict.message);
        decoding.readVarUint(decoder);
        syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), receiver, null);
      } else {
        expect(verdict.action).toBe('wait');
      }
    }
    expect(receiver.getText('t').length).toBe(5 * PART_BYTES);
    expect(receiver.getMap('m').get('after')).toBe(true);
  });
});

describe('PeerRoom: signaling', () => {
  let server: Awaited<ReturnType<typeof startSignalServer>>;
  const problems: string[] = [];
  const onProblem = (err: unknown): void => {
    problems.push(String(err));
  };

  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    server = await startSignalServer({ maxConnsPerIp: 100 });
    process.on('uncaughtException', onProblem);
    process.on('unhandledRejection', onProblem);
  });

  afterAll(async () => {
    process.off('uncaughtException', onProblem);
    process.off('unhandledRejection', onProblem);
    await server.close();
    delete (globalThis as { WebSocket?: unknown }).WebSocket;
  });

  it('goes offline and back (its signaling connection closed for good and made anew) without tripping the internals check', async () => {
    const room = await PeerRoom.join({
      doc: new Y.Doc(),
      secret: new Uint8Array(32).fill(199),
      kind: 'conv',
      signaling: [server.url],
      peerOpts: { wrtc: fakeWrtc },
    });
    rooms.push(room);
    await until(() => server.signaling.hub.subscriptionCount === 1);
    // The only room on this signaling URL: y-webrtc destroys the connection (lib0 clears its
    // handlers) and keeps it in the provider's list; connect() adds a new one.
    room.provider.disconnect();
    await until(() => server.signaling.hub.subscriptionCount === 0);
    expect(() => room.provider.connect()).not.toThrow();
    await until(() => server.signaling.hub.subscriptionCount === 1);
    await until(() => room.status.signalingConnected === 1);
    expect(problems).toEqual([]);
  });

  it('drops garbage on the room’s topic without an uncaught error, and real signals still work', async () => {
    const secret = new Uint8Array(32).fill(200);
    const room = await PeerRoom.join({
      doc: new Y.Doc(),
      secret,
      kind: 'conv',
      signaling: [server.url],
      peerOpts: { wrtc: fakeWrtc },
    });
    rooms.push(room);
    const yRoom = room.provider.room!;
    const { name } = await deriveRoom(secret, 'conv');
    expect(yRoom.name).toBe(name);
    await until(() => server.signaling.hub.subscriptionCount === 1);

    const seal = (payload: unknown): Promise<string> => sealFor(yRoom.key!, payload);

    const vandal = await TestClient.open(server.url);
    vandal.subscribe(name);
    await vandal.sync();
    const garbage: unknown[] = [
      '@@@ not base64',
      'AAAA', // decodes, but is no envelope
      Buffer.from('hello world, not encrypted at all').toString('base64'),
      Buffer.from([7, 65, 69, 83, 45, 71, 67, 77, 1, 2, 3]).toString('base64'),
      5,
      null,
      { type: 'announce', from: 'x' }, // unencrypted
      await seal({ type: 'signal', from: 'x', to: yRoom.peerId }), // no `signal`
      await seal({
        type: 'signal',
        from: 'stranger',
        to: yRoom.peerId,
        signal: { type: 'answer' },
      }),
      await seal([1, 2, 3]),
    ];
    for (const data of garbage) vandal.publish(name, data);
    await vandal.sync();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(problems).toEqual([]);
    expect(yRoom.webrtcConns.size).toBe(0);

    // A real announce, sealed with the room's key, still makes a connection.
    vandal.publish(name, await seal({ type: 'announce', from: 'friend' }));
    await until(() => yRoom.webrtcConns.has('friend'));
    expect(problems).toEqual([]);
    vandal.close();
    // y-webrtc keeps a destroyed provider's signaling connection open; let it go now.
    room.provider.disconnect();
  });
  it('acts on a checked answer at once: a connection that closes just after the check is no crash', async () => {
    const room = await PeerRoom.join({
      doc: new Y.Doc(),
      secret: new Uint8Array(32).fill(201),
      kind: 'conv',
      signaling: [server.url],
      peerOpts: { wrtc: fakeWrtc },
    });
    rooms.push(room);
    const yRoom = room.provider.room!;
    const signaling = room.provider.signalingConns[0] as unknown as {
      emit(name: string, args: unknown[]): void;
    };
    connectFakePeer(room.provider, 'friend');
    // The connection closes (its peer went away) in the moment after the guard saw it.
    const conns = yRoom.webrtcConns;
    const has = conns.has.bind(conns);
    conns.has = (id: string) => {
      const found = has(id);
      if (id === 'friend' && found) queueMicrotask(() => conns.delete('friend'));
      return found;
    };
    const answer = await sealFor(yRoom.key!, {
      type: 'signal',
      from: 'friend',
      to: yRoom.peerId,
      signal: { type: 'answer', sdp: 'v=0\r\n' },
    });
    signaling.emit('message', [{ type: 'publish', topic: yRoom.name, data: answer }, signaling]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(problems).toEqual([]);
    room.provider.disconnect();
  });
});

/** A signaling payload sealed as y-webrtc seals one: writeAny, AES-GCM, base64. */
async function sealFor(key: CryptoKey, payload: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const e = encoding.createEncoder();
  encoding.writeAny(e, payload as never);
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoding.toUint8Array(e)),
  );
  const envelope = encoding.createEncoder();
  encoding.writeVarString(envelope, 'AES-GCM');
  encoding.writeVarUint8Array(envelope, iv);
  encoding.writeVarUint8Array(envelope, cipher);
  return Buffer.from(encoding.toUint8Array(envelope)).toString('base64');
}

interface YRoomLike {
  name: string;
  key: CryptoKey | null;
}

/** y-webrtc's BroadcastChannel framing: "AES-GCM", the IV, the ciphertext. */
async function encryptLikeYWebrtc(
  message: Uint8Array<ArrayBuffer>,
  key: CryptoKey,
): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, message);
  const e = encoding.createEncoder();
  encoding.writeVarString(e, 'AES-GCM');
  encoding.writeVarUint8Array(e, iv);
  encoding.writeVarUint8Array(e, new Uint8Array(cipher));
  return encoding.toUint8Array(e);
}

// Tabs of the same app share a room over BroadcastChannel (y-webrtc's own path, encrypted with
// the room key). A page must hear other tabs, but not re-apply what it just sent itself.
describe('PeerRoom: other tabs over BroadcastChannel', () => {
  it('does not decrypt and apply its own broadcasts again', async () => {
    const room = await joinRoom();
    const yRoom = room.provider.room;
    let echoes = 0;
    room.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === yRoom) echoes++;
    });
    for (let i = 0; i < 5; i++) room.doc.getText('t').insert(0, `edit ${i} `);
    // Encryption and publishing are asynchronous; give them (and any echo) time to run.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(echoes).toBe(0);
  });

  it('still applies what another tab broadcasts', async () => {
    const room = await joinRoom();
    const yRoom = room.provider.room as unknown as YRoomLike;
    expect(yRoom.key).not.toBeNull();

    const otherTab = new Y.Doc();
    otherTab.getText('t').insert(0, 'written in another tab');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE.sync);
    syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(otherTab));
    const channel = new BroadcastChannel(yRoom.name);
    try {
      channel.postMessage(
        await encryptLikeYWebrtc(new Uint8Array(encoding.toUint8Array(e)), yRoom.key!),
      );
      await until(() => room.doc.getText('t').toString() === 'written in another tab');
    } finally {
      channel.close();
    }
  });
});
