/**
 * What removing a contact does on this device, apart from what the vault records
 * (../vault/contacts.ts removeContact): the conversation is closed by ConversationsState
 * (it is no longer among the contacts), and — when I chose to delete my copy — its local
 * database goes too, here and on each of my devices as the vault change reaches it.
 */
import { decodeSecret } from '../keys';
import { DocSession } from '../sync/doc-session';
import type { ContactRecord } from '../vault';

/**
 * Deletes this device's copy of a removed contact's conversation. Each contact once per
 * session (the vault keeps saying "deleted"; deleting a database that is gone costs little,
 * but there is no need to ask again).
 */
export class DeletedCopies {
  readonly #done = new Set<string>();
  /** The deletions started, for tests and for a caller that wants to wait. */
  readonly pending: Promise<void>[] = [];

  delete(contacts: readonly ContactRecord[]): void {
    for (const contact of contacts) {
      if (this.#done.has(contact.id)) continue;
      this.#done.add(contact.id);
      this.pending.push(deleteConversationCopy(contact));
    }
  }
}

/** Deletes the conversation's local database (the session must be destroyed first). */
export async function deleteConversationCopy(contact: ContactRecord): Promise<void> {
  try {
    await DocSession.deleteStored({
      secret: decodeSecret(contact.conversationSecret),
      kind: 'conv',
    });
  } catch (err) {
    console.warn('The copy of a removed conversation could not be deleted', err);
  }
}
