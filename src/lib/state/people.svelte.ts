/**
 * The people a person trusts, and replying to them, as runes: contacts and their
 * conversations, inviting someone, private drafts, sending (scheduled, with undo), my card,
 * the archive of what I received, private unread markers and calm notifications.
 *
 * Draft text lives only in the vault. The one place it crosses into a conversation document
 * is `#deliver`, for a draft whose send time has come — the product's promise.
 */
import type * as Y from 'yjs';
import { writeMessage, type Message } from '../conversation';
import { createSecret, encodeSecret } from '../keys';
import { dueDrafts, isInQuietHours } from '../reflect';
import {
  addContact,
  archiveMessages,
  contactsOf,
  discardDraft,
  draftsOf,
  ensureMemberId,
  keepReflection,
  lastRead,
  listContacts,
  listDrafts,
  listReflections,
  markDraftSent,
  markRead,
  MUCH_CHANGED_BELOW,
  unscheduleDraft,
  readProfile,
  reflectionsOf,
  settingsOf,
  similarity,
  deleteReflection,
  updateProfile,
  type ContactRecord,
  type DraftSnapshot,
  type EntrySnapshot,
  type Profile,
  type ProfilePatch,
  type Reflection,
} from '../vault';
import { ComposerState } from './composer.svelte';
import { ConversationState } from './conversation.svelte';
import { InviteFlow, JoinFlow, type Network } from './pairing.svelte';

/** How often each device looks for drafts whose send time has come. */
export const DELIVERY_CHECK_MS = 1000;
const LAST_SYNCED_KEY = (contactId: string): string => `mull:last-synced:${contactId}`;

export class PeopleState {
  readonly #doc: Y.Doc;
  readonly #network: () => Network;
  #version = $state(0);
  #conversations = $state<Record<string, ConversationState>>({});
  #timer: ReturnType<typeof setInterval> | undefined;
  #notified = new Set<string>();
  #lastSynced = $state<Record<string, number>>({});

  readonly contacts = $derived.by((): ContactRecord[] => {
    void this.#version;
    return listContacts(this.#doc);
  });

  readonly profile = $derived.by((): Profile => {
    void this.#version;
    return readProfile(this.#doc);
  });

  readonly drafts = $derived.by((): DraftSnapshot[] => {
    void this.#version;
    return listDrafts(this.#doc);
  });

  readonly reflections = $derived.by((): Reflection[] => {
    void this.#version;
    return listReflections(this.#doc);
  });

  constructor(doc: Y.Doc, network: () => Network) {
    this.#doc = doc;
    this.#network = network;
    for (const map of [contactsOf(doc), settingsOf(doc), reflectionsOf(doc)])
      map.observe(this.#bump);
    draftsOf(doc).observeDeep(this.#bump);
    doc.getMap('reads').observe(this.#bump);
  }

  #bump = (): void => {
    this.#version++;
    this.#openConversations();
  };

  /** Opens every contact's conversation and starts delivering scheduled replies. */
  start(): void {
    ensureMemberId(this.#doc);
    this.#openConversations();
    this.#timer = setInterval(() => this.#tick(), DELIVERY_CHECK_MS);
    window.addEventListener('offline', this.#onOffline);
    window.addEventListener('online', this.#onOnline);
  }

  // As for the vault (sync.svelte.ts): no network, no one to reach; pick up when it is back.
  #onOffline = (): void => {
    for (const c of Object.values(this.#conversations)) c.setOnline(false);
  };

  #onOnline = (): void => {
    for (const c of Object.values(this.#conversations)) c.setOnline(true);
  };

  #openConversations(): void {
    for (const contact of listContacts(this.#doc)) {
      if (this.#conversations[contact.id]) continue;
      const conversation = new ConversationState(contact);
      this.#conversations = { ...this.#conversations, [contact.id]: conversation };
      void conversation.open(contact, this.#network()).then(() => this.#tick());
    }
  }

  conversation(contactId: string): ConversationState | null {
    return this.#conversations[contactId] ?? null;
  }

  contact(contactId: string): ContactRecord | null {
    return this.contacts.find((c) => c.id === contactId) ?? null;
  }

  /** Latest message in a conversation (theirs or mine), or null. */
  latest(contactId: string): Message | null {
    const messages = this.conversation(contactId)?.messages ?? [];
    return messages[messages.length - 1] ?? null;
  }

  /** A private marker: a message from them that arrived after the last one I read. */
  unread(contactId: string): boolean {
    void this.#version;
    const contact = this.contact(contactId);
    const read = lastRead(this.#doc, contactId);
    return (this.conversation(contactId)?.messages ?? []).some(
      (m) => m.from === contact?.theirMemberId && (read === null || m.sentAt > read),
    );
  }

  markRead(contactId: string): void {
    const last = this.latest(contactId);
    if (last) markRead(this.#doc, contactId, last.sentAt);
  }

  /** `Date.now()` when this device last exchanged anything with their side, or null. */
  lastSynced(contactId: string): number | null {
    return this.#lastSynced[contactId] ?? readLastSynced(contactId);
  }

  // ——— Every second: deliver due drafts, archive, publish my card, notify ———

  #tick(): void {
    const now = new Date();
    const profile = readProfile(this.#doc);
    for (const contact of listContacts(this.#doc)) {
      const conversation = this.#conversations[contact.id];
      if (!conversation?.doc) continue;
      conversation.publishMyCard(profile.memberId, {
        name: profile.displayName || 'Someone',
        replyWindow: profile.replyWindow,
        quietHours: profile.quietHours,
      });
      this.#archive(contact, conversation);
      this.#noteSynced(contact.id, conversation);
    }
    this.#deliver(now, profile.memberId);
  }

  #deliver(now: Date, memberId: string): void {
    for (const draft of dueDrafts(listDrafts(this.#doc), now)) {
      const conversation = this.#conversations[draft.contactId];
      const doc = conversation?.doc;
      if (!doc || !memberId) continue; // not loaded yet: the next tick will try again
      if (!draft.body.trim()) {
        // Emptied on another device after it was scheduled: nothing to send; back to drafting.
        unscheduleDraft(this.#doc, draft.id, now);
        continue;
      }
      try {
        writeMessage(doc, {
          id: draft.id,
          from: memberId,
          text: draft.body,
          sentAt: now.toISOString(),
          ...(draft.replyTo ? { replyTo: draft.replyTo } : {}),
        });
      } catch (err) {
        // One bad draft must not hold up the others; it stays scheduled and is reported.
        console.warn('A scheduled reply could not be delivered', err);
        continue;
      }
      markDraftSent(this.#doc, draft.id, now);
      if (draft.firstVersion && similarity(draft.firstVersion, draft.body) < MUCH_CHANGED_BELOW) {
        keepReflection(this.#doc, {
          id: draft.id,
          contactId: draft.contactId,
          text: draft.firstVersion,
          outcome: 'changed',
        });
      }
    }
  }

  #archive(contact: ContactRecord, conversation: ConversationState): void {
    const theirs = conversation.messages.filter((m) => m.from === contact.theirMemberId);
    const fresh = archiveMessages(this.#doc, contact.id, theirs);
    if (fresh > 0) this.#notify(contact, theirs[theirs.length - 1]);
  }

  #noteSynced(contactId: string, conversation: ConversationState): void {
    const at = conversation.connected ? Date.now() : conversation.lastReceivedAt;
    if (at === null || (this.#lastSynced[contactId] ?? 0) >= at - 30_000) return;
    this.#lastSynced = { ...this.#lastSynced, [contactId]: at };
    localStorage.setItem(LAST_SYNCED_KEY(contactId), String(at));
  }

  /**
   * One calm notification per conversation, never in my quiet hours, never while Mull is in
   * front of me, and without the words unless I allowed previews.
   */
  #notify(contact: ContactRecord, message: Message | undefined): void {
    if (!message || this.#notified.has(message.id)) return;
    this.#notified.add(message.id);
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    if (document.visibilityState === 'visible') return;
    const profile = readProfile(this.#doc);
    if (profile.quietHours && isInQuietHours(new Date(), profile.quietHours)) return;
    const options: NotificationOptions = {
      tag: `mull-conversation-${contact.id}`,
      body: profile.notificationPreview ? message.text.slice(0, 140) : 'A new message is waiting.',
    };
    const title = `From ${contact.name}`;
    void navigator.serviceWorker?.ready
      .then((r) => r.showNotification(title, options))
      .catch(() => new Notification(title, options));
  }

  // ——— Inviting someone ———

  readonly contactInvite = new InviteFlow('contact', () => this.#network(), {
    payload: () => {
      const profile = readProfile(this.#doc);
      return {
        conversationSecret: encodeSecret(createSecret()),
        name: profile.displayName || 'Someone',
        memberId: ensureMemberId(this.#doc),
      };
    },
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
    doneMessage: (request) => `${request.name} is in your contacts now.`,
  });

  readonly contactJoin = new JoinFlow('contact', () => this.#network(), {
    name: () => readProfile(this.#doc).displayName || 'Someone',
    info: () => ({ memberId: ensureMemberId(this.#doc) }),
    adopt: async (payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      const secret = typeof p.conversationSecret === 'string' ? p.conversationSecret : '';
      const memberId = typeof p.memberId === 'string' ? p.memberId : '';
      const name = typeof p.name === 'string' ? p.name : 'Someone';
      if (!secret || !memberId) {
        throw new Error('The invite didn’t hand over what it should. Nothing was changed.');
      }
      addContact(this.#doc, { name, conversationSecret: secret, theirMemberId: memberId });
      await Promise.resolve();
      return `${name.slice(0, 60)} is in your contacts now.`;
    },
  });

  /** Opens (or continues) the private draft of a reply to this contact. */
  compose(
    contactId: string,
    replyTo: string | null,
    checkIns: () => EntrySnapshot[],
  ): ComposerState {
    return new ComposerState(this.#doc, contactId, replyTo, checkIns);
  }

  updateProfile(patch: ProfilePatch): void {
    updateProfile(this.#doc, patch);
  }

  discard(draftId: string): void {
    const draft = listDrafts(this.#doc).find((d) => d.id === draftId);
    if (!draft) return;
    discardDraft(this.#doc, draftId);
    // What I almost sent: the last words of a reply I set aside.
    keepReflection(this.#doc, {
      id: draft.id,
      contactId: draft.contactId,
      text: draft.body,
      outcome: 'discarded',
    });
  }

  deleteReflection(id: string): void {
    deleteReflection(this.#doc, id);
  }

  destroy(): void {
    clearInterval(this.#timer);
    window.removeEventListener('offline', this.#onOffline);
    window.removeEventListener('online', this.#onOnline);
    for (const map of [contactsOf(this.#doc), settingsOf(this.#doc), reflectionsOf(this.#doc)]) {
      map.unobserve(this.#bump);
    }
    draftsOf(this.#doc).unobserveDeep(this.#bump);
    this.#doc.getMap('reads').unobserve(this.#bump);
    for (const c of Object.values(this.#conversations)) c.destroy();
  }
}

function readLastSynced(contactId: string): number | null {
  const raw =
    typeof localStorage === 'undefined' ? null : localStorage.getItem(LAST_SYNCED_KEY(contactId));
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}
