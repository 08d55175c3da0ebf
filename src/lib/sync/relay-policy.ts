/**
 * Which network a room with a contact uses. Over WebRTC, peers connect directly when they can,
 * so a contact's devices learn my IP address(es) and, from when they can reach me, roughly when
 * I am online. With "reach contacts only through a relay" on and a TURN server configured,
 * conversation rooms (and contact invites) gather relay candidates only
 * (`iceTransportPolicy: 'relay'`): a contact sees the relay's address, never mine. The vault's
 * room (only my own devices) and device pairing are never changed by it.
 *
 * Without a TURN server the setting cannot work, so the network is left as it is: a relay-only
 * room with no relay would reach no one. Settings says so instead of offering the switch.
 */
import type { Network } from './network';

interface IceServerLike {
  urls: string | string[];
}

/** Whether any of these servers is a TURN relay (`turn:` or `turns:`), not only STUN. */
export function hasTurnServer(iceServers: readonly IceServerLike[]): boolean {
  return iceServers.some((server) =>
    (Array.isArray(server.urls) ? server.urls : [server.urls]).some((url) => /^turns?:/i.test(url)),
  );
}

/** The network for a room with a contact: relay-only when chosen and a relay exists. */
export function contactNetwork(network: Network, relayOnly: boolean): Network {
  if (!relayOnly || !hasTurnServer(network.iceServers)) return network;
  return { ...network, iceTransportPolicy: 'relay' };
}
