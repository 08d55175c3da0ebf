/**
 * Tabs of the same app share a room over BroadcastChannel (y-webrtc's own path, encrypted with
 * the room key). A page must hear other tabs, but not re-apply what it just sent itself.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE } from '../../../src/lib/sync/peer-guard';
import { PeerRoom } from '../../../src/lib/sync/peer-room';
import { until } from '../server/support/signal-server';
import { fakeWrtc } from '../reliability/support/fake-wrtc';

const rooms: PeerRoom[] = [];
const channels: BroadcastChannel[] = [];
let secretByte = 101;

async function joinRoom(): Promise<PeerRoom> {
  const room = await PeerRoom.join({
    doc: new Y.Doc(),
    secret: new Uint8Array(32).fill(secretByte++),
    kind: 'vault',
    signaling: [],
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
  for (const channel of channels.splice(0)) channel.close();
});

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
    channels.push(channel);
    channel.postMessage(
      await encryptLikeYWebrtc(new Uint8Array(encoding.toUint8Array(e)), yRoom.key!),
    );

    await until(() => room.doc.getText('t').toString() === 'written in another tab');
  });
});
