/**
 * One conversation as my screen shows it, from my own record (../conversation/record.ts): my
 * sent drafts and my archive in the vault, compared with the shared document. Reactive to all
 * three; typing in a draft does not rebuild it (only a draft's state and record fields count).
 * Created and destroyed with its ConversationState.
 */
import * as Y from 'yjs';
import {
  buildConversationView,
  hasUnread,
  latestItem,
  sharedHeld,
  type ConversationItem,
  type Message,
} from '../conversation';
import {
  archiveFull,
  archiveOf,
  draftsOf,
  isArchived,
  lastRead,
  listArchived,
  listSent,
  markRead,
  readsOf,
  SETTING,
  settingsOf,
  unsentDraftIds,
} from '../vault';
import { downloadConversation } from './download-conversation';
import { ySubscriber, type YEvents } from './y-subscriber';

/** The shared document of a conversation, and its messages as read (and tracked) by its owner. */
export interface SharedConversation {
  doc: Y.Doc;
  messages: readonly Message[];
}

/** A draft's words changing (its Y.Text) does not change what was sent. */
const notJustText = (events: YEvents): boolean => events.some((e) => !(e.target instanceof Y.Text));

export class ConversationRecord {
  readonly #vault: Y.Doc;
  readonly #contactId: string;
  readonly #theirMemberId: string;
  readonly #shared: () => SharedConversation | null;
  readonly #trackDrafts: () => void;
  readonly #trackArchive: () => void;
  readonly #trackReads: () => void;
  readonly #trackMemberId: () => void;
  /**
   * When this device first saw shared messages not archived yet (ArrivalsState archives them a
   * moment later): kept, so such a message does not move forward on every rebuild.
   */
  readonly #seenHere = new Map<string, string>();

  /** Oldest first, by when my device first saw or sent each one. */
  readonly items = $derived.by((): ConversationItem[] => {
    this.#trackDrafts();
    this.#trackArchive();
    this.#trackReads();
    this.#trackMemberId();
    const conversation = this.#shared();
    const shared = conversation?.messages ?? null;
    const now = new Date();
    const seen = this.#seenHere;
    for (const m of shared ?? []) {
      if (!seen.has(m.id) && !isArchived(this.#vault, this.#contactId, m.id)) {
        seen.set(m.id, now.toISOString());
      }
    }
    const memberId = settingsOf(this.#vault).get(SETTING.memberId);
    return buildConversationView({
      sent: listSent(this.#vault, this.#contactId),
      archived: listArchived(this.#vault, this.#contactId, now),
      shared,
      sharedHeld: conversation ? (id) => sharedHeld(conversation.doc, id) : undefined,
      myMemberId: typeof memberId === 'string' ? memberId : '',
      theirMemberId: this.#theirMemberId,
      unsentDraftIds: unsentDraftIds(this.#vault, this.#contactId),
      now,
      firstSeen: seen,
      lastRead: lastRead(this.#vault, this.#contactId, now),
    });
  });

  /** My archive for this contact reached its budget: new messages are shown, not copied. */
  readonly full = $derived.by((): boolean => {
    this.#trackArchive();
    return archiveFull(this.#vault, this.#contactId);
  });

  readonly latest = $derived(latestItem(this.items));
  readonly unread = $derived(hasUnread(this.items));

  /** `shared` reads the conversation (tracked), or null while its document is not loaded. */
  constructor(
    vault: Y.Doc,
    contact: { id: string; theirMemberId: string },
    shared: () => SharedConversation | null,
  ) {
    this.#vault = vault;
    this.#contactId = contact.id;
    this.#theirMemberId = contact.theirMemberId;
    this.#shared = shared;
    this.#trackDrafts = ySubscriber(draftsOf(vault), { deep: true, filter: notJustText });
    this.#trackArchive = ySubscriber(archiveOf(vault), { deep: true, keys: [contact.id] });
    this.#trackReads = ySubscriber(readsOf(vault), {
      filter: (events) =>
        events.some((e) => [...e.keys.keys()].some((k) => k.split('/')[0] === contact.id)),
    });
    this.#trackMemberId = ySubscriber(settingsOf(vault), { keys: [SETTING.memberId] });
  }

  /** Marks everything shown so far as read (a private mark, never sent anywhere). */
  markRead(): void {
    const latest = this.latest;
    if (latest) markRead(this.#vault, this.#contactId, latest.at);
  }

  /** Offers this conversation, from my record, as a JSON file. */
  async download(): Promise<void> {
    await downloadConversation(this.#vault, this.#contactId);
  }
}
