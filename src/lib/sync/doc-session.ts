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

  private constructor(dbName: string, options: DocSessionOptions) {
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
    const id = await docId(options.secret, options.kind as RoomKind);
    return new DocSession(`${options.dbPrefix ?? 'mull-'}${id}`, options);
  }

  destroy(): void {
    this.#destroyed = true;
    this.room?.destroy();
    this.persistence.destroy();
    this.doc.destroy();
  }
}
