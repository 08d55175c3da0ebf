/**
 * Just enough of WebRTC for simple-peer (as y-webrtc uses it) to build a connection in Node,
 * without a network: tests put bytes into a connection's data channel as if a peer had sent
 * them, and read what y-webrtc sends. Everything from simple-peer upwards — y-webrtc's
 * WebrtcConn, PeerRoom's guard, y-protocols, Yjs — is the real code.
 */
import { WebrtcConn, type WebrtcProvider } from 'y-webrtc';

export class FakeDataChannel {
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  readyState: 'connecting' | 'open' | 'closing' | 'closed' = 'connecting';
  label = '';
  readonly sent: Uint8Array[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;

  send(data: Uint8Array): void {
    if (this.readyState !== 'open') throw new DOMException('not open', 'InvalidStateError');
    this.sent.push(Uint8Array.from(data));
  }

  close(): void {
    this.readyState = 'closed';
  }
}

export class FakeRTCPeerConnection {
  readonly channel = new FakeDataChannel();
  ondatachannel: ((event: { channel: FakeDataChannel }) => void) | null = null;
  iceConnectionState = 'new';
  iceGatheringState = 'new';
  connectionState = 'new';
  signalingState = 'stable';

  remoteDescription: { type: string } | null = null;

  createDataChannel(): FakeDataChannel {
    return this.channel;
  }
  // No real session description ever arrives in these tests: like a browser given a bad one.
  setRemoteDescription(): Promise<never> {
    return Promise.reject(
      new DOMException('Failed to parse SessionDescription.', 'OperationError'),
    );
  }
  addIceCandidate(): Promise<never> {
    return Promise.reject(new DOMException('Error processing ICE candidate', 'OperationError'));
  }
  // A negotiation that never finishes: no network is ever needed.
  createOffer(): Promise<never> {
    return new Promise(() => {});
  }
  close(): void {
    this.channel.close();
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

/** Throws where the browser's constructors throw, so simple-peer meets the same errors. */
class FakeRTCSessionDescription {
  constructor(init: { type?: unknown }) {
    if (!['offer', 'answer', 'pranswer', 'rollback'].includes(String(init.type))) {
      throw new TypeError(`The provided value '${String(init.type)}' is not a valid enum value.`);
    }
  }
}

class FakeRTCIceCandidate {
  constructor(init: { sdpMid?: unknown; sdpMLineIndex?: unknown }) {
    if (init.sdpMid == null && init.sdpMLineIndex == null) {
      throw new TypeError('sdpMid and sdpMLineIndex are both null.');
    }
  }
}

export const fakeWrtc = {
  RTCPeerConnection: FakeRTCPeerConnection,
  RTCSessionDescription: FakeRTCSessionDescription,
  RTCIceCandidate: FakeRTCIceCandidate,
};

interface SimplePeerInternals {
  _pc: FakeRTCPeerConnection;
  _channel: FakeDataChannel | null;
  _connected: boolean;
  _onChannelMessage(event: { data: unknown }): void;
  destroyed: boolean;
}

/** A connection from `remotePeerId`, made and stored the way y-webrtc does on an offer. */
export function connectFakePeer(provider: WebrtcProvider, remotePeerId: string): WebrtcConn {
  const room = provider.room;
  if (!room) throw new Error('The provider has no room yet');
  const signaling = { send: () => {} } as unknown as ConstructorParameters<typeof WebrtcConn>[0];
  const conn = new WebrtcConn(signaling, true, remotePeerId, room);
  room.webrtcConns.set(remotePeerId, conn);
  return conn;
}

const internals = (conn: WebrtcConn): SimplePeerInternals => conn.peer as SimplePeerInternals;

/**
 * Opens only the data channel: the moment, before simple-peer declares itself connected, at
 * which the peer's first messages can already arrive and be answered.
 */
export function openChannelOnly(conn: WebrtcConn): FakeDataChannel {
  const channel = internals(conn)._pc.channel;
  channel.readyState = 'open';
  return channel;
}

/**
 * Marks the connection open, as after a handshake (none happens in these tests): sends go out,
 * and PeerRoom's watchdog does not take it for stuck.
 */
export function openChannel(conn: WebrtcConn): FakeDataChannel {
  const peer = internals(conn);
  const channel = peer._pc.channel;
  channel.readyState = 'open';
  peer._connected = true;
  conn.connected = true;
  return channel;
}

/** Puts `frame` into the connection's data channel, as if the peer had sent it. */
export function receiveFrame(conn: WebrtcConn, frame: Uint8Array | string): void {
  const peer = internals(conn);
  if (peer.destroyed) return;
  const data =
    typeof frame === 'string'
      ? frame
      : frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
  peer._onChannelMessage({ data });
}

export const isClosed = (conn: WebrtcConn): boolean => internals(conn).destroyed;
