// @vitest-environment jsdom
/**
 * Someone I blocked comes back through either door: asking to join my invite, or handing me
 * an invite of theirs. Both are refused quietly, and nothing is added. The real pairing
 * protocol between two people's PeopleStates; the pair room passes updates in memory.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { PeopleState } from '../../../src/lib/state/people.svelte';
import { blockMember, ensureMemberId, listContacts } from '../../../src/lib/vault';

const rooms = vi.hoisted(() => new Map<string, unknown[]>());

vi.mock('../../../src/lib/sync/peer-room', async () => {
  const Yjs = await import('yjs');
  const REMOTE = Symbol('remote');
  return {
    PeerRoom: {
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

const OFFLINE = () => ({ signaling: [], iceServers: [], iceTransportPolicy: 'all' as const });

async function until<T>(read: () => T | null | undefined | false, ms = 5000): Promise<T> {
  for (let waited = 0; ; waited += 10) {
    const value = read();
    if (value) return value;
    if (waited > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const owned: PeopleState[] = [];
afterEach(() => {
  owned.splice(0).forEach((p) => p.destroy());
  rooms.clear();
});

function person(name: string): { vault: Y.Doc; people: PeopleState; memberId: string } {
  const vault = new Y.Doc();
  const people = new PeopleState(vault, OFFLINE);
  owned.push(people);
  people.updateProfile({ displayName: name });
  return { vault, people, memberId: ensureMemberId(vault) };
}

describe('someone I blocked', () => {
  it('asking to join my invite is declined without asking me, with a quiet note', async () => {
    const alice = person('Alice');
    const bob = person('Bob');
    blockMember(alice.vault, bob.memberId, 'Bob');

    await alice.people.contactInvite.start();
    const code = alice.people.contactInvite.invite?.code ?? '';
    await bob.people.contactJoin.join(code);

    expect(bob.people.contactJoin.state).toEqual({
      stage: 'failed',
      message: 'The invite wasn’t approved this time. Nothing was shared.',
    });
    const invite = alice.people.contactInvite.invite;
    expect(invite?.stage).toBe('waiting'); // still open for someone else
    expect(invite?.requests).toEqual([]);
    expect(invite?.note).toMatch(/^Bob asked to join\. This person is blocked/);
    expect(listContacts(alice.vault)).toEqual([]);
    expect(listContacts(bob.vault)).toEqual([]);
    alice.people.contactInvite.cancel();
  });

  it('a request from anyone else is still mine to approve', async () => {
    const alice = person('Alice');
    const kim = person('Kim');
    blockMember(alice.vault, 'someone-else', 'Bob');
    await alice.people.contactInvite.start();
    void kim.people.contactJoin.join(alice.people.contactInvite.invite?.code ?? '');
    const request = await until(() => alice.people.contactInvite.invite?.requests[0]);
    expect(request.name).toBe('Kim');
    expect(alice.people.contactInvite.invite?.note).toBe('');
    alice.people.contactInvite.cancel();
  });

  it('handing me their invite: the grant is refused calmly and nothing is added', async () => {
    const alice = person('Alice');
    const bob = person('Bob');
    blockMember(alice.vault, bob.memberId, 'Bob');

    await bob.people.contactInvite.start();
    const joining = alice.people.contactJoin.join(bob.people.contactInvite.invite?.code ?? '');
    const request = await until(() => bob.people.contactInvite.invite?.requests[0]);
    await until(() => alice.people.contactJoin.state.stage === 'confirm');
    alice.people.contactJoin.confirm();
    void bob.people.contactInvite.approve(request);
    await joining;

    expect(alice.people.contactJoin.state).toEqual({
      stage: 'failed',
      message:
        'This invite is from Bob, who you blocked, so nothing was added. You can unblock people in Settings if you change your mind.',
    });
    expect(listContacts(alice.vault)).toEqual([]);
    // Alice's side never acknowledged, so Bob's side does not add her either.
    expect(listContacts(bob.vault)).toEqual([]);
  });

  it('once unblocked, can be added again', async () => {
    const alice = person('Alice');
    const bob = person('Bob');
    blockMember(alice.vault, bob.memberId, 'Bob');
    alice.people.unblock(bob.memberId);
    expect(alice.people.blocked).toEqual([]);

    await bob.people.contactInvite.start();
    const joining = alice.people.contactJoin.join(bob.people.contactInvite.invite?.code ?? '');
    const request = await until(() => bob.people.contactInvite.invite?.requests[0]);
    await until(() => alice.people.contactJoin.state.stage === 'confirm');
    alice.people.contactJoin.confirm();
    void bob.people.contactInvite.approve(request);
    await joining;
    expect(alice.people.contactJoin.state.stage).toBe('done');
    expect(listContacts(alice.vault).map((c) => c.name)).toEqual(['Bob']);
  });
});
