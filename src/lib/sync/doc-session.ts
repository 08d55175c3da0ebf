/**
 * A Y.Doc that is kept on this device (LocalPersistence) and, once loaded, shared in a peer
 * room derived from a secret — what one conversation is. The room is joined only after the
 * local load, so peers never see (or overwrite) a half-loaded document.
 *
 * With `budgetBytes`, the session keeps to a storage budget and a rate per peer
 * (room-budget.ts): a conversation already past its budget is not loaded at all, and one that
 * passes it (or a peer that floods it) makes the session leave its room (and not rejoin).
 */
import * as Y from 'yjs';
import { docId, type RoomKind } from '../keys';
import { LocalPersistence } from './local-persistence';
import { PeerRoom, type PeerRoomOptions } from './peer-room';
import {
  isOverBudget,
  markOverBudget,
  pausedUntil,
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
  #options: DocSessionOptions;
  /** Joins and rejoins, one at a time: two can never leave a room behind each other. */
  #joining: Promise<void> = Promise.resolve();

  private constructor(dbName: string, options: DocSessionOptions, budget: RoomBudget | null) {
    this.#dbName = dbName;
    this.#options = options;
    this.budget = budget;
    if (budget?.exceeded === 'storage') {
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
    this.ready = persistence.whenReady.then(() => this.#join());
    this.ready.catch(() => {}); // reported through persistence.status
  }

  /** Joins the room with the current options, unless closed or past the budget or rate. */
  async #join(): Promise<void> {
    if (this.#destroyed || this.exceeded) return;
    const budget = this.budget;
    const room = await PeerRoom.join({
      ...this.#options,
      doc: this.doc,
      admit: budget ? (peerId, message) => budget.admit(peerId, message) : undefined,
    });
    if (this.#destroyed || this.exceeded) room.destroy();
    else this.room = room;
  }

  /** The local database for a document is named from its secret, never from a person. */
  static async open(options: DocSessionOptions): Promise<DocSession> {
    const dbName = await DocSession.dbName(options);
    let budget: RoomBudget | null = null;
    if (options.budgetBytes !== undefined) {
      // Two small keys, read before anything is loaded: an over-budget document stays on disk.
      const record = await readBudgetRecord(dbName);
      budget = new RoomBudget({
        storedBytes: isOverBudget(record, options.budgetBytes)
          ? Math.max(record.storedBytes, options.budgetBytes)
          : record.storedBytes,
        limitBytes: options.budgetBytes,
        pausedUntil: pausedUntil(record),
      });
    }
    return new DocSession(dbName, options, budget);
  }

  static async dbName(options: Pick<DocSessionOptions, 'secret' | 'kind' | 'dbPrefix'>) {
    const id = await docId(options.secret, options.kind as RoomKind);
    return `${options.dbPrefix ?? 'mull-'}${id}`;
  }

  /**
   * Deletes the copy kept on this device (a conversation I chose to delete). Destroy any open
   * session first: the browser waits for every connection to the database to close.
   */
  static async deleteStored(
    options: Pick<DocSessionOptions, 'secret' | 'kind' | 'dbPrefix'>,
  ): Promise<void> {
    const name = await DocSession.dbName(options);
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('Could not delete ' + name));
    });
  }

  /**
   * Leaves the room and joins it again with other servers or another ICE policy (Settings
   * changed). The document stays loaded and kept on this device meanwhile. A session that
   * stopped taking updates (budget or rate) stays out.
   */
  rejoin(
    network: Pick<DocSessionOptions, 'signaling' | 'iceServers' | 'iceTransportPolicy'>,
  ): Promise<void> {
    const next = this.#joining.then(async () => {
      await this.ready;
      if (this.#destroyed) return;
      this.#options = { ...this.#options, ...network };
      this.room?.destroy();
      this.room = null;
      await this.#join();
    });
    this.#joining = next.catch(() => {});
    return next;
  }

  /**
   * Ends a rate pause (RoomBudget.resumeAt has come) and joins the room again; resolves once
   * joined. The caller (ConversationState) keeps the timer, as it follows the room's status.
   */
  resume(): Promise<void> {
    this.budget?.resume();
    const next = this.#joining.then(async () => {
      await this.ready;
      if (this.#destroyed || this.room) return;
      await this.#join();
    });
    this.#joining = next.catch(() => {});
    return next;
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
    markOverBudget(this.#dbName, new Date(), reason).catch((err: unknown) => {
      // Unmarked, the next start takes updates again only until the budget trips again.
      console.warn('Could not record that a conversation passed its budget', err);
    });
  };

  destroy(): void {
    this.#destroyed = true;
    this.budget?.off('exceeded', this.#onExceeded);
    this.room?.destroy();
    this.persistence?.destroy();
    this.doc.destroy();
  }
}
