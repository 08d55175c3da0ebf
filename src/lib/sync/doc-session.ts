/**
 * A Y.Doc that is kept on this device (LocalPersistence) and, once loaded, shared in a peer
 * room derived from a secret — what one conversation is. The room is joined only after the
 * local load, so peers never see (or overwrite) a half-loaded document.
 *
 * With `budgetBytes`, the session keeps to a storage budget and a rate per peer
 * (room-budget.ts): a conversation already past its budget is not loaded at all, and one that
 * passes it (or a peer that floods it) makes the session leave its room for good.
 */
import * as Y from 'yjs';
import { docId, type RoomKind } from '../keys';
import { LocalPersistence } from './local-persistence';
import { PeerRoom, type PeerRoomOptions } from './peer-room';
import {
  isOverBudget,
  markOverBudget,
  readBudgetRecord,
  RoomBudget,
  type BudgetReason,
} from './room-budget';

export interface DocSessionOptions extends Omit<PeerRoomOptions, 'doc' | 'admit'> {
  /** Prefix of the local database name; the rest is derived from the secret. */
  dbPrefix?: string;
  /** Keep this document to a storage budget of this many bytes, and peers to PEER_RATE. */
  budgetBytes?: number;
}

export class DocSession {
  readonly doc = new Y.Doc();
  /** Null when the document is over its budget and was not loaded. */
  readonly persistence: LocalPersistence | null;
  readonly ready: Promise<void>;
  readonly budget: RoomBudget | null;
  room: PeerRoom | null = null;
  readonly #dbName: string;
  #destroyed = false;

  private constructor(dbName: string, options: DocSessionOptions, budget: RoomBudget | null) {
    this.#dbName = dbName;
    this.budget = budget;
    if (budget?.exceeded) {
      // Not loaded into memory at all: that is the point of the budget.
      this.persistence = null;
      this.ready = Promise.resolve();
      return;
    }
    const persistence = new LocalPersistence(dbName, this.doc, {
      countStoredBytes: budget !== null,
    });
    this.persistence = persistence;
    budget?.on('exceeded', this.#onExceeded);
    this.ready = persistence.whenReady.then(async () => {
      if (this.#destroyed || budget?.exceeded) return;
      const room = await PeerRoom.join({
        ...options,
        doc: this.doc,
        admit: budget ? (peerId, message) => budget.admit(peerId, message) : undefined,
      });
      if (this.#destroyed || budget?.exceeded) room.destroy();
      else this.room = room;
    });
    this.ready.catch(() => {}); // reported through persistence.status
  }

  /** The local database for a document is named from its secret, never from a person. */
  static async open(options: DocSessionOptions): Promise<DocSession> {
    const id = await docId(options.secret, options.kind as RoomKind);
    const dbName = `${options.dbPrefix ?? 'mull-'}${id}`;
    let budget: RoomBudget | null = null;
    if (options.budgetBytes !== undefined) {
      // Two small keys, read before anything is loaded: an over-budget document stays on disk.
      const record = await readBudgetRecord(dbName);
      budget = new RoomBudget({
        storedBytes: isOverBudget(record, options.budgetBytes)
          ? Math.max(record.storedBytes, options.budgetBytes)
          : record.storedBytes,
        limitBytes: options.budgetBytes,
      });
    }
    return new DocSession(dbName, options, budget);
  }

  /** Why this session stopped taking updates from its room, or null. */
  get exceeded(): BudgetReason | null {
    return this.budget?.exceeded ?? null;
  }

  /** Past the budget or the rate: leave the room; past the budget, remember it. */
  #onExceeded = (reason: BudgetReason): void => {
    // Called from inside the room's data handler: leave once that handler has returned.
    queueMicrotask(() => {
      this.room?.destroy();
      this.room = null;
    });
    if (reason === 'storage') {
      markOverBudget(this.#dbName).catch((err: unknown) => {
        // Unmarked, the next start takes updates again only until the budget trips again.
        console.warn('Could not record that a conversation passed its budget', err);
      });
    }
  };

  destroy(): void {
    this.#destroyed = true;
    this.budget?.off('exceeded', this.#onExceeded);
    this.room?.destroy();
    this.persistence?.destroy();
    this.doc.destroy();
  }
}
