/**
 * Follows what arrives in every open conversation: each new message from their side is
 * archived in my vault with the time this device first saw it, and the newest gets one calm notification (../conversation/arrivals.ts
 * decides whether and what). Created and destroyed by PeopleState.
 */
import { untrack } from 'svelte';
import type * as Y from 'yjs';
import { archiveTheirs, arrivalNotification, type Message } from '../conversation';
import { readProfile, type ContactRecord } from '../vault';
import type { ConversationState } from './conversation.svelte';
import { showNotification } from './show-notification';

export interface OpenConversation {
  contact: ContactRecord;
  conversation: ConversationState;
}

export class ArrivalsState {
  readonly #doc: Y.Doc;
  readonly #stop: () => void;
  /** Message ids notified in this session: one notification per message, ever. */
  readonly #notified = new Set<string>();

  constructor(doc: Y.Doc, open: () => OpenConversation[]) {
    this.#doc = doc;
    this.#stop = $effect.root(() => {
      $effect(() => {
        for (const { contact, conversation } of open()) {
          const messages = conversation.messages;
          untrack(() => this.#arrived(contact, messages));
        }
      });
    });
  }

  #arrived(contact: ContactRecord, messages: readonly Message[]): void {
    const newest = archiveTheirs(this.#doc, contact, messages, new Date());
    if (!newest || this.#notified.has(newest.id)) return;
    this.#notified.add(newest.id);
    const note = arrivalNotification(contact, newest, readProfile(this.#doc), {
      permission: typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
      visible: document.visibilityState === 'visible',
      now: new Date(),
    });
    if (note) showNotification(note.title, note.options);
  }

  destroy(): void {
    this.#stop();
  }
}
