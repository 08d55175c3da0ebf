/**
 * "Caught up with a peer" (catch-up.ts): their answer to our sync step 1 arrived and our state
 * vector covers theirs. Checked alone with real Yjs messages, and inside PeerRoom with a
 * stand-in RTCPeerConnection (everything above it real).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CatchUp, coversStateVector, readSyncStep } from '../../../src/lib/sync/catch-up';
import { MESSAGE } from '../../../src/lib/sync/peer-guard';
import { PeerRoom } from '../../../src/lib/sync/peer-room';
import {
  connectFakePeer,
  fakeWrtc,
  openChannel,
  receiveFrame,
} from '../reliability/support/fake-wrtc';
import { until } from '../server/support/signal-server';

/** y-webrtc's sync messages, as a peer sends them. */
const step1 = (doc: Y.Doc): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
};
const step2 = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};
const update = (u: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeUpdate(e, u);
  return encoding.toUint8Array(e);
};

/** The laptop's vault with ten changes of its own that this device has not seen. */
function theirVault(): Y.Doc {
  const theirs = new Y.Doc();
  for (let i = 0; i < 10; i++) theirs.getMap('drafts').set(`k${i}`, i);
  return theirs;
}

/** What a peer answers to our step 1: all it has that `ours` lacks. */
const answer = (theirs: Y.Doc, ours: Y.Doc): Uint8Array =>
  step2(Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(ours)));

/** Feeds `message` to `doc` as y-webrtc would (step 2 and updates applied), then to the tracker. */
function receive(doc: Y.Doc, catchUp: CatchUp, message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder); // MESSAGE.sync
  syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'peer');
  return catchUp.observe(message);
}

describe('coversStateVector', () => {
  it('covers when every client of theirs is at or below ours', () => {
    expect(coversStateVector(new Map([[1, 5]]), new Map([[1, 5]]))).toBe(true);
    expect(
      coversStateVector(
        new Map([
          [1, 6],
          [2, 1],
        ]),
        new Map([[1, 5]]),
      ),
    ).toBe(true);
    expect(coversStateVector(new Map(), new Map())).toBe(true);
    expect(coversStateVector(new Map([[1, 4]]), new Map([[1, 5]]))).toBe(false);
    expect(coversStateVector(new Map([[1, 9]]), new Map([[2, 1]]))).toBe(false);
  });
});

describe('readSyncStep', () => {
  it('reads step 1 with its state vector, step 2, and nothing else', () => {
    const theirs = theirVault();
    expect(readSyncStep(step1(theirs))).toEqual({
      step: 1,
      stateVector: Y.decodeStateVector(Y.encodeStateVector(theirs)),
    });
    expect(readSyncStep(step2(Y.encodeStateAsUpdate(theirs)))).toEqual({ step: 2 });
    expect(readSyncStep(update(Y.encodeStateAsUpdate(theirs)))).toBeNull();
    expect(readSyncStep(new Uint8Array([MESSAGE.awareness, 0]))).toBeNull();
    expect(readSyncStep(new Uint8Array([MESSAGE.sync]))).toBeNull(); // truncated
    expect(readSyncStep(new Uint8Array([]))).toBeNull();
  });
});

describe('CatchUp', () => {
  it('is caught up once their answer arrived and our state vector covers theirs', () => {
    const ours = new Y.Doc();
    const theirs = theirVault();
    const catchUp = new CatchUp(ours);
    expect(receive(ours, catchUp, step1(theirs))).toBe(false); // only their state vector
    expect(receive(ours, catchUp, answer(theirs, ours))).toBe(true);
    expect(catchUp.caughtUp).toBe(true);
  });

  it('works in either order: their step 2 may arrive before their step 1', () => {
    const ours = new Y.Doc();
    const theirs = theirVault();
    const catchUp = new CatchUp(ours);
    expect(receive(ours, catchUp, answer(theirs, ours))).toBe(false);
    expect(receive(ours, catchUp, step1(theirs))).toBe(true);
  });

  it('is not caught up on their state vector alone, even when ours already covers it', () => {
    // Deletions do not move a state vector: only their answer carries them.
    const ours = new Y.Doc();
    const catchUp = new CatchUp(ours);
    expect(receive(ours, catchUp, step1(new Y.Doc()))).toBe(false);
    expect(receive(ours, catchUp, update(Y.encodeStateAsUpdate(theirVault())))).toBe(false);
  });

  it('counts state, not messages: an answer with a gap is not enough until the gap is filled', () => {
    const ours = new Y.Doc();
    const theirs = theirVault();
    const client = theirs.clientID;
    const catchUp = new CatchUp(ours);
    receive(ours, catchUp, step1(theirs));
    // An answer that leaves out their first five changes (held back, or lost).
    const tail = Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(new Map([[client, 5]])));
    expect(receive(ours, catchUp, step2(tail))).toBe(false);
    expect(receive(ours, catchUp, step2(tail))).toBe(false); // a second answer changes nothing
    const head = Y.encodeStateAsUpdate(theirs);
    expect(receive(ours, catchUp, update(head))).toBe(true);
  });
});

describe('PeerRoom.caughtUp', () => {
  const rooms: PeerRoom[] = [];
  afterEach(() => {
    for (const room of rooms.splice(0)) {
      room.destroy();
      room.doc.destroy();
    }
  });

  async function joinRoom(): Promise<PeerRoom> {
    const room = await PeerRoom.join({
      doc: new Y.Doc(),
      secret: new Uint8Array(32).fill(7 + rooms.length),
      kind: 'vault',
      signaling: [],
      peerOpts: { wrtc: fakeWrtc },
    });
    rooms.push(room);
    return room;
  }

  it('counts a connected device once its answer has brought this vault up to its state', async () => {
    const room = await joinRoom();
    const seen: number[] = [];
    room.on('caughtUp', (n) => seen.push(n));
    const theirs = theirVault();
    const conn = connectFakePeer(room.provider, 'laptop');
    openChannel(conn);
    receiveFrame(conn, step1(theirs));
    await new Promise((r) => setTimeout(r, 0));
    expect(room.caughtUp).toBe(0);
    receiveFrame(conn, answer(theirs, room.doc));
    await until(() => room.caughtUp === 1);
    expect(room.doc.getMap('drafts').get('k9')).toBe(9);
    expect(seen).toEqual([1]);

    // The connection goes: no longer caught up with anyone.
    conn.destroy();
    await until(() => room.caughtUp === 0);
    expect(seen).toEqual([1, 0]);
  });

  it('does not count a peer whose answer left this vault behind', async () => {
    const room = await joinRoom();
    const theirs = theirVault();
    const conn = connectFakePeer(room.provider, 'laptop');
    openChannel(conn);
    receiveFrame(conn, step1(theirs));
    const client = theirs.clientID;
    receiveFrame(
      conn,
      step2(Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(new Map([[client, 5]])))),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(room.caughtUp).toBe(0);
  });
});
