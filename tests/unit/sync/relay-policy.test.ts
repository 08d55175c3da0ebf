import { describe, expect, it } from 'vitest';
import { contactNetwork, hasTurnServer } from '../../../src/lib/sync/relay-policy';

const STUN = { urls: 'stun:stun.example.org:3478' };
const TURN = { urls: 'turn:turn.example.org:3478', username: 'a', credential: 'b' };
const base = (iceServers: RTCIceServer[]) => ({
  signaling: ['wss://example.org/signal'],
  iceServers,
  iceTransportPolicy: 'all' as const,
});

describe('hasTurnServer', () => {
  it('finds a turn: or turns: relay, in a string or a list of urls; STUN is not a relay', () => {
    expect(hasTurnServer([])).toBe(false);
    expect(hasTurnServer([STUN])).toBe(false);
    expect(hasTurnServer([STUN, TURN])).toBe(true);
    expect(hasTurnServer([{ urls: 'turns:turn.example.org:5349' }])).toBe(true);
    expect(hasTurnServer([{ urls: [STUN.urls, 'TURN:turn.example.org'] }])).toBe(true);
    expect(hasTurnServer([{ urls: 'stun:turn.example.org' }])).toBe(false);
  });
});

describe('contactNetwork', () => {
  it('is relay-only when chosen and a TURN server is configured', () => {
    const network = base([STUN, TURN]);
    expect(contactNetwork(network, true)).toEqual({ ...network, iceTransportPolicy: 'relay' });
    expect(network.iceTransportPolicy).toBe('all'); // the vault's network is not changed
  });

  it('leaves the network alone when not chosen, or with no relay to go through', () => {
    const withTurn = base([TURN]);
    expect(contactNetwork(withTurn, false)).toBe(withTurn);
    const stunOnly = base([STUN]);
    expect(contactNetwork(stunOnly, true)).toBe(stunOnly);
  });
});
