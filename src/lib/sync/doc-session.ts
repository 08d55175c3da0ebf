/**
 * A Y.Doc that is kept on this device (LocalPersistence) and, once loaded, shared in a peer
 * room derived from a secret — what one conversation is. The room is joined only after the
 * local load, so peers never see (or overwrite) a half-loaded document.
 */
import * as Y from 'yjs';
import { docId, type RoomKind } from '../keys';
import { LocalPersistence } from './local-persistence';
import { PeerRoom, type PeerRoomOptions } from './peer-room';

export interface DocSessionOptions extends Omit<PeerRoomOptions, 'doc'> {
  /** Prefix of the local database name; the rest is derived from the secret. */
  dbPrefix?: string;
}

export class DocSession {
  readonly doc = new Y.Doc();
  readonly persistence: LocalPersistence;
  readonly ready: Promise<void>;
  room: PeerRoom | null = null;
  #destroyed = false;
  #options: DocSessionOptions;
  /** Joins and rejoins, one at a time: two can never leave a room behind each other. */
  #joining: Promise<void> = Promise.resolve();

  private constructor(dbName: string, options: DocSessionOptions) {
    this.#options = options;
    this.persistence = new LocalPersistence(dbName, this.doc);
    this.ready = this.persistence.whenReady.then(async () => {
      if (this.#destroyed) return;
      const room = await PeerRoom.join({ ...options, doc: this.doc });
      if (this.#destroyed) room.destroy();
      else this.room = room;
    });
    this.ready.catch(() => {}); // reported through persistence.status
  }

  /** The local database for a document is named from its secret, never from a person. */
  static async open(options: DocSessionOptions): Promise<DocSession> {
    return new DocSession(await DocSession.dbName(options), options);
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
   * changed). The document stays loaded and kept on this device meanwhile.
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
      const room = await PeerRoom.join({ ...this.#options, doc: this.doc });
      if (this.#destroyed) room.destroy();
      else this.room = room;
    });
    this.#joining = next.catch(() => {});
    return next;
  }

  destroy(): void {
    this.#destroyed = true;
    this.room?.destroy();
    this.persistence.destroy();
    this.doc.destroy();
  }
}
