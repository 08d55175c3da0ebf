/**
 * One stored document online in its room: a PersistedDoc joined with a PeerRoom (the same
 * class the app uses: derived room name and password, awareness never published, stuck
 * negotiations retried). Joins, leaves and rejoins are queued, one at a time, because y-webrtc
 * allows one provider per room name and lets go of a name only after its key promise settles.
 *
 * When the store cannot write, the room is left until everything is on disk again: the home
 * peer stops vouching (syncing, relaying) for what it may not keep.
 *
 * A conversation keeps to the app's budget (src/lib/sync/room-budget.ts): past its storage
 * budget the home peer leaves its room for good (stored data stays; said once in the log); a
 * peer sending faster than people write makes it leave for RATE_PAUSE_MS, then come back.
 */
import type { RoomKind } from '../../src/lib/keys';
import type { Network } from '../../src/lib/sync/network';
import { PeerRoom, type PeerRoomStatus } from '../../src/lib/sync/peer-room';
import { RoomBudget, type BudgetReason } from '../../src/lib/sync/room-budget';
import { formatBytes } from '../../src/lib/util/format';
import { errorKind, type HomeLog } from './log';
import type { PersistedDoc } from './persisted-doc';

export type { Network } from '../../src/lib/sync/network';

export interface ServedDocOptions {
  label: string;
  persisted: PersistedDoc;
  secret: Uint8Array;
  kind: RoomKind;
  network: () => Network;
  peerOpts: Record<string, unknown>;
  /** y-webrtc's `maxConns` for this room: peers connected at once. */
  maxPeers: number;
  log: HomeLog;
  onStatus?: (status: PeerRoomStatus) => void;
  /** Keep this document to a storage budget of this many bytes, and its peers to PEER_RATE. */
  budgetBytes?: number;
}

/**
 * After a peer floods a conversation faster than people write, the home peer stays out of its
 * room this long: long enough that a runaway client costs little, short enough that the
 * person's own devices find it again soon.
 */
export const RATE_PAUSE_MS = 10 * 60_000;

/**
 * Peers per room. A person has a handful of devices; a conversation is two people's devices.
 * y-webrtc's default (20–34) would let one busy room hold dozens of WebRTC connections.
 */
export const MAX_PEERS_PER_ROOM = 12;

export class ServedDoc {
  readonly label: string;
  readonly persisted: PersistedDoc;
  readonly #options: ServedDocOptions;
  #room: PeerRoom | null = null;
  #queue: Promise<void> = Promise.resolve();
  #peers = 0;
  #destroyed = false;
  #budget: RoomBudget | null = null;
  /** Past its storage budget: the room is not joined again. */
  #overBudget = false;
  #pauseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ServedDocOptions) {
    this.#options = options;
    this.label = options.label;
    this.persisted = options.persisted;
    this.persisted.on('write-failed', this.#onWriteFailed);
    this.persisted.on('write-ok', this.#onWriteOk);
  }

  get peers(): number {
    return this.#peers;
  }

  /** The room, while joined. */
  get room(): PeerRoom | null {
    return this.#room;
  }

  /** Why this conversation stopped taking updates (while it has), or null. */
  get exceeded(): BudgetReason | null {
    return this.#overBudget ? 'storage' : (this.#budget?.exceeded ?? null);
  }

  #enqueue(step: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(step).catch((err: unknown) => {
      this.#options.log(`${this.label}: room trouble (${errorKind(err)})`);
    });
    return this.#queue;
  }

  /** Joins the room with the current network, unless already in it. */
  join(): Promise<void> {
    return this.#enqueue(() => this.#join());
  }

  /** Leaves and joins again (the servers changed). */
  rejoin(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#leave();
      await this.#join();
    });
  }

  async #join(): Promise<void> {
    if (this.#room || this.#destroyed || this.persisted.failing || this.#overBudget) return;
    if (this.#pauseTimer !== undefined) return;
    const { persisted, secret, kind, network, peerOpts, maxPeers } = this.#options;
    const { signaling, iceServers, iceTransportPolicy } = network();
    const budget = this.#newBudget();
    if (budget?.exceeded) return;
    const room = await PeerRoom.join({
      doc: persisted.doc,
      secret,
      kind,
      signaling,
      iceServers,
      iceTransportPolicy,
      peerOpts,
      admit: budget ? (peerId, message) => budget.admit(peerId, message) : undefined,
    });
    room.provider.maxConns = maxPeers;
    room.on('status', this.#onStatus);
    room.on('violation', this.#onViolation);
    this.#room = room;
    this.#onStatus(room.status);
  }

  /** A budget for the next stay in the room, counting from what is stored now. */
  #newBudget(): RoomBudget | null {
    const { budgetBytes } = this.#options;
    this.#budget?.off('exceeded', this.#onExceeded);
    this.#budget = null;
    if (budgetBytes === undefined) return null;
    const budget = new RoomBudget({
      storedBytes: this.persisted.storedBytes,
      limitBytes: budgetBytes,
    });
    this.#budget = budget;
    if (budget.exceeded) this.#onExceeded('storage');
    else budget.on('exceeded', this.#onExceeded);
    return budget;
  }

  #onExceeded = (reason: BudgetReason): void => {
    const { log } = this.#options;
    if (reason === 'storage') {
      if (this.#overBudget) return;
      this.#overBudget = true;
      log(
        `${this.label}: more than a conversation may keep (${formatBytes(this.#options.budgetBytes ?? 0)}); ` +
          `no longer taking its updates or joining its room (what is stored stays)`,
      );
    } else {
      log(
        `${this.label}: a peer sent updates faster than people write; ` +
          `leaving the room for ${RATE_PAUSE_MS / 60_000} min`,
      );
      this.#pauseTimer = setTimeout(() => {
        this.#pauseTimer = undefined;
        void this.join();
      }, RATE_PAUSE_MS);
      this.#pauseTimer.unref?.();
    }
    void this.#enqueue(() => this.#leave());
  };

  async #leave(): Promise<void> {
    const room = this.#room;
    if (!room) return;
    this.#room = null;
    room.off('status', this.#onStatus);
    room.off('violation', this.#onViolation);
    const keyReady = room.provider.key;
    room.destroy();
    // y-webrtc frees the room name in a callback on the same key promise, queued before ours.
    await keyReady;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#peers !== 0) {
      this.#peers = 0;
      this.#options.log(`${this.label}: left the room`);
    }
  }

  #onStatus = (status: PeerRoomStatus): void => {
    if (status.peers !== this.#peers) {
      const before = this.#peers;
      this.#peers = status.peers;
      this.#options.log(
        `${this.label}: ${status.peers} ${status.peers === 1 ? 'peer' : 'peers'} (was ${before})`,
      );
    }
    this.#options.onStatus?.(status);
  };

  /** A peer sent what peer-guard.ts refuses; PeerRoom dropped it. The reason is a label. */
  #onViolation = (reason: string): void => {
    this.#options.log(`${this.label}: dropped a peer that broke the rules (${reason})`);
  };

  #onWriteFailed = (error: Error): void => {
    this.#options.log(
      `${this.label}: cannot store an update (${errorKind(error)}); leaving the room until it can`,
    );
    void this.#enqueue(() => this.#leave());
  };

  #onWriteOk = (): void => {
    this.#options.log(`${this.label}: storing again; rejoining`);
    void this.join();
  };

  /** Leaves the room and stops storing; the doc is destroyed, stored data stays. */
  async destroy(): Promise<void> {
    this.#destroyed = true;
    clearTimeout(this.#pauseTimer);
    this.#budget?.off('exceeded', this.#onExceeded);
    await this.#enqueue(() => this.#leave());
    this.persisted.off('write-failed', this.#onWriteFailed);
    this.persisted.off('write-ok', this.#onWriteOk);
    this.persisted.destroy();
    this.persisted.doc.destroy();
  }
}
