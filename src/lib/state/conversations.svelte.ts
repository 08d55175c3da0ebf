/**
 * Every contact's conversation, open on this device: one ConversationState per contact, opened
 * when the contact appears (here, or from another of my devices) — not when anything else in
 * the vault changes — and closed (room left, document let go) when the contact is removed, here
 * or on another of my devices; a removed conversation I chose to delete also leaves this device
 * (./deleted-copies.ts). Around them, what keeps them going:
 *
 * - DeliveryState sends scheduled replies on time (the only place draft text enters a
 *   conversation, ../conversation/delivery.ts); a conversation that opens wakes it;
 * - ArrivalsState archives what they send, and notifies calmly;
 * - my card is published into each conversation when it opens and when my profile changes;
 * - with no network, every conversation lets go of its peers, and picks up when it is back.
 *
 * Conversations are loaded one at a time, each in an idle moment (./open-queue.ts), after the
 * journal is up; one past its budget is not loaded at all (../sync/room-budget.ts). A reply
 * that is due moves its conversation to the front.
 *
 * Created by PeopleState, started by it once sync has started, and destroyed with it.
 */
import { untrack } from 'svelte';
import type * as Y from 'yjs';
import { myCard } from '../conversation';
import type { Network } from '../sync/network';
import type { ContactRecord, Profile } from '../vault';
import { ArrivalsState } from './arrivals.svelte';
import { ConversationState } from './conversation.svelte';
import { DeliveryState, type DeliveryDevice } from './delivery.svelte';
import { DeletedCopies } from './deleted-copies';
import { OpenQueue } from './open-queue';

export interface ConversationsOptions {
  network: () => Network;
  contacts: () => ContactRecord[];
  profile: () => Profile;
  /** Removed contacts whose conversation I chose to delete (from every device). */
  deleted?: () => ContactRecord[];
  /** This device, for delivery's rule (SyncState); none without sync. */
  device?: () => DeliveryDevice;
}

export class ConversationsState {
  readonly #doc: Y.Doc;
  readonly #options: ConversationsOptions;
  #open = $state<Record<string, ConversationState>>({});
  #delivery: DeliveryState | null = null;
  #arrivals: ArrivalsState | null = null;
  #stopEffects: (() => void) | null = null;
  readonly #queue: OpenQueue;
  readonly deletedCopies = new DeletedCopies();

  constructor(doc: Y.Doc, options: ConversationsOptions) {
    this.#doc = doc;
    this.#options = options;
    this.#queue = new OpenQueue((id) => this.#load(id));
  }

  start(): void {
    if (this.#stopEffects) return;
    this.#delivery = new DeliveryState(
      this.#doc,
      (id) => {
        const conversation = this.#open[id];
        // Past its budget nothing more is synced from or to it: a reply would never arrive.
        if (conversation?.exceeded === 'storage') return null;
        const doc = conversation?.doc ?? null;
        // Asked for because a reply to it is due: open it next.
        if (!doc) this.#queue.first(id);
        return doc;
      },
      this.#options.device,
    );
    this.#arrivals = new ArrivalsState(this.#doc, () =>
      this.#options.contacts().flatMap((contact) => {
        const conversation = this.#open[contact.id];
        return conversation ? [{ contact, conversation }] : [];
      }),
    );
    this.#stopEffects = $effect.root(() => {
      $effect(() => {
        const contacts = this.#options.contacts();
        untrack(() => this.#openAll(contacts));
      });
      $effect(() => {
        const deleted = this.#options.deleted?.() ?? [];
        untrack(() => this.#deleteCopies(deleted));
      });
      $effect(() => {
        const profile = this.#options.profile();
        const card = myCard(profile);
        for (const conversation of Object.values(this.#open)) {
          if (conversation.doc) untrack(() => conversation.publishMyCard(profile.memberId, card));
        }
      });
    });
    window.addEventListener('offline', this.#onOffline);
    window.addEventListener('online', this.#onOnline);
  }

  /** Scheduled replies' delivery, once `start()` has run; null before. */
  get delivery(): DeliveryState | null {
    return this.#delivery;
  }

  /** A contact's conversation, once `start()` has opened it; null before. */
  get(contactId: string): ConversationState | null {
    return this.#open[contactId] ?? null;
  }

  #openAll(contacts: readonly ContactRecord[]): void {
    // A contact removed (here, or on another of my devices): leave its room, stop syncing.
    const kept = new Set(contacts.map((c) => c.id));
    for (const id of Object.keys(this.#open)) if (!kept.has(id)) this.#close(id);
    for (const contact of contacts) {
      if (this.#open[contact.id]) continue;
      const conversation = new ConversationState(contact, this.#doc);
      this.#open = { ...this.#open, [contact.id]: conversation };
      this.#queue.add(contact.id);
    }
    // A reply already due moves its conversation to the front (through the accessor above).
    this.#delivery?.wake();
  }

  async #load(contactId: string): Promise<void> {
    const conversation = this.#open[contactId];
    const contact = this.#options.contacts().find((c) => c.id === contactId);
    if (!conversation || !contact) return;
    await conversation.open(contact, this.#options.network());
    // A reply that came due while this conversation was not open goes out now.
    this.#delivery?.wake();
  }

  #close(contactId: string): void {
    const conversation = this.#open[contactId];
    if (!conversation) return;
    this.#open = Object.fromEntries(Object.entries(this.#open).filter(([id]) => id !== contactId));
    conversation.destroy();
  }

  #deleteCopies(contacts: readonly ContactRecord[]): void {
    for (const contact of contacts) this.#close(contact.id); // its database must be let go first
    this.deletedCopies.delete(contacts);
  }

  // As for the vault (sync.svelte.ts): no network, no one to reach; pick up when it is back.
  #onOffline = (): void => {
    for (const c of Object.values(this.#open)) c.setOnline(false);
  };

  #onOnline = (): void => {
    for (const c of Object.values(this.#open)) c.setOnline(true);
  };

  destroy(): void {
    this.#queue.destroy();
    this.#stopEffects?.();
    this.#delivery?.destroy();
    this.#arrivals?.destroy();
    window.removeEventListener('offline', this.#onOffline);
    window.removeEventListener('online', this.#onOnline);
    for (const c of Object.values(this.#open)) c.destroy();
  }
}
