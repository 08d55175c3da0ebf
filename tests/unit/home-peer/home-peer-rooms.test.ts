/**
 * The home peer keeps the vault and every conversation online: two devices that are never in
 * a room at the same time still meet through it, for the vault and for each conversation of
 * the vault's contacts — including contacts added while it runs — and a SIGKILL loses nothing
 * it had stored. Real processes: signaling server, the home peer CLI, and Mull devices in Node
 * with WebRTC (@roamhq/wrtc).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listMessages, type Message } from '../../../src/lib/conversation';
import { createSecret, deriveRoom, docId, encodeSecret } from '../../../src/lib/keys';
import { addContact, listEntries } from '../../../src/lib/vault';
import type { HomeIdentity } from '../../../server/home-peer/identity';
import { createServer } from 'node:http';
import { attachSignaling } from '../../../server/signaling/attach';
import { startSignalServer, type TestSignalServer } from '../server/support/signal-server';
import {
  startHomePeer,
  startMullPeer,
  until,
  type HomePeerProcess,
  type MullPeer,
} from '../../helpers/home-peer/processes';
import { readStoredDoc, seedDataDir } from '../../helpers/home-peer/stored-doc';

let server: TestSignalServer;
let dataDir: string;
const homePeers: HomePeerProcess[] = [];
const peers: MullPeer[] = [];

beforeEach(async () => {
  server = await startSignalServer();
  dataDir = mkdtempSync(join(tmpdir(), 'mull-home-rooms-'));
});

afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.quit()));
  await Promise.all(homePeers.splice(0).map((h) => h.kill()));
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function identity(): HomeIdentity {
  return {
    vaultSecret: createSecret(),
    deviceId: crypto.randomUUID(),
    deviceName: 'Home peer (test)',
    pairedAt: new Date().toISOString(),
    signaling: [],
    iceServers: [],
  };
}

const message = (id: string, from: string, text: string): Message => ({
  id,
  from,
  text,
  sentAt: new Date().toISOString(),
});

async function device(secret: Uint8Array, kind: 'vault' | 'conv'): Promise<MullPeer> {
  const peer = await startMullPeer({
    mode: 'room',
    signaling: server.url,
    kind,
    secret: encodeSecret(secret),
  });
  peers.push(peer);
  return peer;
}

async function quit(peer: MullPeer): Promise<void> {
  peers.splice(peers.indexOf(peer), 1);
  await peer.quit();
}

/** The texts of the messages the home peer has committed for conversation `name`. */
const storedMessages = (name: string): string[] =>
  listMessages(readStoredDoc(dataDir, name)).map((m) => m.text);

describe('home peer rooms', () => {
  it('carries conversations between devices that are never online together, following new contacts', async () => {
    const me = identity();
    const firstConversation = createSecret();
    await seedDataDir(dataDir, me, (vault) => {
      addContact(vault, {
        name: 'Robin',
        conversationSecret: encodeSecret(firstConversation),
        theirMemberId: 'robin-member',
      });
    });
    const home = startHomePeer(['--data', dataDir, '--signal', server.url]);
    homePeers.push(home);
    await home.waitFor(/ready: vault and 1 conversation,/);

    // Robin's phone writes in the conversation, sees the home peer store it, and goes away.
    const robinPhone = await device(firstConversation, 'conv');
    await until(() => robinPhone.peers === 1, 30_000, 'Robin meets the home peer');
    robinPhone.send({ op: 'message', message: message('m1', 'robin-member', 'Thinking of you.') });
    const firstName = await docId(firstConversation, 'conv');
    await until(() => storedMessages(firstName).length === 1, 20_000, 'm1 stored by the home peer');
    await quit(robinPhone);

    // My laptop was not online then; it gets the message from the home peer.
    const myLaptop = await device(firstConversation, 'conv');
    await until(
      () => myLaptop.view.messages.some((m) => m.text === 'Thinking of you.'),
      30_000,
      'm1 reaches my laptop through the home peer',
    );
    await quit(myLaptop);

    // A contact added on one of my devices while the home peer runs is followed at once.
    const secondConversation = createSecret();
    const myPhone = await device(me.vaultSecret, 'vault');
    await until(() => myPhone.peers === 1, 30_000, 'my phone meets the home peer');
    myPhone.send({
      op: 'contact',
      contact: {
        id: 'sam',
        name: 'Sam',
        conversationSecret: encodeSecret(secondConversation),
        theirMemberId: 'sam-member',
      },
    });
    await until(
      () => home.lines.filter((l) => /conv \S+: loaded/.test(l)).length === 2,
      20_000,
      'second conversation loaded',
    );
    const samTablet = await device(secondConversation, 'conv');
    await until(() => samTablet.peers === 1, 30_000, 'Sam meets the home peer');
    samTablet.send({ op: 'message', message: message('m2', 'sam-member', 'Soup on Sunday?') });
    const secondName = await docId(secondConversation, 'conv');
    await until(() => storedMessages(secondName).length === 1, 20_000, 'm2 stored');
    await quit(samTablet);
    const myTablet = await device(secondConversation, 'conv');
    await until(
      () => myTablet.view.messages.some((m) => m.text === 'Soup on Sunday?'),
      30_000,
      'm2 reaches me through the home peer',
    );
    await quit(myTablet);

    // Removing a contact makes the home peer leave that room; the stored history stays.
    myPhone.send({ op: 'remove-contact', id: 'sam' });
    await home.waitFor(/contact removed; left the room/, 20_000);
    expect(storedMessages(secondName)).toEqual(['Soup on Sunday?']);

    // The log has sizes and counts, never a room name, secret, name or word of content.
    const log = home.lines.join('\n');
    for (const secret of [me.vaultSecret, firstConversation, secondConversation]) {
      expect(log).not.toContain(encodeSecret(secret));
      for (const kind of ['vault', 'conv'] as const) {
        const room = await deriveRoom(secret, kind);
        expect(log).not.toContain(room.name);
        expect(log).not.toContain(room.password);
      }
    }
    for (const word of ['Robin', 'Sam', 'Thinking of you', 'Soup', 'robin-member', me.deviceId]) {
      expect(log).not.toContain(word);
    }
  }, 180_000);

  it('leaves a removed conversation, and deletes it from disk when the person chose to', async () => {
    const me = identity();
    const kept = createSecret();
    const deleted = createSecret();
    await seedDataDir(dataDir, me, (vault) => {
      addContact(vault, {
        id: 'robin',
        name: 'Robin',
        conversationSecret: encodeSecret(kept),
        theirMemberId: 'robin-member',
      });
      addContact(vault, {
        id: 'sam',
        name: 'Sam',
        conversationSecret: encodeSecret(deleted),
        theirMemberId: 'sam-member',
      });
    });
    const home = startHomePeer(['--data', dataDir, '--signal', server.url]);
    homePeers.push(home);
    await home.waitFor(/ready: vault and 2 conversations,/);
    const keptName = await docId(kept, 'conv');
    const deletedName = await docId(deleted, 'conv');
    for (const [secret, name, from] of [
      [kept, keptName, 'robin-member'],
      [deleted, deletedName, 'sam-member'],
    ] as const) {
      const theirs = await device(secret, 'conv');
      await until(() => theirs.peers === 1, 30_000, 'they meet the home peer');
      theirs.send({ op: 'message', message: message(`${from}-1`, from, `From ${from}`) });
      await until(() => storedMessages(name).length === 1, 20_000, 'stored by the home peer');
      await quit(theirs);
    }

    // From my phone: Robin removed (my copy kept), Sam removed with my copy deleted.
    const myPhone = await device(me.vaultSecret, 'vault');
    await until(() => myPhone.peers === 1, 30_000, 'my phone meets the home peer');
    myPhone.send({ op: 'remove-contact', id: 'robin' });
    await home.waitFor(/contact removed; left the room \(its data stays on disk\)/, 20_000);
    myPhone.send({ op: 'remove-contact', id: 'sam', deleteArchive: true });
    await home.waitFor(/deleted, as the person chose/, 20_000);
    expect(storedMessages(keptName)).toEqual(['From robin-member']);
    expect(storedMessages(deletedName)).toEqual([]);

    // Neither room is served any more: a device of theirs finds no one there.
    const robinAgain = await device(kept, 'conv');
    const samAgain = await device(deleted, 'conv');
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(robinAgain.peers).toBe(0);
    expect(samAgain.peers).toBe(0);
  }, 180_000);

  it('loses nothing it had stored when killed with SIGKILL, and rejoins with only --data', async () => {
    const me = identity();
    const vaultName = await seedDataDir(dataDir, me);
    const first = startHomePeer(['--data', dataDir, '--signal', server.url]);
    homePeers.push(first);
    await first.waitFor(/ready:/);

    const phone = await device(me.vaultSecret, 'vault');
    await until(() => phone.peers === 1, 30_000, 'phone meets the home peer');
    for (let i = 1; i <= 20; i++) phone.send({ op: 'entry', id: `e${i}`, body: `Entry ${i}` });
    // Acknowledged = stored: wait for some of the stream to be committed, then kill mid-way.
    await until(
      () => listEntries(readStoredDoc(dataDir, vaultName)).length >= 5,
      20_000,
      'some entries stored',
    );
    await first.kill();
    const acknowledged = listEntries(readStoredDoc(dataDir, vaultName)).map((e) => e.body);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    await quit(phone); // the phone takes every unsent entry away with it

    const second = startHomePeer(['--data', dataDir]);
    homePeers.push(second);
    await second.waitFor(/ready:/);
    const laptop = await device(me.vaultSecret, 'vault');
    await until(
      () => acknowledged.every((body) => laptop.view.entries.some((e) => e.body === body)),
      30_000,
      'every acknowledged entry reaches the laptop after the restart',
    );
    // The restarted home peer registered itself once, not twice.
    expect(laptop.view.devices.filter((d) => d.kind === 'home-peer')).toHaveLength(1);
  }, 120_000);

  it('reconnects by itself when the signaling server goes away and comes back', async () => {
    const me = identity();
    await seedDataDir(dataDir, me);
    const home = startHomePeer(['--data', dataDir, '--signal', server.url]);
    homePeers.push(home);
    await home.waitFor(/signaling: 1 of 1 connected/);

    const port = server.port;
    await server.close();
    await home.waitFor(/signaling: 0 of 1 connected \(reconnecting\)/, 10_000);
    // The same address again, as a restarted server would be (the afterEach closes it).
    server = await listenOn(port);
    await until(
      () => home.lines.filter((l) => /signaling: 1 of 1 connected/.test(l)).length === 2,
      20_000,
      'signaling reconnected',
    );
    const phone = await device(me.vaultSecret, 'vault');
    await until(() => phone.peers === 1, 30_000, 'a device meets it after the reconnect');
  }, 60_000);
});

/** A signaling server on a given port, shaped like startSignalServer's. */
async function listenOn(port: number): Promise<TestSignalServer> {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const signaling = attachSignaling(http, { log: () => {} });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  return {
    server: http,
    signaling,
    url: `ws://127.0.0.1:${port}/signal`,
    port,
    logs: [],
    close: async () => {
      await signaling.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
