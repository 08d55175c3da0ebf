import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createInvite, INVITE_TTL_MS } from '../../../src/lib/keys';
import {
  checkCode,
  createEphemeralKeys,
  openGrant,
  sealGrant,
} from '../../../src/lib/sync/pair-crypto';
import {
  INVITER_WAIT_MS,
  InviterSession,
  JoinerSession,
  PAIR_MAP,
  type PairRequest,
} from '../../../src/lib/sync/pairing';
import { linkDocs } from '../../helpers/linked-docs';

const sessions: { destroy(): void }[] = [];
afterEach(() => {
  sessions.splice(0).forEach((s) => s.destroy());
  vi.useRealTimers();
});

async function pairUp(): Promise<{
  inviter: InviterSession;
  joiner: JoinerSession;
  request: PairRequest;
  docs: [Y.Doc, Y.Doc];
}> {
  const invite = createInvite('device');
  const a = new Y.Doc();
  const b = new Y.Doc();
  linkDocs(a, b);
  const inviter = await InviterSession.open(a, invite);
  const joiner = await JoinerSession.open(b, invite, 'Pixel');
  sessions.push(inviter, joiner);
  const request = await vi.waitFor(() => {
    const [r] = inviter.requests;
    if (!r) throw new Error('no request yet');
    return r;
  });
  return { inviter, joiner, request, docs: [a, b] };
}

describe('pairing', () => {
  it('hands the payload to the approved device, and both screens show the same code', async () => {
    const { inviter, joiner, request } = await pairUp();
    expect(request.name).toBe('Pixel');
    await vi.waitFor(() => expect(joiner.checkCode).toBe(request.checkCode));
    await inviter.approve(request.joinerId, { vaultSecret: 'abc' });
    await expect(joiner.result).resolves.toEqual({ ok: true, payload: { vaultSecret: 'abc' } });
    await expect(inviter.whenAcknowledged(request.joinerId, 1000)).resolves.toBe(true);
    expect(inviter.closed).toBe('used');
  });

  it('closes quietly when a finished session is destroyed', async () => {
    const { inviter, joiner, request } = await pairUp();
    await inviter.approve(request.joinerId, { vaultSecret: 'abc' });
    await joiner.result;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      joiner.destroy();
      inviter.destroy();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('keeps the grant unreadable in the shared doc: only ciphertext is written', async () => {
    const { inviter, request, docs } = await pairUp();
    await inviter.approve(request.joinerId, { vaultSecret: 'very-secret-value' });
    const json = JSON.stringify(docs[1].getMap(PAIR_MAP).toJSON());
    expect(json).not.toContain('very-secret-value');
  });

  it('works once: a second joiner after approval is told it was used', async () => {
    const { inviter, request, docs } = await pairUp();
    await inviter.approve(request.joinerId, { ok: 1 });
    const late = new Y.Doc();
    linkDocs(docs[0], late).join(late);
    const second = await JoinerSession.open(late, inviter.invite, 'Intruder');
    sessions.push(second);
    await expect(second.result).resolves.toMatchObject({ ok: false, reason: 'used' });
    await expect(inviter.approve(second.joinerId, {})).rejects.toThrow(/used/);
  });

  it('a grant sealed for one joiner cannot be opened by another holding the same invite', async () => {
    const invite = createInvite('device');
    const inviterKeys = await createEphemeralKeys();
    const alice = await createEphemeralKeys();
    const mallory = await createEphemeralKeys();
    const sealed = await sealGrant(inviterKeys.keyPair, alice.publicKey, invite.secret, { s: 1 });
    await expect(
      openGrant(alice.keyPair, inviterKeys.publicKey, invite.secret, sealed),
    ).resolves.toEqual({ s: 1 });
    await expect(
      openGrant(mallory.keyPair, inviterKeys.publicKey, invite.secret, sealed),
    ).rejects.toThrow();
    const other = createInvite('device');
    await expect(
      openGrant(alice.keyPair, inviterKeys.publicKey, other.secret, sealed),
    ).rejects.toThrow();
  });

  it('declining tells the joiner kindly and removes the request', async () => {
    const { inviter, joiner, request } = await pairUp();
    inviter.decline(request.joinerId);
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'declined' });
    await vi.waitFor(() => expect(inviter.requests).toEqual([]));
  });

  it('an expired invite closes on the inviter and the joiner is told', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { joiner, inviter } = await pairUp();
    vi.advanceTimersByTime(INVITE_TTL_MS + 1);
    expect(inviter.closed).toBe('expired');
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'expired' });
  });

  it('a joiner that finds no inviter gives up with "no-answer"', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const joiner = await JoinerSession.open(new Y.Doc(), createInvite('device'), 'Alone');
    sessions.push(joiner);
    vi.advanceTimersByTime(INVITER_WAIT_MS + 1);
    await expect(joiner.result).resolves.toMatchObject({ ok: false, reason: 'no-answer' });
  });

  it('ignores malformed or oversized requests written by anyone in the room', async () => {
    const { inviter, docs } = await pairUp();
    const map = docs[1].getMap(PAIR_MAP);
    map.set('request/x', 'not an object');
    map.set('request/y', { name: 'a'.repeat(10_000), publicKey: 'k' });
    map.set('request/z', { name: 'NoKey' });
    map.set(`request/${'i'.repeat(100)}`, { name: 'LongId', publicKey: 'k' });
    await vi.waitFor(() => expect(inviter.requests.map((r) => r.name)).toEqual(['Pixel']));
  });

  it('a tampered grant is reported, not trusted', async () => {
    const { inviter, joiner, request, docs } = await pairUp();
    await inviter.approve(request.joinerId, { vaultSecret: 'x' });
    // (The joiner has already opened the real one; a fresh joiner gets a forged grant.)
    await joiner.result;
    const b2 = new Y.Doc();
    const fresh = await JoinerSession.open(b2, inviter.invite, 'Other');
    sessions.push(fresh);
    b2.getMap(PAIR_MAP).set('inviter', docs[0].getMap(PAIR_MAP).get('inviter'));
    b2.getMap(PAIR_MAP).set(`grant/${fresh.joinerId}`, { iv: 'AAAAAAAAAAAAAAAA', data: 'AAAA' });
    await expect(fresh.result).resolves.toMatchObject({ ok: false, reason: 'bad-grant' });
  });

  it('the check code is the same from both sides and differs between pairings', async () => {
    const a = await createEphemeralKeys();
    const b = await createEphemeralKeys();
    const c = await createEphemeralKeys();
    expect(await checkCode(a.publicKey, b.publicKey)).toMatch(/^\d{4}$/);
    expect(await checkCode(a.publicKey, b.publicKey)).toBe(
      await checkCode(a.publicKey, b.publicKey),
    );
    expect(await checkCode(a.publicKey, b.publicKey)).not.toBe(
      await checkCode(a.publicKey, c.publicKey),
    );
  });
});
