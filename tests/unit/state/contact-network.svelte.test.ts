// @vitest-environment jsdom
/**
 * "Reach contacts only through a relay", wired as the app wires it (vault.svelte.ts): the
 * conversation rooms rejoin relay-only when it is turned on and a TURN server is configured;
 * the vault's room (my own devices) is never touched by it.
 */
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSecret, encodeSecret } from '../../../src/lib/keys';
import { CONTACT_REJOIN_MS } from '../../../src/lib/state/contact-network.svelte';
import { PeopleState } from '../../../src/lib/state/people.svelte';
import { SettingsState } from '../../../src/lib/state/settings.svelte';
import { SyncState } from '../../../src/lib/state/sync.svelte';
import { DeviceStore } from '../../../src/lib/sync/device-store';
import { addContact, setNetwork, type IceServer } from '../../../src/lib/vault';
import { freshDbName } from '../../helpers/db-name';

/** A signaling address nothing answers on: rooms are joined, and stay alone. */
const NOBODY = 'ws://127.0.0.1:9';
const TURN: IceServer = { urls: 'turn:127.0.0.1:3478', username: 'me', credential: 'secret' };

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !ok(); waited += 20) {
    if (waited > 5000) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const owned: { destroy(): void }[] = [];
afterEach(() => owned.splice(0).forEach((o) => o.destroy()));

async function app(iceServers: IceServer[]) {
  const doc = new Y.Doc();
  setNetwork(doc, { signaling: [NOBODY], iceServers });
  const sync = new SyncState(doc, new DeviceStore(freshDbName()));
  const people = new PeopleState(doc, () => sync.network);
  const settings = new SettingsState(doc);
  owned.push(people, sync);
  await sync.start();
  people.start();
  const sam = addContact(doc, {
    name: 'Sam',
    conversationSecret: encodeSecret(createSecret()),
    theirMemberId: 'sam-member',
  });
  flushSync();
  await until(() => people.conversation(sam)?.loaded === true, 'the conversation opens');
  return { sync, people, settings, conversation: () => people.conversation(sam)! };
}

describe('reach contacts only through a relay', () => {
  it('with a TURN server: conversation rooms rejoin relay-only, and back; the vault is untouched', async () => {
    const { sync, settings, conversation } = await app([TURN]);
    const vaultJoin = sync.joinedWith;
    expect(conversation().joinedWith?.iceTransportPolicy).not.toBe('relay');

    settings.setContactsViaRelay(true);
    flushSync();
    await until(
      () => conversation().joinedWith?.iceTransportPolicy === 'relay',
      'relay-only conversation',
    );
    expect(conversation().joinedWith?.iceServers).toEqual([TURN]);
    await new Promise((resolve) => setTimeout(resolve, CONTACT_REJOIN_MS * 2));
    expect(sync.joinedWith).toBe(vaultJoin); // the vault's room was not rejoined
    expect(sync.network.iceTransportPolicy).not.toBe('relay');

    settings.setContactsViaRelay(false);
    flushSync();
    await until(() => conversation().joinedWith?.iceTransportPolicy !== 'relay', 'direct again');
  });

  it('without a TURN server, nothing changes: a relay-only room would reach no one', async () => {
    const { settings, conversation } = await app([{ urls: 'stun:127.0.0.1:3478' }]);
    const before = conversation().joinedWith;
    settings.setContactsViaRelay(true);
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, CONTACT_REJOIN_MS * 2));
    expect(conversation().joinedWith).toBe(before);
    expect(conversation().joinedWith?.iceTransportPolicy).not.toBe('relay');
  });
});
