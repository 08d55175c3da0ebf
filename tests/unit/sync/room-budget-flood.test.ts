/**
 * A contact whose client floods a conversation with valid updates, through the real
 * DocSession, PeerRoom, peer guard, y-webrtc, Yjs and LocalPersistence (a stand-in
 * RTCPeerConnection only: ../reliability/support/fake-wrtc.ts). The flood must stop being
 * applied and stored past the budget or the rate, while another conversation and the vault
 * keep working, and a reload must not load the flooded conversation again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocSession } from '../../../src/lib/sync/doc-session';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import {
  CONVERSATION_BUDGET_BYTES,
  PEER_RATE,
  readBudgetRecord,
} from '../../../src/lib/sync/room-budget';
import { freshDbName } from '../../helpers/db-name';
import { flood, updateMessage } from '../../helpers/flood';
import { readRows } from '../../helpers/raw-idb';
import {
  connectFakePeer,
  fakeWrtc,
  isClosed,
  receiveFrame,
} from '../reliability/support/fake-wrtc';
import { until } from '../server/support/signal-server';

const owned: { destroy(): void }[] = [];
afterEach(() => owned.splice(0).forEach((o) => o.destroy()));

let secretByte = 40;

async function openConversation(
  prefix: string,
  secret = new Uint8Array(32).fill(secretByte++),
  budgetBytes: number | undefined = CONVERSATION_BUDGET_BYTES,
): Promise<DocSession> {
  const session = await DocSession.open({
    secret,
    kind: 'conv',
    signaling: [],
    peerOpts: { wrtc: fakeWrtc },
    dbPrefix: prefix,
    budgetBytes,
  });
  owned.push(session);
  await session.ready;
  return session;
}

async function storedRowBytes(dbName: string): Promise<number> {
  const rows = await readRows(dbName);
  return rows.reduce((n, r) => n + (r.value as Uint8Array).length, 0);
}

/** Another conversation and the vault, each shown to still take and keep new writing. */
async function othersStillWork(prefix: string): Promise<void> {
  const other = await openConversation(prefix);
  const conn = connectFakePeer(other.room!.provider, 'friend');
  const theirs = new Y.Doc();
  theirs.getMap('messages').set('hello', { id: 'hello', text: 'Still here.' });
  receiveFrame(conn, updateMessage(Y.encodeStateAsUpdate(theirs)));
  await until(() => other.doc.getMap('messages').has('hello'));
  await other.persistence!.whenIdle();
  expect(other.persistence!.status.writeError).toBeNull();

  const vaultName = freshDbName('flood-vault');
  const vault = new Y.Doc();
  const local = new LocalPersistence(vaultName, vault);
  owned.push(local);
  await local.whenReady;
  vault.getMap('entries').set('e1', 'Today I wrote anyway.');
  await local.whenIdle();
  expect(local.status.writeError).toBeNull();
  expect((await readRows(vaultName)).length).toBe(1);
}

describe('a contact flooding a conversation', () => {
  it('without a budget, the flood is applied and stored (the attack works)', async () => {
    const prefix = `${freshDbName('flood-open')}-`;
    const session = await openConversation(prefix, undefined, undefined);
    const conn = connectFakePeer(session.room!.provider, 'flooder');
    const limit = 3_000_000;
    const sent = await flood(conn, limit + 1_000_000);
    await until(() => session.doc.getMap('messages').size > 190, 10_000);
    await session.persistence!.whenIdle();
    expect(isClosed(conn)).toBe(false);
    expect(sent).toBeGreaterThan(limit);
    expect(await storedRowBytes(session.persistence!.name)).toBeGreaterThan(limit);
  });

  it('stops applying and storing past the storage budget; a reload does not load it', async () => {
    const prefix = `${freshDbName('flood-budget')}-`;
    const secret = new Uint8Array(32).fill(7);
    const budgetBytes = 3_000_000; // under the rate's burst: the budget is what stops it
    const session = await openConversation(prefix, secret, budgetBytes);
    const conn = connectFakePeer(session.room!.provider, 'flooder');
    const sent = await flood(conn, 3 * budgetBytes);

    expect(isClosed(conn)).toBe(true);
    expect(session.exceeded).toBe('storage');
    expect(sent).toBeLessThan(budgetBytes + 200_000); // closed at the budget, not later
    await until(() => session.room === null);
    const applied = session.doc.getMap('messages').size;
    await session.persistence!.whenIdle();
    const dbName = session.persistence!.name;
    const stored = await storedRowBytes(dbName);
    expect(stored).toBeLessThanOrEqual(budgetBytes);
    expect(stored).toBeGreaterThan(budgetBytes * 0.8);

    // Nothing more gets in: not on the old connection.
    const late = new Y.Doc();
    late.getMap('messages').set('late', { id: 'late', text: 'more' });
    receiveFrame(conn, updateMessage(Y.encodeStateAsUpdate(late)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.doc.getMap('messages').size).toBe(applied);
    expect(await storedRowBytes(dbName)).toBe(stored);

    await othersStillWork(prefix);

    // A reload: the conversation is remembered as over its budget and not loaded at all.
    const record = await readBudgetRecord(dbName);
    expect(record.overBudgetAt).not.toBeNull();
    session.destroy();
    const reopened = await openConversation(prefix, secret, budgetBytes);
    expect(reopened.exceeded).toBe('storage');
    expect(reopened.persistence).toBeNull();
    expect(reopened.room).toBeNull();
    expect(reopened.doc.getMap('messages').size).toBe(0);
  }, 30_000);

  it('stops a flood at full speed at the rate limit, long before the budget', async () => {
    const prefix = `${freshDbName('flood-rate')}-`;
    const session = await openConversation(prefix);
    const conn = connectFakePeer(session.room!.provider, 'flooder');
    const sent = await flood(conn, CONVERSATION_BUDGET_BYTES);

    expect(isClosed(conn)).toBe(true);
    expect(session.exceeded).toBe('rate');
    expect(sent).toBeLessThanOrEqual(PEER_RATE.byteBurst + 100_000);
    await until(() => session.room === null);
    await session.persistence!.whenIdle();
    expect(await storedRowBytes(session.persistence!.name)).toBeLessThanOrEqual(
      PEER_RATE.byteBurst,
    );
    await othersStillWork(prefix);
  }, 60_000);
});
