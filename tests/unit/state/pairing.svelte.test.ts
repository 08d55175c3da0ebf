// @vitest-environment jsdom
/**
 * The pairing screens' state (InviteFlow, JoinFlow) over the real protocol, with the pair room
 * replaced by docs passing updates in memory: the stages each screen shows, that nothing is
 * adopted before both people said yes, and the words each kind of invite uses.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { InviteFlow, JoinFlow, type JoinStage } from '../../../src/lib/state/pairing.svelte';
import { CLOSED_MESSAGE, type PairRequest } from '../../../src/lib/sync/pairing';
import type { InviteKind } from '../../../src/lib/keys';

const rooms = vi.hoisted(() => new Map<string, unknown[]>());

vi.mock('../../../src/lib/sync/peer-room', async () => {
  const Yjs = await import('yjs');
  const REMOTE = Symbol('remote');
  return {
    PeerRoom: {
      /** Every doc joined with the same secret gets every other's updates at once. */
      join: ({ doc, secret }: { doc: Y.Doc; secret: Uint8Array }) => {
        const key = Array.from(secret).join(',');
        const peers = (rooms.get(key) ?? []) as Y.Doc[];
        rooms.set(key, peers);
        for (const other of peers) {
          Yjs.applyUpdate(doc, Yjs.encodeStateAsUpdate(other), REMOTE);
          Yjs.applyUpdate(other, Yjs.encodeStateAsUpdate(doc), REMOTE);
        }
        peers.push(doc);
        const forward = (update: Uint8Array, origin: unknown): void => {
          if (origin === REMOTE) return;
          for (const other of peers) if (other !== doc) Yjs.applyUpdate(other, update, REMOTE);
        };
        doc.on('update', forward);
        return Promise.resolve({
          destroy: () => {
            doc.off('update', forward);
            peers.splice(peers.indexOf(doc), 1);
          },
        });
      },
    },
  };
});

const NETWORK = () => ({ signaling: [], iceServers: [], iceTransportPolicy: 'all' as const });

afterEach(() => {
  rooms.clear();
});

async function until<T>(read: () => T | null | undefined | false, ms = 5000): Promise<T> {
  for (let waited = 0; ; waited += 10) {
    const value = read();
    if (value) return value;
    if (waited > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function pair(kind: InviteKind) {
  const adopted: unknown[] = [];
  const approved: PairRequest[] = [];
  const inviter = new InviteFlow(kind, NETWORK, {
    payload: () => ({ secret: 'the vault', from: 'Laptop' }),
    approved: (request) => void approved.push(request),
    doneMessage: (request) => `${request.name} is paired.`,
  });
  const joiner = new JoinFlow(kind, NETWORK, {
    name: (chosen) => chosen ?? 'Chrome on Linux',
    adopt: (payload) => {
      adopted.push(payload);
      return Promise.resolve({ message: 'Paired with Laptop.' });
    },
  });
  return { inviter, joiner, adopted, approved };
}

/** The inviter's link, then the joiner asking under `name` until its code is on screen. */
async function ask(kind: InviteKind, name = 'Pixel 8') {
  const flows = pair(kind);
  await flows.inviter.start();
  const code = flows.inviter.invite?.code ?? '';
  const joining = flows.joiner.join(code, name);
  const shown = await until(() =>
    flows.joiner.state.stage === 'confirm' ? flows.joiner.state.code : null,
  );
  const request = await until(() => flows.inviter.invite?.requests[0]);
  return { ...flows, joining, shown, request };
}

describe('pairing screens', () => {
  it('show the same code on both sides, and hand over only after both said yes', async () => {
    const { inviter, joiner, adopted, approved, joining, shown, request } = await ask('device');
    expect(request.name).toBe('Pixel 8');
    expect(request.code).toBe(shown);
    expect(shown).toMatch(/^\d{6}$/);

    // Approved first: the joiner still holds nothing until its person confirms.
    const approving = inviter.approve(request);
    await until(() => inviter.invite?.stage === 'approving');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adopted).toEqual([]);
    expect(joiner.state.stage).toBe('confirm');

    joiner.confirm();
    await joining;
    await approving;
    expect(joiner.state).toEqual({ stage: 'done', message: 'Paired with Laptop.' });
    expect(adopted).toEqual([{ secret: 'the vault', from: 'Laptop' }]);
    expect(inviter.invite?.stage).toBe('done');
    expect(inviter.invite?.outcome).toBe('Pixel 8 is paired.');
    expect(approved.map((r) => r.name)).toEqual(['Pixel 8']);
  });

  it('wait for the approval after the joiner confirmed', async () => {
    const { inviter, joiner, adopted, joining, shown, request } = await ask('device');
    joiner.confirm();
    expect(joiner.state).toMatchObject<Partial<JoinStage>>({ stage: 'waiting', code: shown });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adopted).toEqual([]);
    void inviter.approve(request);
    await joining;
    expect(joiner.state.stage).toBe('done');
  });

  it('approve only a request that has the code the person compared', async () => {
    const { inviter, adopted, request } = await ask('device');
    await inviter.approve({ ...request, code: '' });
    expect(inviter.invite?.stage).toBe('waiting');
    await inviter.approve({ ...request, code: request.code === '000000' ? '111111' : '000000' });
    expect(inviter.invite?.stage).toBe('waiting');
    expect(inviter.invite?.requests).toHaveLength(1);
    expect(adopted).toEqual([]);
  });

  it('end on both screens, with nothing shared, when the joiner says the codes differ', async () => {
    const { inviter, joiner, adopted, joining } = await ask('device');
    joiner.reject();
    await joining;
    expect(joiner.state.stage).toBe('failed');
    expect(joiner.state.stage === 'failed' && joiner.state.message).toMatch(/Nothing was shared/);
    await until(() => inviter.invite?.stage === 'closed');
    expect(inviter.invite?.outcome).toBe(CLOSED_MESSAGE.mismatch);
    expect(inviter.invite?.closedReason).toBe('mismatch');
    expect(adopted).toEqual([]);
  });

  it('speak of a person, not a device, to someone invited to talk', async () => {
    const { inviter, joiner, joining, request } = await ask('contact', 'Bob');
    await inviter.decline(request);
    await joining;
    expect(joiner.state).toEqual({
      stage: 'failed',
      message: 'The invite wasn’t approved this time. Nothing was shared.',
    });
  });

  it('refuse an invite of the other kind before anything touches the network', async () => {
    const device = pair('device');
    await device.inviter.start();
    const contact = pair('contact');
    await contact.joiner.join(device.inviter.invite?.code ?? '', 'Bob');
    expect(contact.joiner.state).toEqual({
      stage: 'failed',
      message: 'This invite is for adding a device, not for talking with someone.',
    });
    expect(rooms.size).toBe(1);
  });

  it('clear a finished invite on dismiss, and keep an open one', async () => {
    const { inviter, joiner, joining, request } = await ask('device');
    inviter.dismiss();
    expect(inviter.invite?.stage).toBe('waiting');
    joiner.confirm();
    await inviter.approve(request);
    await joining;
    inviter.dismiss();
    expect(inviter.invite).toBeNull();
  });
});
