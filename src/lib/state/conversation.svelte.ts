/**
 * One conversation as runes: its shared document (kept on this device, joined to its room),
 * the messages in order, the other person's card, and when we last heard from their side.
 * Created and destroyed by PeopleState, one per contact.
 */
import * as Y from 'yjs';
import {
  listMessages,
  messagesOf,
  membersOf,
  publishCard,
  readCard,
  type MemberCard,
  type Message,
} from '../conversation';
import { decodeSecret } from '../keys';
import { DocSession } from '../sync/doc-session';
import type { Network } from '../sync/network';
import type { PeerRoomStatus } from '../sync/peer-room';
import {
  CONVERSATION_BUDGET_BYTES,
  MAX_CONVERSATION_MESSAGES,
  type BudgetReason,
} from '../sync/room-budget';
import type { ContactRecord } from '../vault';
import { LastSynced } from './last-synced.svelte';
import { ConversationRecord } from './record.svelte';
import { ySubscriber } from './y-subscriber';

/** The loaded document and a tracker for each of its two parts. */
interface Loaded {
  doc: Y.Doc;
  trackMessages: () => void;
  trackMembers: () => void;
}

export class ConversationState {
  readonly contactId: string;
  readonly theirMemberId: string;
  readonly lastSynced: LastSynced;
  /** What my screen shows: my own record, compared with this document (given my vault). */
  readonly record: ConversationRecord | null;
  #session: DocSession | null = null;
  #loaded = $state.raw<Loaded | null>(null);
  #status = $state<PeerRoomStatus | null>(null);
  failed = $state('');
  /**
   * Why Mull stopped taking updates from their side (past the conversation's storage budget,
   * or sending faster than people write), or null (../sync/room-budget.ts).
   */
  exceeded = $state<BudgetReason | null>(null);

  readonly messages = $derived.by((): Message[] => {
    const loaded = this.#loaded;
    if (!loaded) return [];
    loaded.trackMessages();
    return listMessages(loaded.doc);
  });

  readonly theirCard = $derived.by((): MemberCard | null => {
    const loaded = this.#loaded;
    if (!loaded) return null;
    loaded.trackMembers();
    return readCard(loaded.doc, this.theirMemberId);
  });

  constructor(contact: ContactRecord, vault?: Y.Doc) {
    this.contactId = contact.id;
    this.theirMemberId = contact.theirMemberId;
    this.lastSynced = new LastSynced(contact.id);
    this.record = vault
      ? new ConversationRecord(vault, contact, () => {
          const loaded = this.#loaded;
          return loaded ? { doc: loaded.doc, messages: this.messages } : null;
        })
      : null;
  }

  #destroyed = false;
  #joinedWith = $state.raw<Network | null>(null);

  /** Loads the conversation kept on this device, then joins its room. */
  async open(contact: ContactRecord, network: Network): Promise<void> {
    this.#joinedWith = network;
    try {
      const session = await DocSession.open({
        secret: decodeSecret(contact.conversationSecret),
        kind: 'conv',
        signaling: network.signaling,
        iceServers: network.iceServers,
        iceTransportPolicy: network.iceTransportPolicy,
        budgetBytes: CONVERSATION_BUDGET_BYTES,
      });
      this.#session = session;
      if (this.#destroyed) return session.destroy(); // closed while it was opening
      this.exceeded = session.exceeded;
      if (this.exceeded === 'storage') return; // kept on disk, never loaded
      session.budget?.on('exceeded', this.#onExceeded);
      this.#armResume();
      await session.ready;
      if (this.#destroyed) return;
      if (this.#overCount(session.doc)) return; // past the count: not shown, room left
      session.doc.on('update', this.#onUpdate);
      session.room?.on('status', this.#onStatus);
      this.#onStatus(session.room?.status ?? null);
      if (!navigator.onLine) this.setOnline(false);
      this.show(session.doc);
    } catch (err) {
      this.failed = err instanceof Error ? err.message : String(err);
    }
  }

  /** The network its room was last joined with (servers, relay-only or not); null before. */
  get joinedWith(): Network | null {
    return this.#joinedWith;
  }

  /** Joins its room again when the network for it changed (../state/contact-network). */
  async rejoin(network: Network): Promise<void> {
    const session = this.#session;
    if (!session || this.#destroyed) return;
    if (JSON.stringify(network) === JSON.stringify(this.#joinedWith)) return;
    this.#joinedWith = network;
    session.room?.off('status', this.#onStatus);
    await session.rejoin(network);
    if (this.#destroyed) return;
    session.room?.on('status', this.#onStatus);
    this.#onStatus(session.room?.status ?? null);
    if (!navigator.onLine) this.setOnline(false);
  }

  /** Shows a loaded document (what `open` ends with; tests hand one in directly). */
  show(doc: Y.Doc): void {
    this.#loaded = {
      doc,
      trackMessages: ySubscriber(messagesOf(doc)),
      trackMembers: ySubscriber(membersOf(doc)),
    };
  }

  /**
   * Past MAX_CONVERSATION_MESSAGES (only a runaway or hostile client gets there): stop taking
   * updates as for the storage budget, and stop showing the shared document (my own record in
   * the vault still shows what I sent and what I kept).
   */
  #overCount(doc: Y.Doc): boolean {
    if (messagesOf(doc)._map.size <= MAX_CONVERSATION_MESSAGES) return false;
    this.#session?.budget?.stop('storage');
    this.exceeded = 'storage';
    this.#loaded = null;
    return true;
  }

  #onUpdate = (_update: Uint8Array, _origin: unknown, doc: Y.Doc): void => {
    if (this.#overCount(doc)) doc.off('update', this.#onUpdate);
  };

  #onExceeded = (reason: BudgetReason): void => {
    this.exceeded = reason;
    this.#armResume();
  };

  #resumeTimer: ReturnType<typeof setTimeout> | undefined;

  /** A rate pause (remembered across starts) ends at its time: the room is joined again. */
  #armResume(): void {
    clearTimeout(this.#resumeTimer);
    const at = this.#session?.budget?.resumeAt ?? null;
    if (at === null) return;
    this.#resumeTimer = setTimeout(
      () => void this.#resume(),
      Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1),
    );
  }

  async #resume(): Promise<void> {
    const session = this.#session;
    if (!session || this.#destroyed) return;
    await session.resume();
    if (this.#destroyed) return;
    this.exceeded = session.exceeded;
    session.room?.on('status', this.#onStatus);
    this.#onStatus(session.room?.status ?? null);
    if (!navigator.onLine) this.setOnline(false);
  }

  #onStatus = (status: PeerRoomStatus | null): void => {
    this.#status = status;
    this.lastSynced.follow(status);
  };

  get loaded(): boolean {
    return this.#loaded !== null;
  }

  /** The conversation's document, once loaded (for delivery and the archive). */
  get doc(): Y.Doc | null {
    return this.#loaded?.doc ?? null;
  }

  get connected(): boolean {
    return (this.#status?.peers ?? 0) > 0;
  }

  /** When something last arrived from their side (this session), or null. */
  get lastReceivedAt(): number | null {
    return this.#status?.lastReceivedAt ?? null;
  }

  setOnline(online: boolean): void {
    const provider = this.#session?.room?.provider;
    if (online) provider?.connect();
    else provider?.disconnect();
  }

  /** Publishes my card here, when loaded and only when something on it changed. */
  publishMyCard(memberId: string, card: Omit<MemberCard, 'updatedAt'>): void {
    const doc = this.doc;
    if (doc && memberId) publishCard(doc, memberId, card);
  }

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#resumeTimer);
    this.lastSynced.destroy();
    this.#session?.budget?.off('exceeded', this.#onExceeded);
    this.#session?.destroy();
  }
}
