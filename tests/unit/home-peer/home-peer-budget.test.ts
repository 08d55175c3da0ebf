/**
 * The home peer keeps each conversation to the app's budget: a contact flooding a conversation
 * is stopped at the budget (nothing more applied or stored, the room left for good, said once
 * in the log), and a conversation already stored past its budget is not even loaded. Real
 * DocStore (SQLite), PersistedDoc, ServedDoc, PeerRoom and guard; a stand-in RTCPeerConnection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSecret, docId, encodeSecret } from '../../../src/lib/keys';
import { addContact, contactsOf } from '../../../src/lib/vault';
import { DocStore } from '../../../server/home-peer/doc-store';
import { HomePeer } from '../../../server/home-peer/home-peer';
import { PersistedDoc } from '../../../server/home-peer/persisted-doc';
import { RATE_PAUSE_MS, ServedDoc } from '../../../server/home-peer/served-doc';
import { CONVERSATION_BUDGET_BYTES, PEER_RATE } from '../../../src/lib/sync/room-budget';
import { flood, updateMessage } from '../../helpers/flood';
import {
  connectFakePeer,
  fakeWrtc,
  isClosed,
  receiveFrame,
} from '../reliability/support/fake-wrtc';
import { until } from '../server/support/signal-server';

let dir: string;
let store: DocStore;
const served: ServedDoc[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mull-home-budget-'));
  store = DocStore.open(join(dir, 'store.sqlite'));
});

afterEach(async () => {
  await Promise.all(served.splice(0).map((s) => s.destroy()));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const BUDGET = 3_000_000;
const network = () => ({ signaling: [], iceServers: [] });

async function serve(name: string, lines: string[], budgetBytes?: number): Promise<ServedDoc> {
  const doc = new ServedDoc({
    label: 'conv test',
    persisted: PersistedDoc.open(store, name),
    secret: createSecret(),
    kind: 'conv',
    network,
    peerOpts: { wrtc: fakeWrtc },
    maxPeers: 12,
    log: (line) => lines.push(line),
    budgetBytes,
  });
  served.push(doc);
  await doc.join();
  return doc;
}

describe('home peer: a conversation’s budget', () => {
  it('without a budget, a flood is stored (the attack works)', async () => {
    const doc = await serve('conv-open', []);
    const conn = connectFakePeer(doc.room!.provider, 'flooder');
    await flood(conn, BUDGET + 1_000_000);
    expect(isClosed(conn)).toBe(false);
    expect(store.stats('conv-open').bytes).toBeGreaterThan(BUDGET);
  });

  it('stops storing and applying past the budget, leaves the room for good and says so once', async () => {
    const lines: string[] = [];
    const doc = await serve('conv-flooded', lines, BUDGET);
    const conn = connectFakePeer(doc.room!.provider, 'flooder');
    const sent = await flood(conn, 3 * BUDGET);

    expect(isClosed(conn)).toBe(true);
    expect(sent).toBeLessThan(BUDGET + 200_000);
    expect(doc.exceeded).toBe('storage');
    await until(() => doc.room === null);
    const stored = store.stats('conv-flooded').bytes;
    expect(stored).toBeLessThanOrEqual(BUDGET);
    const applied = doc.persisted.doc.getMap('messages').size;

    // Nothing more on the old connection, and no rejoining (not even when asked).
    const late = new Y.Doc();
    late.getMap('messages').set('late', { id: 'late' });
    receiveFrame(conn, updateMessage(Y.encodeStateAsUpdate(late)));
    await doc.join();
    await doc.rejoin();
    expect(doc.room).toBeNull();
    expect(doc.persisted.doc.getMap('messages').size).toBe(applied);
    expect(store.stats('conv-flooded').bytes).toBe(stored);

    const said = lines.filter((l) => l.includes('more than a conversation may keep'));
    expect(said).toEqual([
      'conv test: more than a conversation may keep (3.0 MB); no longer taking its updates or joining its room (what is stored stays)',
    ]);
  });

  it('leaves the room of a peer that floods faster than people write, for a while', async () => {
    const lines: string[] = [];
    const doc = await serve('conv-fast', lines, CONVERSATION_BUDGET_BYTES);
    const conn = connectFakePeer(doc.room!.provider, 'flooder');
    await flood(conn, CONVERSATION_BUDGET_BYTES);
    expect(isClosed(conn)).toBe(true);
    expect(doc.exceeded).toBe('rate');
    await until(() => doc.room === null);
    expect(store.stats('conv-fast').bytes).toBeLessThanOrEqual(PEER_RATE.byteBurst);
    await doc.join(); // not before the pause is over
    expect(doc.room).toBeNull();
    expect(lines.filter((l) => l.includes('faster than people write'))).toEqual([
      `conv test: a peer sent updates faster than people write; leaving the room for ${RATE_PAUSE_MS / 60_000} min`,
    ]);
  });

  it('does not load or serve a conversation stored past its budget; serves the others', async () => {
    const identity = {
      vaultSecret: createSecret(),
      deviceId: crypto.randomUUID(),
      deviceName: 'Home peer (test)',
      pairedAt: new Date().toISOString(),
      signaling: [],
      iceServers: [],
    };
    const big = createSecret();
    const small = createSecret();
    // The vault, as the person's devices left it: two contacts.
    const vault = new Y.Doc();
    for (const [name, secret] of [
      ['Sam', big],
      ['Robin', small],
    ] as const) {
      addContact(vault, {
        name,
        conversationSecret: encodeSecret(secret),
        theirMemberId: `member-${name}`,
      });
    }
    expect(contactsOf(vault).size).toBe(2);
    store.append(await docId(identity.vaultSecret, 'vault'), Y.encodeStateAsUpdate(vault));
    // Sam's conversation, stored past the budget.
    const flooded = new Y.Doc();
    flooded.getText('t').insert(0, 'x'.repeat(BUDGET + 1000));
    const bigName = await docId(big, 'conv');
    store.append(bigName, Y.encodeStateAsUpdate(flooded));

    const lines: string[] = [];
    const peer = await HomePeer.start({
      store,
      identity,
      network: network(),
      peerOpts: { wrtc: fakeWrtc },
      log: (line) => lines.push(line),
      maxRooms: 10,
      statusIntervalMs: 0,
      conversationBudgetBytes: BUDGET,
    });
    try {
      expect(peer.status.docs).toBe(2); // the vault and Robin's conversation
      const said = lines.filter((l) => l.includes('not loaded, not served'));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/^conv \S{6}: 3\.0 MB stored, more than a conversation may keep/);
      expect(lines.some((l) => l.startsWith(`conv ${bigName.slice(5, 11)}: loaded`))).toBe(false);
    } finally {
      await peer.stop();
    }
  });
});
