/**
 * The y-webrtc adapter checks, when a room is created, every private field and method Mull
 * relies on, and names the one a y-webrtc release took away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import {
  Y_WEBRTC_VERSION,
  YWebrtcInternals,
  YWebrtcInternalsError,
  type PeerConn,
} from '../../../src/lib/sync/y-webrtc-internals';

const providers: WebrtcProvider[] = [];
let roomNumber = 0;

/** A real provider with no signaling server, in a room of its own. */
function newProvider(): WebrtcProvider {
  const provider = new WebrtcProvider(`internals-test-${roomNumber++}`, new Y.Doc(), {
    signaling: [],
    password: 'internals test',
  });
  providers.push(provider);
  return provider;
}

afterEach(async () => {
  for (const provider of providers.splice(0)) {
    await provider.key;
    try {
      provider.disconnect();
    } catch {
      // A test took apart what disconnect() needs; its room goes with the doc below.
    }
    provider.doc.off('destroy', provider.destroy);
    provider.doc.destroy();
  }
});

/** The error `fn` throws (or rejects with), or a failure if it throws none. */
async function errorOf(fn: () => unknown): Promise<YWebrtcInternalsError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(YWebrtcInternalsError);
    return err as YWebrtcInternalsError;
  }
  throw new Error('no error was thrown');
}

describe('YWebrtcInternals', () => {
  it('accepts the installed y-webrtc and finds its room', async () => {
    const provider = newProvider();
    const internals = new YWebrtcInternals(provider);
    const room = await internals.opened();
    expect(room.name).toBe(provider.roomName);
    expect(room.key).not.toBeNull();
    expect(internals.isFromPeers(provider.room)).toBe(true);
    expect(internals.isFromPeers(null)).toBe(false);
  });

  it('names a missing provider field and says y-webrtc’s version changed', async () => {
    const provider = newProvider();
    (provider as unknown as Record<string, unknown>).signalingConns = undefined;
    const error = await errorOf(() => new YWebrtcInternals(provider));
    expect(error.internal).toBe('WebrtcProvider.signalingConns');
    expect(error.message).toContain('"WebrtcProvider.signalingConns"');
    expect(error.message).toContain("y-webrtc's version changed");
    expect(error.message).toContain(Y_WEBRTC_VERSION);
  });

  it('names a room internal that a release renamed', async () => {
    const provider = newProvider();
    const internals = new YWebrtcInternals(provider);
    await provider.key;
    const room = provider.room as unknown as Record<string, unknown>;
    room.bcSubscriber = room._bcSubscriber;
    delete room._bcSubscriber;
    const error = await errorOf(() => internals.opened());
    expect(error.internal).toBe('Room._bcSubscriber');
    expect(error.message).toContain('not a function');
  });

  it('names a room field whose type changed', async () => {
    const provider = newProvider();
    const internals = new YWebrtcInternals(provider);
    await provider.key;
    const room = provider.room as unknown as Record<string, unknown>;
    const conns = room.webrtcConns;
    room.webrtcConns = {};
    expect((await errorOf(() => internals.opened())).internal).toBe('Room.webrtcConns');
    room.webrtcConns = conns;
  });

  it('names a signaling connection without lib0’s observer map', async () => {
    const provider = newProvider();
    const conn = { connected: false, shouldConnect: true, on: () => {}, off: () => {} };
    (provider.signalingConns as unknown[]).push(conn);
    expect((await errorOf(() => new YWebrtcInternals(provider))).internal).toBe(
      'SignalingConn._observers',
    );
  });

  it('names a signaling connection without lib0’s shouldConnect', async () => {
    const provider = newProvider();
    (provider.signalingConns as unknown[]).push({ connected: false, _observers: new Map() });
    expect((await errorOf(() => new YWebrtcInternals(provider))).internal).toBe(
      'SignalingConn.shouldConnect',
    );
  });

  it('leaves out a signaling connection y-webrtc closed for good (its handlers cleared)', () => {
    const provider = newProvider();
    const closed = { connected: false, shouldConnect: false, _observers: new Map() };
    (provider.signalingConns as unknown[]).push(closed, closed);
    expect(new YWebrtcInternals(provider).signalingConns).toEqual([]);
  });

  it('checks each peer connection as y-webrtc stores it, down to simple-peer', async () => {
    const provider = newProvider();
    const internals = new YWebrtcInternals(provider);
    const room = await internals.opened();
    const stored: PeerConn[] = [];
    internals.interceptNewConns((conn) => stored.push(conn));
    const peer = {
      bufferSize: 0,
      send: () => {},
      on: () => {},
      listeners: () => [],
      removeListener: () => {},
      destroy: () => {},
    };
    const conn = {
      remotePeerId: 'friend',
      connected: false,
      closed: false,
      destroy: () => {},
      peer,
    };
    room.webrtcConns.set('friend', conn);
    expect(stored).toEqual([conn]);

    const olderPeer: Partial<typeof peer> = { ...peer };
    delete olderPeer.bufferSize;
    const error = await errorOf(() =>
      room.webrtcConns.set('other', { ...conn, remotePeerId: 'other', peer: olderPeer as never }),
    );
    expect(error.internal).toBe('WebrtcConn.peer (simple-peer).bufferSize');
    expect(room.webrtcConns.has('other')).toBe(false);
  });

  it('comes back from a disconnect under a new signaling id, and keeps it otherwise', async () => {
    const provider = newProvider();
    const internals = new YWebrtcInternals(provider);
    const room = await internals.opened();
    internals.renewPeerIdOnReconnect();
    const first = room.peerId;
    provider.connect(); // already connected: nobody can hold a stale connection to us
    expect(room.peerId).toBe(first);
    provider.disconnect();
    expect(room.peerId).toBe(first);
    provider.connect();
    const second = room.peerId;
    expect(second).not.toBe(first);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    provider.disconnect();
    provider.connect();
    expect(room.peerId).not.toBe(second);
  });
});
