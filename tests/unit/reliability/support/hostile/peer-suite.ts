/**
 * Hostile bytes from a WebRTC peer, down the real path: a vault kept by LocalPersistence (in
 * fake-indexeddb) joined to its room by PeerRoom, whose connections are y-webrtc's own
 * WebrtcConn over a stand-in data channel (fake-wrtc.ts). Each input is one message (in parts
 * when large) from a new connection: random bytes, mutations of real sync messages and updates,
 * crafted updates (references to the future, subdocuments, endless nesting, counts in the
 * billions, the byte strings of yjs#479/#498/#687) and protocol abuse.
 *
 * Per input it records whether the guard refused it, and any damage: a refused message that
 * changed the doc or its stored rows, a message Yjs applied halfway, or a doc that no longer
 * accepts a trusted peer's next update. At checkpoints the stored rows are compared byte for
 * byte; at the end the database must load into a copy equal to the live doc.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { readAllRows, openYDatabase } from '../../../../../src/lib/sync/idb';
import { LocalPersistence } from '../../../../../src/lib/sync/local-persistence';
import {
  MAX_PEER_FRAME_BYTES,
  MESSAGE,
  PART_BYTES,
  splitMessage,
} from '../../../../../src/lib/sync/peer-guard';
import { PeerRoom } from '../../../../../src/lib/sync/peer-room';
import { ROOT } from '../../../../../src/lib/vault';
import { createPrng, type Prng } from '../../../../helpers/prng';
import { connectFakePeer, fakeWrtc, isClosed, openChannel, receiveFrame } from '../fake-wrtc';
import { randomEdit, vaultJson } from '../vault-edits';
import { inputPrng, mutateBytes, randomBytes, varUint } from './mutate';
import { settle, withFixedClock, type HostileSuite, type Outcome } from './suite';

const ROOTS = Object.values(ROOT);
/**
 * Rows are compacted and compared byte for byte this often (and at the end). Between
 * checkpoints the store stays far below the 500 rows at which LocalPersistence compacts on its
 * own, so every write to it is one some message caused.
 */
const CHECKPOINT_EVERY = 200;

const syncMessage = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  write(e);
  return encoding.toUint8Array(e);
};
const updateMessage = (update: Uint8Array) =>
  syncMessage((e) => syncProtocol.writeUpdate(e, update));
const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

/** A v1 update of hand-written structs (see yjs src/utils/encoding.js). */
function v1Update(client: number, clock: number, structs: ((e: encoding.Encoder) => void)[]) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, structs.length);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  for (const write of structs) write(e);
  encoding.writeVarUint(e, 0); // delete set
  return encoding.toUint8Array(e);
}

/** An item in root map `entries` with `content` (ref and writer). */
const rootItem =
  (ref: number, content: (e: encoding.Encoder) => void, key = 'x') =>
  (e: encoding.Encoder) => {
    encoding.writeUint8(e, 0x20 | ref); // parentSub, no origins
    encoding.writeVarUint(e, 1); // parent is a root type, by name
    encoding.writeVarString(e, ROOT.entries);
    encoding.writeVarString(e, key);
    content(e);
  };

/**
 * Updates written by hand to hit the places where Yjs trusts its input. `victim` is another
 * device of the person's, as seen in the doc's state vector: a forged struct in its name is
 * the way to break its later updates.
 */
function craftedUpdate(rnd: Prng, victim: { client: number; clock: number }): Uint8Array {
  const client = rnd.int(1, 2 ** 31);
  switch (rnd.int(0, 12)) {
    case 0: // an item whose origin lies in its own future
      return v1Update(client, 8, [
        (e) => {
          encoding.writeUint8(e, 0x80 | 4);
          encoding.writeVarUint(e, client);
          encoding.writeVarUint(e, rnd.int(8, 5000));
          encoding.writeVarString(e, 'x');
        },
      ]);
    case 12: {
      // the same, forged for another device of the person's, just ahead of where it is
      const clock = victim.clock + rnd.int(0, 20);
      const key = rnd.next() < 0.5;
      return v1Update(victim.client, clock, [
        (e) => {
          encoding.writeUint8(e, (key ? 0x20 : 0x80) | 4);
          if (key) {
            encoding.writeVarUint(e, 0); // parent by id, in the device's own future
            encoding.writeVarUint(e, victim.client);
            encoding.writeVarUint(e, clock + rnd.int(0, 500));
            encoding.writeVarString(e, 'k');
          } else {
            encoding.writeVarUint(e, victim.client);
            encoding.writeVarUint(e, clock + rnd.int(0, 500));
          }
          encoding.writeVarString(e, 'x');
        },
      ]);
    }
    case 1: // a subdocument with peer-chosen options
      return v1Update(client, 0, [
        rootItem(9, (e) => {
          encoding.writeVarString(e, 'guid');
          encoding.writeAny(e, { gc: 'no', autoLoad: true, meta: { a: 1 } });
        }),
      ]);
    case 2: {
      // arrays nested far deeper than any stack
      const depth = rnd.int(5_000, 50_000);
      return v1Update(client, 0, [
        rootItem(8, (e) => {
          encoding.writeVarUint(e, 1);
          for (let i = 0; i < depth; i++) {
            encoding.writeUint8(e, 117);
            encoding.writeVarUint(e, 1);
          }
          encoding.writeUint8(e, 127);
        }),
      ]);
    }
    case 3: // a deleted range of astronomical length
      return v1Update(client, 0, [rootItem(1, (e) => encoding.writeVarUint(e, 2 ** 50))]);
    case 4: {
      // a count of structs in the billions, with nothing behind it
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeUint8Array(e, Uint8Array.from(varUint(rnd.pick([2 ** 31, 2 ** 32 - 1]))));
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, 0);
      return encoding.toUint8Array(e);
    }
    case 5: {
      // a delete set of a million ranges promised, few given
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, 1_000_000);
      for (let i = 0; i < 10; i++) encoding.writeVarUint(e, i);
      return encoding.toUint8Array(e);
    }
    case 6: // a map item whose parent is an item that does not exist yet, far away
      return v1Update(client, 0, [
        (e) => {
          encoding.writeUint8(e, 0x20 | 4);
          encoding.writeVarUint(e, 0); // parent by id
          encoding.writeVarUint(e, rnd.int(1, 2 ** 31));
          encoding.writeVarUint(e, rnd.int(0, 2 ** 40));
          encoding.writeVarString(e, 'k');
          encoding.writeVarString(e, 'v');
        },
      ]);
    case 7: // an unknown content type
      return v1Update(client, 0, [rootItem(rnd.int(11, 31), (e) => encoding.writeUint8(e, 0))]);
    case 8: // a type ref that does not exist
      return v1Update(client, 0, [rootItem(7, (e) => encoding.writeVarUint(e, rnd.int(7, 99)))]);
    case 9: // garbage collected ranges of absurd length
      return v1Update(client, 0, [
        (e) => {
          encoding.writeUint8(e, 0);
          encoding.writeVarUint(e, 2 ** 52);
        },
      ]);
    case 10: // Y.applyUpdate(doc, Buffer.from('garbagedoc', 'base64')) hung forever (yjs#479)
      return new Uint8Array(Buffer.from('garbagedoc', 'base64'));
    default:
      // a zero-length update (yjs#498) and the v2 run-length bombs of yjs#687, sent as v1
      return rnd.pick([
        new Uint8Array(0),
        hex('00010000000001000100010200001602000001fdffffffff7f0000'),
        hex('000000000100020101010000010001000001fdffffffff0f0000'),
      ]);
  }
}

/** Messages that break the framing or the protocol rather than Yjs. */
function protocolAbuse(rnd: Prng): (Uint8Array | string)[] {
  const part = (total: number, offset: number, payload: Uint8Array): Uint8Array => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE.part);
    encoding.writeVarUint(e, total);
    encoding.writeVarUint(e, offset);
    encoding.writeUint8Array(e, payload);
    return encoding.toUint8Array(e);
  };
  switch (rnd.int(0, 9)) {
    case 0:
      return ['{"type":"sync"}'];
    case 1:
      return [new Uint8Array(MAX_PEER_FRAME_BYTES + rnd.int(1, 1000))];
    case 2: // a part announcing more than any vault
      return [part(2 ** 40, 0, randomBytes(rnd, 64))];
    case 3: // parts that skip, overlap or overrun
      return [
        part(3 * PART_BYTES, 0, new Uint8Array(PART_BYTES)),
        part(3 * PART_BYTES, 5, new Uint8Array(8)),
      ];
    case 4:
      return [part(100, 0, new Uint8Array(200))];
    case 5: // a message begun in parts, then abandoned for another
      return [part(2 * PART_BYTES, 0, new Uint8Array(PART_BYTES)), Uint8Array.of(0, 0, 0)];
    case 6: {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE.bcPeerId);
      encoding.writeUint8(e, 1);
      encoding.writeVarString(e, crypto.randomUUID());
      return [encoding.toUint8Array(e)];
    }
    case 7: {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE.awareness);
      encoding.writeVarUint8Array(e, randomBytes(rnd, 2000));
      return [encoding.toUint8Array(e)];
    }
    case 8:
      return [Uint8Array.from([...varUint(rnd.int(5, 2 ** 30)), ...randomBytes(rnd, 40)])];
    default:
      return [new Uint8Array(0)];
  }
}

const sameRows = (a: unknown[], b: unknown[]): boolean =>
  a.length === b.length &&
  a.every((row, i) => Buffer.from(row as Uint8Array).equals(Buffer.from(b[i] as Uint8Array)));

export class PeerMessageSuite implements HostileSuite {
  #seed = 0;
  #room!: PeerRoom;
  #doc!: Y.Doc;
  #persistence!: LocalPersistence;
  #dbName = '';
  #model = new Y.Doc();
  #modelRnd!: Prng;
  #trusted!: ReturnType<typeof connectFakePeer>;
  /** How many of the model's updates the trusted device has sent so far. */
  #delivered = 0;
  #samples: Uint8Array[] = [];
  #updates: Uint8Array[] = [];
  #updateEvents = 0;
  #writes = 0;
  #yjsErrors = 0;
  /** Whether anything but refusals happened since the last checkpoint. */
  #changedSinceCheckpoint = true;
  #rows: unknown[] = [];
  #problems: string[] = [];
  /** For debugging a replay: the live doc. */
  get doc(): Y.Doc {
    return this.#doc;
  }

  async setup(seed: number): Promise<void> {
    this.#seed = seed;
    this.#dbName = `hostile-peer-${seed}-${process.pid}-${Date.now()}`;
    // y-protocols reports an update Yjs refused (after the guard let it by) with console.error.
    const error = console.error;
    console.error = (...args: unknown[]) => {
      if (String(args[0]).includes('Caught error while handling a Yjs update')) this.#yjsErrors++;
      else if (!String(args[0]).startsWith('[yjs]')) error(...args);
    };

    // The material mutations start from: a realistic vault's updates and sync messages. The
    // vault gets only the first part of them, so mutated later ones are new to it (those are
    // the ones Yjs would apply halfway, or keep waiting).
    this.#model.clientID = 1000 + seed;
    this.#model.on('update', (u: Uint8Array) => this.#updates.push(u));
    this.#modelRnd = createPrng(seed);
    this.#editModel(400);
    this.#samples = [
      ...this.#updates.map(updateMessage),
      syncMessage((e) => syncProtocol.writeSyncStep1(e, this.#model)),
      syncMessage((e) => syncProtocol.writeSyncStep2(e, this.#model)),
    ];

    this.#countWrites();
    this.#doc = new Y.Doc();
    this.#persistence = new LocalPersistence(this.#dbName, this.#doc);
    await this.#persistence.whenReady;
    this.#room = await PeerRoom.join({
      doc: this.#doc,
      secret: new Uint8Array(32).fill(seed & 0xff),
      kind: 'vault',
      signaling: [],
      peerOpts: { wrtc: fakeWrtc },
    });
    this.#doc.on('update', () => this.#updateEvents++);
    // The person's other device, on a connection that stays open throughout.
    this.#trusted = connectFakePeer(this.#room.provider, 'my-other-device');
    // Connected, as far as PeerRoom's watchdog for stuck connections can tell.
    openChannel(this.#trusted);
    for (; this.#delivered < 100; this.#delivered++) {
      receiveFrame(this.#trusted, updateMessage(this.#updates[this.#delivered]!));
    }
    await settle();
  }

  /** Counts every write request to the vault's database. */
  #countWrites(): void {
    const dbName = this.#dbName;
    const counted = (): void => {
      this.#writes++;
    };
    for (const method of ['add', 'put', 'delete', 'clear'] as const) {
      const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
      (IDBObjectStore.prototype as unknown as Record<string, unknown>)[method] = function (
        this: IDBObjectStore,
        ...args: unknown[]
      ) {
        if (this.transaction.db.name === dbName) counted();
        return original.apply(this, args);
      };
    }
  }

  #editModel(edits: number): void {
    withFixedClock(Date.UTC(2026, 0, 1) + this.#updates.length * 60_000, () => {
      for (let i = 0; i < edits; i++) randomEdit(this.#model, this.#modelRnd);
    });
  }

  #frames(rnd: Prng): (Uint8Array | string)[] {
    const roll = rnd.next();
    if (roll < 0.1) return [randomBytes(rnd, 300)];
    if (roll < 0.5) return splitMessage(mutateBytes(rnd, rnd.pick(this.#samples), this.#samples));
    if (roll < 0.78) {
      const inner = mutateBytes(rnd, rnd.pick(this.#updates), this.#updates);
      return splitMessage(updateMessage(inner));
    }
    if (roll < 0.9) {
      const client = this.#model.clientID;
      const clock = Y.getState(this.#doc.store, client);
      return splitMessage(updateMessage(craftedUpdate(rnd, { client, clock })));
    }
    return protocolAbuse(rnd);
  }

  async run(index: number): Promise<Outcome> {
    const rnd = inputPrng(this.#seed, index);
    const frames = this.#frames(rnd);
    const conn = connectFakePeer(this.#room.provider, `hostile-${index}`);
    const before = { events: this.#updateEvents, yjsErrors: this.#yjsErrors, writes: this.#writes };
    for (const frame of frames) receiveFrame(conn, frame);
    await settle();
    const refused = isClosed(conn);
    if (!refused) conn.destroy();
    const changed = this.#updateEvents !== before.events;
    // What the guard let by may be stored even when nothing visible changed: Yjs keeps structs
    // whose dependencies are missing, and a compaction writes them too.
    if (!refused) this.#changedSinceCheckpoint = true;
    let damage: string | undefined;
    if (refused && changed) damage = 'a refused message changed the doc';
    else if (refused && this.#writes !== before.writes) damage = 'a refused message was stored';
    else if (changed && this.#yjsErrors !== before.yjsErrors) damage = 'Yjs applied it halfway';
    else if (!refused && !(await this.#acceptsTrustedUpdate())) {
      damage = 'the doc no longer takes a trusted peer’s updates';
    }
    if ((index + 1) % CHECKPOINT_EVERY === 0) await this.#checkpoint();
    return {
      verdict: refused ? 'refused' : changed ? 'accepted' : 'ignored',
      damage,
      note: !refused && this.#yjsErrors !== before.yjsErrors ? 'refused by Yjs' : undefined,
    };
  }

  /**
   * The person's other device sends its next change; it must arrive whole. A doc "poisoned"
   * by a struct Yjs keeps waiting would refuse it (the state of that device would not move).
   */
  async #acceptsTrustedUpdate(): Promise<boolean> {
    if (this.#delivered >= this.#updates.length) this.#editModel(50);
    const update = this.#updates[this.#delivered++]!;
    receiveFrame(this.#trusted, updateMessage(update));
    await settle();
    const { to } = Y.parseUpdateMeta(update);
    const state = Y.decodeStateVector(Y.encodeStateVector(this.#doc));
    return [...to].every(([client, clock]) => (state.get(client) ?? 0) >= clock);
  }

  /**
   * Stored rows must not have changed unless the doc did. Compaction rewrites rows on its own
   * schedule, so each checkpoint compacts first: the one row left is then the whole stored
   * state, byte for byte.
   */
  async #checkpoint(): Promise<void> {
    await this.#persistence.whenIdle();
    await this.#persistence.compact();
    const db = await openYDatabase(this.#dbName);
    const rows = (await readAllRows(db)).values;
    db.close();
    if (!this.#changedSinceCheckpoint && !sameRows(rows, this.#rows)) {
      this.#problems.push('stored rows changed while every message was refused');
    }
    this.#rows = rows;
    this.#changedSinceCheckpoint = false;
  }

  async finish(): Promise<string[]> {
    await this.#checkpoint();
    const copy = new Y.Doc();
    const loader = new LocalPersistence(this.#dbName, copy);
    try {
      await loader.whenReady;
      if (JSON.stringify(vaultJson(copy, ROOTS)) !== JSON.stringify(vaultJson(this.#doc, ROOTS))) {
        this.#problems.push('what is stored differs from the live doc');
      }
    } catch (err) {
      this.#problems.push(`the stored vault no longer loads: ${String(err)}`);
    }
    loader.destroy();
    this.#room.destroy();
    this.#persistence.destroy();
    return this.#problems;
  }
}
