/**
 * The people a person trusts, as runes: contacts, inviting someone, my profile, reply drafts
 * and what I almost sent, read marks. Their conversations are ConversationsState's, which
 * PeopleState creates, starts (once sync has started) and destroys.
 */
import type * as Y from 'yjs';
import type { ConversationItem } from '../conversation';
import { createSecret, encodeSecret } from '../keys';
import type { Network } from '../sync/network';
import { contactNetwork } from '../sync/relay-policy';
import {
  addContact,
  blockedOf,
  contactsOf,
  deletedConversations,
  deleteReflection,
  draftsOf,
  ensureMemberId,
  FALLBACK_NAME,
  getContact,
  getDraft,
  keptConversations,
  listBlocked,
  listContacts,
  listDrafts,
  setAsideDraft,
  listReflections,
  PROFILE_SETTINGS,
  readContactsViaRelay,
  readProfile,
  scheduleDraft,
  reflectionsOf,
  removeContact,
  settingsOf,
  SETTING,
  unscheduleDraft,
  unblockMember,
  updateProfile,
  type BlockedPerson,
  type ContactRecord,
  type DraftSnapshot,
  type EntrySnapshot,
  type Profile,
  type ProfilePatch,
  type Reflection,
  type RemoveChoices,
} from '../vault';
import { blockedRequestNote, refuseBlockedGrant } from './blocking';
import { ComposerState, sendAtFor, type SendAtPreset } from './composer.svelte';
import type { ConversationState } from './conversation.svelte';
import { followContactNetwork } from './contact-network.svelte';
import type { ConversationRecord } from './record.svelte';
import { ConversationsState } from './conversations.svelte';
import type { DeliveryDevice, DeliveryState } from './delivery.svelte';
import { storedLastSynced } from './last-synced.svelte';
import { InviteFlow, JoinFlow } from './pairing.svelte';
import { href } from './router.svelte';
import { downloadConversation } from './download-conversation';
import { ySubscriber } from './y-subscriber';

export class PeopleState {
  readonly #doc: Y.Doc;
  readonly #network: () => Network;
  readonly #trackContacts: () => void;
  readonly #trackProfile: () => void;
  readonly #trackDrafts: () => void;
  readonly #trackReflections: () => void;
  readonly #trackBlocked: () => void;
  readonly #conversations: ConversationsState;
  #stopFollowingNetwork: (() => void) | undefined;
  readonly #device: (() => DeliveryDevice) | undefined;

  readonly contacts = $derived.by((): ContactRecord[] => {
    this.#trackContacts();
    return listContacts(this.#doc);
  });

  /** People I blocked: their invites and requests are refused quietly. */
  /** People I removed whose conversation I kept: my copy can still be downloaded. */
  readonly kept = $derived.by((): ContactRecord[] => {
    this.#trackContacts();
    return keptConversations(this.#doc);
  });

  /** Offers my record of a conversation (a current contact's or a kept one) as a JSON file. */
  downloadConversation(contactId: string): Promise<void> {
    return downloadConversation(this.#doc, contactId);
  }

  readonly blocked = $derived.by((): BlockedPerson[] => {
    this.#trackBlocked();
    return listBlocked(this.#doc);
  });

  /** Removed contacts whose conversation I chose to delete from my devices. */
  readonly #deleted = $derived.by((): ContactRecord[] => {
    this.#trackContacts();
    return deletedConversations(this.#doc);
  });

  readonly profile = $derived.by((): Profile => {
    this.#trackProfile();
    return readProfile(this.#doc);
  });

  readonly drafts = $derived.by((): DraftSnapshot[] => {
    this.#trackDrafts();
    return listDrafts(this.#doc);
  });

  readonly reflections = $derived.by((): Reflection[] => {
    this.#trackReflections();
    return listReflections(this.#doc);
  });

  constructor(doc: Y.Doc, network: () => Network, device?: () => DeliveryDevice) {
    this.#doc = doc;
    // Rooms with contacts (conversations, contact invites) honour "only through a relay".
    const trackRelay = ySubscriber(settingsOf(doc), { keys: [SETTING.contactsViaRelay] });
    this.#network = () => (trackRelay(), contactNetwork(network(), readContactsViaRelay(doc)));
    this.#device = device;
    this.#trackContacts = ySubscriber(contactsOf(doc), { deep: true });
    this.#trackProfile = ySubscriber(settingsOf(doc), { keys: PROFILE_SETTINGS });
    this.#trackDrafts = ySubscriber(draftsOf(doc), { deep: true });
    this.#trackReflections = ySubscriber(reflectionsOf(doc));
    this.#trackBlocked = ySubscriber(blockedOf(doc));
    this.#conversations = new ConversationsState(doc, {
      network: this.#network,
      contacts: () => this.contacts,
      profile: () => this.profile,
      deleted: () => this.#deleted,
      device,
    });
  }

  /** Delivery of scheduled replies, and its questions (DueQuestion); null before `start()`. */
  get delivery(): DeliveryState | null {
    return this.#conversations.delivery;
  }

  /** Opens every contact's conversation and starts delivering scheduled replies. */
  start(): void {
    ensureMemberId(this.#doc);
    this.#conversations.start();
    this.#stopFollowingNetwork ??= followContactNetwork(this.#network, () =>
      this.contacts.flatMap((c) => this.conversation(c.id) ?? []),
    );
  }

  conversation(contactId: string): ConversationState | null {
    return this.#conversations.get(contactId);
  }

  contact(contactId: string): ContactRecord | null {
    return this.contacts.find((c) => c.id === contactId) ?? null;
  }

  /** What my screen shows of a conversation, from my own record (state/record.svelte.ts). */
  record(contactId: string): ConversationRecord | null {
    return this.conversation(contactId)?.record ?? null;
  }

  /** Latest message in a conversation (theirs or mine), by when my device saw it, or null. */
  latest(contactId: string): ConversationItem | null {
    return this.record(contactId)?.latest ?? null;
  }

  /** A private marker: something from their side first seen after the last one I read. */
  unread(contactId: string): boolean {
    return this.record(contactId)?.unread ?? false;
  }

  markRead(contactId: string): void {
    this.record(contactId)?.markRead();
  }

  /** The local day (`YYYY-MM-DD`) this device last exchanged anything with their side. */
  lastSynced(contactId: string): string | null {
    const conversation = this.#conversations.get(contactId);
    return conversation ? conversation.lastSynced.day : storedLastSynced(contactId);
  }

  // ——— Inviting someone ———

  readonly contactInvite = new InviteFlow('contact', () => this.#network(), {
    payload: () => ({
      conversationSecret: encodeSecret(createSecret()),
      name: readProfile(this.#doc).displayName || FALLBACK_NAME,
      memberId: ensureMemberId(this.#doc),
    }),
    approved: (request, payload) => {
      const p = payload as { conversationSecret: string };
      const memberId = request.info.memberId;
      if (!memberId) return;
      addContact(this.#doc, {
        name: request.name,
        conversationSecret: p.conversationSecret,
        theirMemberId: memberId,
      });
    },
    doneMessage: (request, acknowledged) =>
      acknowledged
        ? `${request.name} is in your contacts now.`
        : `${request.name} didn’t confirm before the invite ran out, so they weren’t added. Make a new invite when you’re both ready.`,
    inviterName: () => readProfile(this.#doc).displayName || FALLBACK_NAME,
    refuse: (request) => blockedRequestNote(this.#doc, request),
  });

  /**
   * Accepting someone's invite. `chosen` is the name the person typed when they had none yet:
   * it becomes their profile's name, the one every contact sees.
   */
  readonly contactJoin = new JoinFlow('contact', () => this.#network(), {
    name: (chosen) => {
      if (chosen?.trim() && !readProfile(this.#doc).displayName) {
        updateProfile(this.#doc, { displayName: chosen });
      }
      return readProfile(this.#doc).displayName || FALLBACK_NAME;
    },
    info: () => ({ memberId: ensureMemberId(this.#doc) }),
    adopt: async (payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      const secret = typeof p.conversationSecret === 'string' ? p.conversationSecret : '';
      const memberId = typeof p.memberId === 'string' ? p.memberId : '';
      const name = typeof p.name === 'string' && p.name.trim() ? p.name : FALLBACK_NAME;
      if (!secret || !memberId) {
        throw new Error('The invite didn’t hand over what it should. Nothing was changed.');
      }
      refuseBlockedGrant(this.#doc, memberId);
      const id = addContact(this.#doc, {
        name,
        conversationSecret: secret,
        theirMemberId: memberId,
      });
      await Promise.resolve();
      const shown = getContact(this.#doc, id)?.name ?? FALLBACK_NAME;
      return {
        message: `${shown} is in your contacts now. Only the two of you can read what you send.`,
        next: { label: `Write to ${shown}`, href: href.conversation(id) },
      };
    },
  });

  /** Opens (or continues) the private draft of a reply to this contact. */
  compose(
    contactId: string,
    replyTo: string | null,
    checkIns: () => EntrySnapshot[],
  ): ComposerState {
    const device = this.#device;
    return new ComposerState(this.#doc, contactId, replyTo, checkIns, {
      deviceId: () => device?.().deviceId ?? '',
    });
  }

  /**
   * Removes a contact: their conversation closes and stops syncing on every device of mine
   * (../vault/contacts.ts removeContact says what is kept and what goes).
   */
  removeContact(contactId: string, choices: RemoveChoices): void {
    removeContact(this.#doc, contactId, choices);
  }

  unblock(memberId: string): void {
    unblockMember(this.#doc, memberId);
  }

  /** The deletions of removed conversations' copies started on this device (for tests). */
  get deletingCopies(): Promise<unknown> {
    return Promise.all(this.#conversations.deletedCopies.pending);
  }

  updateProfile(patch: ProfilePatch): void {
    updateProfile(this.#doc, patch);
  }

  /** "Don't send": a scheduled reply goes back to being a draft, every word kept. */
  unschedule(draftId: string): boolean {
    return unscheduleDraft(this.#doc, draftId);
  }

  /**
   * "Change time": the same reply, scheduled for another time (no undo window: the time was
   * chosen). Throws a VaultError, changing nothing, if it was sent or set aside meanwhile.
   */
  reschedule(draftId: string, when: Date | SendAtPreset, now = new Date()): Date {
    const draft = getDraft(this.#doc, draftId);
    const theirCard = draft ? (this.conversation(draft.contactId)?.theirCard ?? null) : null;
    const at = sendAtFor(when, { now, theirCard });
    scheduleDraft(this.#doc, draftId, at, { undoable: false }, now);
    return at;
  }

  /** Sets a reply aside, keeping its last words in "What I almost sent". */
  discard(draftId: string): void {
    setAsideDraft(this.#doc, draftId);
  }

  deleteReflection(id: string): void {
    deleteReflection(this.#doc, id);
  }

  destroy(): void {
    this.#stopFollowingNetwork?.();
    this.#conversations.destroy();
  }
}
