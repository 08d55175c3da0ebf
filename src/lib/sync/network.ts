/**
 * Where a device meets others: signaling servers (y-webrtc protocol) and STUN/TURN servers.
 * The app takes it from Settings and the build's defaults (state/sync.svelte.ts); the home
 * peer from its configuration. Every room a device joins is given one.
 */
export interface Network {
  signaling: string[];
  iceServers: RTCIceServer[];
  /** 'relay' sends everything through TURN: for very strict networks, and to test TURN. */
  iceTransportPolicy?: RTCIceTransportPolicy;
}
