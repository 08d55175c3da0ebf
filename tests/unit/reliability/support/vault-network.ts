/**
 * An in-memory network of vault copies, each on its own "device": a Y.Doc kept in its own
 * fake-indexeddb database by the real LocalPersistence, talking y-protocols sync messages
 * (the ones y-webrtc sends) to the others. Like y-webrtc, a device answers sync step 1 with
 * step 2 and relays every change it applies, and every message it receives passes the real
 * PeerGuard first (so legitimate traffic that the guard refuses fails the run).
 *
 * The network is unkind on purpose: messages wait in one pool and leave in random order; some
 * are dropped or arrive twice; links and whole devices go away and come back (and then sync
 * step 1 and 2 again, as y-webrtc does on connect); a device may "reload": its doc is
 * destroyed and rebuilt from what its database holds.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { PeerGuard, splitMessage } from '../../../../src/lib/sync/peer-guard';
import { LocalPersistence } from '../../../../src/lib/sync/local-persistence';
import type { Prng } from '../../../helpers/prng';

const MESSAGE_SYNC = 0;

interface Message {
  from: number;
  to: number;
  /** Connection generation of the link when sent: a message never outlives its connection. */
  generation: number;
  bytes: Uint8Array;
}

export interface NetworkCounts {
  delivered: number;
  dropped: number;
  duplicated: number;
  guardRefusals: string[];
}

class Device {
  doc!: Y.Doc;
  persistence!: LocalPersistence;
  online = true;
  readonly remote: symbol;

  constructor(
    readonly index: number,
    readonly dbName: string,
  ) {
    this.remote = Symbol(`from peers of ${index}`);
  }
}

const syncMessage = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
};

export class VaultNetwork {
  readonly devices: Device[];
  readonly counts: NetworkCounts = { delivered: 0, dropped: 0, duplicated: 0, guardRefusals: [] };
  #pool: Message[] = [];
  /** Link state between devices i < j: up or down, and a generation bumped on every change. */
  #links = new Map<string, { up: boolean; generation: number }>();
  /** One PeerGuard per receiving end of a connection, new with every connection. */
  #guards = new Map<string, PeerGuard>();

  constructor(
    private readonly rnd: Prng,
    size: number,
    dbPrefix: string,
    /** Chance that a message is lost, or delivered twice. */
    private readonly lossRate = 0.03,
    private readonly duplicateRate = 0.05,
  ) {
    this.devices = Array.from({ length: size }, (_, i) => new Device(i, `${dbPrefix}-${i}`));
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) this.#links.set(`${i}:${j}`, { up: true, generation: 0 });
    }
  }

  async start(): Promise<void> {
    for (const device of this.devices) await this.#open(device);
    for (const device of this.devices) this.#handshakeAll(device);
  }

  #link(a: number, b: number) {
    return this.#links.get(a < b ? `${a}:${b}` : `${b}:${a}`)!;
  }

  #connected(a: number, b: number): boolean {
    return a !== b && this.devices[a]!.online && this.devices[b]!.online && this.#link(a, b).up;
  }

  async #open(device: Device): Promise<void> {
    const doc = new Y.Doc();
    // Client ids from the schedule's PRNG, so a replay makes the very same structs.
    doc.clientID = this.rnd.int(1, 2 ** 31 - 1);
    device.doc = doc;
    device.persistence = new LocalPersistence(device.dbName, doc);
    await device.persistence.whenReady;
    // Like y-webrtc's Room, every change is broadcast, including those that came from peers.
    doc.on('update', (update: Uint8Array) => {
      for (const other of this.devices) {
        if (!this.#connected(device.index, other.index)) continue;
        this.#send(device.index, other.index, (e) => syncProtocol.writeUpdate(e, update));
      }
    });
  }

  #send(from: number, to: number, write: (encoder: encoding.Encoder) => void): void {
    const generation = this.#link(from, to).generation;
    this.#pool.push({ from, to, generation, bytes: syncMessage(write) });
  }

  /** What y-webrtc does when a connection opens: each side sends sync step 1. */
  #handshake(a: number, b: number): void {
    this.#guards.delete(`${a}<${b}`);
    this.#guards.delete(`${b}<${a}`);
    this.#send(a, b, (e) => syncProtocol.writeSyncStep1(e, this.devices[a]!.doc));
    this.#send(b, a, (e) => syncProtocol.writeSyncStep1(e, this.devices[b]!.doc));
  }

  #handshakeAll(device: Device): void {
    for (const other of this.devices) {
      if (this.#connected(device.index, other.index)) this.#handshake(device.index, other.index);
    }
  }

  /** Delivers one message from the pool, chosen at random (so messages overtake each other). */
  deliverOne(reliable = false): boolean {
    if (this.#pool.length === 0) return false;
    const message = this.#pool.splice(this.rnd.int(0, this.#pool.length - 1), 1)[0]!;
    const { from, to, generation, bytes } = message;
    if (!this.#connected(from, to) || this.#link(from, to).generation !== generation) {
      this.counts.dropped++; // its connection closed while it was on the way
      return true;
    }
    if (!reliable && this.rnd.next() < this.lossRate) {
      this.counts.dropped++;
      return true;
    }
    if (!reliable && this.rnd.next() < this.duplicateRate) {
      this.counts.duplicated++;
      this.#pool.push(message);
    }
    this.#receive(from, to, bytes);
    return true;
  }

  #receive(from: number, to: number, bytes: Uint8Array): void {
    const device = this.devices[to]!;
    const key = `${to}<${from}`;
    let guard = this.#guards.get(key);
    if (!guard) {
      guard = new PeerGuard('vault');
      this.#guards.set(key, guard);
    }
    // The sender splits what is too large for one data-channel message, as PeerRoom does.
    let message: Uint8Array | null = null;
    for (const part of splitMessage(bytes)) {
      const verdict = guard.check(part);
      if (verdict.action === 'close') {
        this.counts.guardRefusals.push(verdict.reason);
        this.#guards.delete(key);
        return;
      }
      if (verdict.action === 'deliver') message = verdict.message;
    }
    if (!message) return;
    this.counts.delivered++;
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder); // MESSAGE_SYNC
    const reply = encoding.createEncoder();
    const type = syncProtocol.readSyncMessage(decoder, reply, device.doc, device.remote);
    if (type === syncProtocol.messageYjsSyncStep1) {
      this.#send(to, from, (e) => encoding.writeUint8Array(e, encoding.toUint8Array(reply)));
    }
  }

  /** Takes a link down (its messages in flight are lost) or brings it up (and syncs). */
  toggleLink(a: number, b: number): void {
    const link = this.#link(a, b);
    link.up = !link.up;
    link.generation++;
    if (this.#connected(a, b)) this.#handshake(a, b);
  }

  /** A device goes offline (everything in flight to or from it is lost) or back online. */
  toggleOnline(index: number): void {
    const device = this.devices[index]!;
    device.online = !device.online;
    for (const other of this.devices) {
      if (other !== device) this.#link(index, other.index).generation++;
    }
    if (device.online) this.#handshakeAll(device);
  }

  /** Closes the app on a device and opens it again: the doc is rebuilt from its database. */
  async reload(index: number): Promise<void> {
    const device = this.devices[index]!;
    await device.persistence.whenIdle();
    device.doc.destroy(); // destroys its LocalPersistence too
    for (const other of this.devices) {
      if (other !== device) this.#link(index, other.index).generation++;
    }
    await this.#open(device);
    this.#handshakeAll(device);
  }

  /** Everyone online, every link up, every message delivered, every pair synced again. */
  async heal(): Promise<void> {
    for (const device of this.devices) device.online = true;
    for (const link of this.#links.values()) {
      link.up = true;
      link.generation++;
    }
    this.#pool = [];
    for (let round = 0; round < 3; round++) {
      for (let a = 0; a < this.devices.length; a++) {
        for (let b = a + 1; b < this.devices.length; b++) this.#handshake(a, b);
      }
      while (this.deliverOne(true));
    }
    for (const device of this.devices) await device.persistence.whenIdle();
  }

  destroy(): void {
    for (const device of this.devices) (device.doc as Y.Doc | undefined)?.destroy();
  }
}
