/**
 * The home peer's side of pairing (server/home-peer/pair.ts) against the app's real inviter
 * (InviterSession), over linked docs: it adopts the vault secret only once its person has
 * confirmed the six-digit code, and adopts nothing when they say no or say nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { joinAsDevice, PairingError, STOPPED_MESSAGE } from '../../../server/home-peer/pair';
import { createInvite, createSecret, encodeSecret } from '../../../src/lib/keys';
import { createInviterKeys } from '../../../src/lib/sync/pair-crypto';
import {
  InviterSession,
  JOIN_FAILURE_MESSAGE,
  type PairRequest,
} from '../../../src/lib/sync/pairing';
import { linkDocs } from '../../helpers/linked-docs';

const sessions: InviterSession[] = [];
afterEach(() => {
  sessions.splice(0).forEach((s) => s.destroy());
});

async function openInvite() {
  const keys = await createInviterKeys();
  const invite = createInvite('device', keys.keyHash);
  const inviterDoc = new Y.Doc();
  const inviter = await InviterSession.open(inviterDoc, invite, keys);
  sessions.push(inviter);
  const homeDoc = new Y.Doc();
  linkDocs(inviterDoc, homeDoc).join(homeDoc);
  return { inviter, invite, homeDoc };
}

const firstRequest = (inviter: InviterSession): Promise<PairRequest> =>
  vi.waitFor(
    () => {
      const [r] = inviter.requests;
      if (!r) throw new Error('no request yet');
      return r;
    },
    { timeout: 5000 },
  );

/** The person at the terminal: answers each code with `answer(code)`; keeps what was asked. */
function person(answer: (code: string) => boolean | null | Promise<boolean | null>) {
  const codes: string[] = [];
  return {
    codes,
    confirmCode: async (code: string) => {
      codes.push(code);
      return answer(code);
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(PairingError);
    return (err as Error).message;
  }
  throw new Error('expected pairing to fail');
}

describe('the home peer pairing', () => {
  it('adopts the vault secret once its person confirms the code the other device shows', async () => {
    const { inviter, invite, homeDoc } = await openInvite();
    const vaultSecret = createSecret();
    const log: string[] = [];
    const you = person(() => true);
    const paired = joinAsDevice(homeDoc, {
      invite,
      name: 'Home peer (nas)',
      confirmCode: you.confirmCode,
      log: (line) => log.push(line),
    });
    const request = await firstRequest(inviter);
    expect(request.name).toBe('Home peer (nas)');
    await inviter.approve(request, { vaultSecret: encodeSecret(vaultSecret) });

    await expect(paired).resolves.toEqual(vaultSecret);
    expect(you.codes).toEqual([request.code]);
    await expect(inviter.whenAcknowledged(request.joinerId, 2000)).resolves.toBe(true);
    // The log names neither the code nor the device.
    expect(log.join('\n')).not.toContain(request.code);
    expect(log.join('\n')).not.toContain('nas');
  });

  it('waits for the approval when its person confirms first, and says so', async () => {
    const { inviter, invite, homeDoc } = await openInvite();
    const log: string[] = [];
    const you = person(() => true);
    const paired = joinAsDevice(homeDoc, {
      invite,
      name: 'Home peer',
      confirmCode: you.confirmCode,
      log: (line) => log.push(line),
    });
    const request = await firstRequest(inviter);
    await vi.waitFor(() =>
      expect(log).toContain('pairing: code confirmed here; now approve it on your other device'),
    );
    const vaultSecret = createSecret();
    await inviter.approve(request, { vaultSecret: encodeSecret(vaultSecret) });
    await expect(paired).resolves.toEqual(vaultSecret);
  });

  it('adopts nothing when its person says the codes differ, even after approval, and the invite closes', async () => {
    const { inviter, invite, homeDoc } = await openInvite();
    let request: PairRequest | null = null;
    const you = person(async () => {
      // The other device approves before the person here has answered.
      request = await firstRequest(inviter);
      await inviter.approve(request, { vaultSecret: encodeSecret(createSecret()) });
      return false;
    });
    const message = await failure(
      joinAsDevice(homeDoc, {
        invite,
        name: 'Home peer',
        confirmCode: you.confirmCode,
        log: () => {},
      }),
    );
    expect(message).toBe(JOIN_FAILURE_MESSAGE.rejected);
    expect(request).not.toBeNull();
    await expect(inviter.whenAcknowledged(request!.joinerId, 300)).resolves.toBe(false);
  });

  it('tells the other device when its person says no before approving', async () => {
    const { inviter, invite, homeDoc } = await openInvite();
    const you = person(() => false);
    const message = await failure(
      joinAsDevice(homeDoc, {
        invite,
        name: 'Home peer',
        confirmCode: you.confirmCode,
        log: () => {},
      }),
    );
    expect(message).toBe(JOIN_FAILURE_MESSAGE.rejected);
    await vi.waitFor(() => expect(inviter.closed).toBe('mismatch'));
  });

  it('adopts nothing when there is no answer (input ended, Ctrl-C) or asking fails', async () => {
    const noAnswer = () => Promise.resolve(null);
    const terminalGone = () => Promise.reject(new Error('terminal gone'));
    const thrown = (): Promise<null> => {
      throw new Error('terminal gone');
    };
    for (const answer of [noAnswer, terminalGone, thrown]) {
      const { inviter, invite, homeDoc } = await openInvite();
      const message = await failure(
        joinAsDevice(homeDoc, { invite, name: 'Home peer', confirmCode: answer, log: () => {} }),
      );
      expect(message).toBe(STOPPED_MESSAGE);
      await vi.waitFor(() => expect(inviter.closed).toBe('mismatch'));
    }
  });

  it('stops asking when the other device declines while the question is open', async () => {
    const { inviter, invite, homeDoc } = await openInvite();
    let aborted = false;
    const paired = joinAsDevice(homeDoc, {
      invite,
      name: 'Home peer',
      confirmCode: (_code, signal) =>
        new Promise((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(null);
          }),
        ),
      log: () => {},
    });
    await inviter.decline(await firstRequest(inviter));
    expect(await failure(paired)).toBe(JOIN_FAILURE_MESSAGE.declined);
    expect(aborted).toBe(true);
  });
});
