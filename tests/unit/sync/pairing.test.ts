/**
 * The pairing protocol between honest parties (sync/pairing.ts). Attacks by a third party in
 * the pair room are in pairing-attacks.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createInvite, INVITE_TTL_MS, type InviteKind } from '../../../src/lib/keys';
import { formatCode } from '../../../src/lib/sync/pair-code';
import { createInviterKeys, inviterKeyHash, shortCode } from '../../../src/lib/sync/pair-crypto';
import {
  INVITER_WAIT_MS,
  InviterSession,
  JoinerSession,
  MAX_REQUESTS,
  PAIR_MAP,
  type PairRequest,
} from '../../../src/lib/sync/pairing';
import { linkDocs } from '../../helpers/linked-docs';

const sessions: { destroy(): void }[] = [];
afterEach(() => {
  sessions.splice(0).forEach((s) => s.destroy());
  vi.useRealTimers();
});

async function openInvite(kind: InviteKind = 'device', now = Date.now()) {
  const keys = await createInviterKeys();
  const invite = createInvite(kind, keys.keyHash, new Date(now));
  const doc = new Y.Doc();
  const inviter = await InviterSession.open(doc, invite, keys, { now: () => now });
  sessions.push(inviter);
  return { inviter, invite, keys, doc };
}

async function pairUp(name = 'Pixel 8') {
  const { inviter, invite, doc: a } = await openInvite();
  const b = new Y.Doc();
  const link = linkDocs(a, b);
  link.join(b);
  const joiner = await JoinerSession.open(b, invite, name);
  sessions.push(joiner);
  const request = await firstRequest(inviter);
  return { inviter, joiner, request, docs: [a, b] as const, link };
}

const firstRequest = (inviter: InviterSession): Promise<PairRequest> =>
  vi.waitFor(() => {
    const [r] = inviter.requests;
    if (!r) throw new Error('no request yet');
    return r;
  });

describe('pairing between honest devices', () => {
  it('hands the payload over once both people confirm the same six digits', async () => {
    const { inviter, joiner, request } = await pairUp();
    expect(request.name).toBe('Pixel 8');
    expect(request.code).toMatch(/^\d{6}$/);
    await vi.waitFor(() => expect(joiner.code).toBe(request.code));
    await inviter.approve(request, { vaultSecret: 'abc' });
    joiner.confirm();
    await expect(joiner.result).resolves.toEqual({ ok: true, payload: { vaultSecret: 'abc' } });
    // Acknowledged only once the app says it adopted the payload.
    await expect(inviter.whenAcknowledged(request.joinerId, 50)).resolves.toBe(false);
    joiner.acknowledge();
    await expect(inviter.outcome(request.joinerId, 1000)).resolves.toBe('acknowledged');
    expect(inviter.closed).toBe('used');
  });

  it('adopts nothing until the joiner’s person confirms, in either order', async () => {
    const { inviter, joiner, request } = await pairUp();
    await vi.waitFor(() => expect(joiner.code).not.toBeNull());
    joiner.confirm(); // before the grant
    let settled = false;
    void joiner.result.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    await inviter.approve(request, { s: 1 });
    await expect(joiner.result).resolves.toMatchObject({ ok: true });

    const second = await pairUp();
    await second.inviter.approve(second.request, { s: 2 });
    await second.joiner.settled();
    let done = false;
    void second.joiner.result.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false); // granted, not confirmed: nothing adopted
    await expect(second.inviter.whenAcknowledged(second.request.joinerId, 50)).resolves.toBe(false);
    second.joiner.confirm();
    await expect(second.joiner.result).resolves.toEqual({ ok: true, payload: { s: 2 } });
  });

  it('a joiner who says the codes differ adopts nothing and the invite closes on both sides', async () => {
    const { inviter, joiner, request } = await pairUp();
    await vi.waitFor(() => expect(joiner.code).not.toBeNull());
    joiner.reject();
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'rejected' });
    await vi.waitFor(() => expect(inviter.closed).toBe('mismatch'));
    await expect(inviter.approve(request, { s: 1 })).rejects.toThrow();
  });

  it('keeps the grant unreadable in the shared doc: only ciphertext is written', async () => {
    const { inviter, request, docs } = await pairUp();
    await inviter.approve(request, { vaultSecret: 'very-secret-value' });
    const json = JSON.stringify(docs[1].getMap(PAIR_MAP).toJSON());
    expect(json).not.toContain('very-secret-value');
  });

  it('works once: a joiner after approval is told it was used', async () => {
    const { inviter, request, docs, joiner } = await pairUp();
    await inviter.approve(request, { ok: 1 });
    joiner.confirm();
    await joiner.result;
    const late = new Y.Doc();
    linkDocs(docs[0], late).join(late);
    const second = await JoinerSession.open(late, inviter.invite, 'Tablet');
    sessions.push(second);
    await expect(second.result).resolves.toMatchObject({ ok: false, reason: 'used' });
  });

  it('declining tells the joiner kindly and removes the request', async () => {
    const { inviter, joiner, request } = await pairUp();
    await inviter.decline(request);
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'declined' });
    expect(inviter.requests).toEqual([]);
    expect(inviter.closed).toBeNull();
  });

  it('an expired invite closes on the inviter and the joiner is told', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { joiner, inviter } = await pairUp();
    vi.advanceTimersByTime(INVITE_TTL_MS + 1);
    expect(inviter.closed).toBe('expired');
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'expired' });
  });

  it('approve refuses after expiry by the clock, even if the timer has not fired', async () => {
    let now = Date.now();
    const keys = await createInviterKeys();
    const invite = createInvite('device', keys.keyHash, new Date(now));
    const a = new Y.Doc();
    const b = new Y.Doc();
    linkDocs(a, b);
    const inviter = await InviterSession.open(a, invite, keys, { now: () => now });
    const joiner = await JoinerSession.open(b, invite, 'Laptop');
    sessions.push(inviter, joiner);
    const request = await firstRequest(inviter);
    now += INVITE_TTL_MS + 1000; // the machine slept through the timer
    await expect(inviter.approve(request, { s: 1 })).rejects.toThrow(/expired/);
    expect(inviter.closed).toBe('expired');
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'expired' });
  });

  it('a joiner that finds no inviter gives up with "no-answer"', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const keys = await createInviterKeys();
    const joiner = await JoinerSession.open(
      new Y.Doc(),
      createInvite('device', keys.keyHash),
      'Alone',
    );
    sessions.push(joiner);
    vi.advanceTimersByTime(INVITER_WAIT_MS + 1);
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'no-answer' });
  });

  it(`takes up to ${MAX_REQUESTS} honest requests (a retry after a decline works)`, async () => {
    const { inviter, invite, doc } = await openInvite();
    const first = new Y.Doc();
    linkDocs(doc, first).join(first);
    const j1 = await JoinerSession.open(first, invite, 'Old phone');
    sessions.push(j1);
    await inviter.decline(await firstRequest(inviter));
    await j1.result;
    const second = new Y.Doc();
    linkDocs(doc, second).join(second);
    const j2 = await JoinerSession.open(second, invite, 'New phone');
    sessions.push(j2);
    const request = await firstRequest(inviter);
    expect(request.name).toBe('New phone');
    await inviter.approve(request, { s: 1 });
    j2.confirm();
    await expect(j2.result).resolves.toMatchObject({ ok: true });
  });

  it('the invite pins the inviter’s key, and the code depends on every part of the transcript', async () => {
    const keys = await createInviterKeys();
    expect(keys.keyHash).toHaveLength(18);
    expect(await inviterKeyHash(keys.publicKey)).toEqual(keys.keyHash);
    const t = {
      joinerId: 'j',
      name: 'Pixel',
      info: {},
      inviterKey: 'I',
      inviterNonce: 'nI',
      joinerKey: 'J',
      joinerNonce: 'nJ',
    };
    const code = await shortCode(t);
    expect(code).toMatch(/^\d{6}$/);
    expect(formatCode('482193')).toBe('482 193');
    for (const field of Object.keys(t) as (keyof typeof t)[]) {
      const changed = { ...t, [field]: field === 'info' ? { a: 'b' } : `${t[field] as string}x` };
      expect(await shortCode(changed), field).not.toBe(code);
    }
  });

  it('the inviter hears when the joiner says no after the grant was sent', async () => {
    const { inviter, joiner, request } = await pairUp();
    await inviter.approve(request, { s: 1 });
    await joiner.settled();
    joiner.reject();
    await expect(inviter.outcome(request.joinerId, 1000)).resolves.toBe('rejected');
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'rejected' });
  });

  it('a code listener that throws does not end the pairing as interference', async () => {
    const { inviter, invite, doc } = await openInvite();
    const b = new Y.Doc();
    linkDocs(doc, b).join(b);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const joiner = await JoinerSession.open(b, invite, 'Phone');
    sessions.push(joiner);
    joiner.on('code', () => {
      throw new Error('a bug in a screen');
    });
    const request = await firstRequest(inviter);
    await inviter.approve(request, { s: 1 });
    joiner.confirm();
    await expect(joiner.result).resolves.toMatchObject({ ok: true });
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('pairs over a slow link that reorders updates (100–400 ms each way, each its own delay)', async () => {
    const { inviter, invite, doc: a } = await openInvite();
    const b = new Y.Doc();
    const REMOTE = Symbol('remote');
    const slow = (from: Y.Doc, to: Y.Doc): void => {
      from.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        setTimeout(() => Y.applyUpdate(to, update, REMOTE), 100 + Math.random() * 300);
      });
    };
    slow(a, b);
    slow(b, a);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a), REMOTE);
    const joiner = await JoinerSession.open(b, invite, 'Far away');
    sessions.push(joiner);
    joiner.on('code', () => joiner.confirm());
    const request = await vi.waitFor(
      () => {
        const [r] = inviter.requests;
        if (!r) throw new Error('no request yet');
        return r;
      },
      { timeout: 5000 },
    );
    await inviter.approve(request, { s: 1 });
    await expect(joiner.result).resolves.toEqual({ ok: true, payload: { s: 1 } });
    joiner.acknowledge();
    await expect(inviter.outcome(request.joinerId, 5000)).resolves.toBe('acknowledged');
  });

  it('a joiner that drops offline after asking picks up where it was when it is back', async () => {
    const { inviter, joiner, request, docs, link } = await pairUp();
    link.cut(docs[1]);
    await inviter.approve(request, { s: 1 }); // the grant waits in the inviter's doc
    joiner.confirm();
    await new Promise((r) => setTimeout(r, 30));
    link.join(docs[1]);
    await expect(joiner.result).resolves.toEqual({ ok: true, payload: { s: 1 } });
  });

  it('the joiner learns who invites it from the signed inviter field, and nothing else', async () => {
    const keys = await createInviterKeys();
    const invite = createInvite('contact', keys.keyHash);
    const a = new Y.Doc();
    const b = new Y.Doc();
    linkDocs(a, b).join(b);
    const inviter = await InviterSession.open(a, invite, keys, { name: '  Alice  ' });
    const joiner = await JoinerSession.open(b, invite, 'Bob');
    sessions.push(inviter, joiner);
    await vi.waitFor(() => expect(joiner.code).not.toBeNull());
    expect(joiner.inviterName).toBe('Alice');
    // A name written beside the signed field by anyone else is never read.
    b.getMap(PAIR_MAP).set('name', 'Mallory');
    expect(joiner.inviterName).toBe('Alice');
  });
});
