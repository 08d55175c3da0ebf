/**
 * One conversation as runes: its shared document (kept on this device, joined to its room),
 * the messages in order, the other person's card, and when we last heard from their side.
 */
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
import type { PeerRoomStatus } from '../sync/peer-room';
import type { ContactRecord } from '../vault';
import type { Network } from './pairing.svelte';

export class ConversationState {
  readonly contactId: string;
  readonly theirMemberId: string;
  #session: DocSession | null = null;
  #version = $state(0);
  #status = $state<PeerRoomStatus | null>(null);
  loaded = $state(false);
  failed = $state('');

  readonly messages = $derived.by((): Message[] => {
    void this.#version;
    return this.#session ? listMessages(this.#session.doc) : [];
  });

  readonly theirCard = $derived.by((): MemberCard | null => {
    void this.#version;
    return this.#session ? readCard(this.#session.doc, this.theirMemberId) : null;
  });

  constructor(contact: ContactRecord) {
    this.contactId = contact.id;
    this.theirMemberId = contact.theirMemberId;
  }

  async open(contact: ContactRecord, network: Network): Promise<void> {
    try {
      const session = await DocSession.open({
        secret: decodeSecret(contact.conversationSecret),
        kind: 'conv',
        signaling: network.signaling,
        iceServers: network.iceServers,
        iceTransportPolicy: network.iceTransportPolicy,
      });
      this.#session = session;
      messagesOf(session.doc).observe(this.#bump);
      membersOf(session.doc).observe(this.#bump);
      await session.ready;
      session.room?.on('status', (status) => (this.#status = status));
      this.#status = session.room?.status ?? null;
      if (!navigator.onLine) this.setOnline(false);
      this.loaded = true;
      this.#bump();
    } catch (err) {
      this.failed = err instanceof Error ? err.message : String(err);
    }
  }

  #bump = (): void => {
    this.#version++;
  };

  /** The conversation's document, once loaded (for the sender and the archive). */
  get doc() {
    return this.loaded ? (this.#session?.doc ?? null) : null;
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

  publishMyCard(memberId: string, card: Omit<MemberCard, 'updatedAt'>): void {
    const doc = this.doc;
    if (doc && memberId) publishCard(doc, memberId, card);
  }

  destroy(): void {
    if (this.#session) {
      messagesOf(this.#session.doc).unobserve(this.#bump);
      membersOf(this.#session.doc).unobserve(this.#bump);
      this.#session.destroy();
    }
  }
}
