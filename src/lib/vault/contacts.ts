/**
 * Trusted contacts: who, and the secret of the one conversation with them. A contact is only
 * ever added through an approved pairing (sync/pairing.ts); removing one keeps the history
 * (`removedAt`), because a person's own archive is theirs — unless they choose to delete it.
 */
import * as Y from 'yjs';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { CONTACT, MAX_NAME_LENGTH, ROOT } from './schema';
import { archiveOf, readsOf } from './archive';
import { blockMember } from './blocked';
import { draftsOf, listDrafts } from './drafts';
import { listReflections, reflectionsOf, setAsideDraft } from './reflections';
import { cleanText, FALLBACK_NAME } from './profile';
import { capText } from '../util/text';

export interface ContactRecord {
  id: string;
  name: string;
  /** base64url of the 32-byte conversation secret (keys/secret.ts encodeSecret). */
  conversationSecret: string;
  theirMemberId: string;
  addedAt: string;
  removedAt: string | null;
}

export const contactsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> =>
  doc.getMap<Y.Map<unknown>>(ROOT.contacts);

function readContact(map: Y.Map<unknown>): ContactRecord | null {
  const get = (k: string): unknown => map.get(k);
  const id = get(CONTACT.id);
  const name = get(CONTACT.name);
  const secret = get(CONTACT.conversationSecret);
  const member = get(CONTACT.theirMemberId);
  const addedAt = get(CONTACT.addedAt);
  if (
    typeof id !== 'string' ||
    typeof name !== 'string' ||
    typeof secret !== 'string' ||
    typeof member !== 'string' ||
    typeof addedAt !== 'string'
  ) {
    return null;
  }
  const removedAt = get(CONTACT.removedAt);
  return {
    id,
    name: capText(name, MAX_NAME_LENGTH) || FALLBACK_NAME,
    conversationSecret: secret,
    theirMemberId: member,
    addedAt,
    removedAt: typeof removedAt === 'string' ? removedAt : null,
  };
}

export function listContacts(doc: Y.Doc, { includeRemoved = false } = {}): ContactRecord[] {
  const out: ContactRecord[] = [];
  contactsOf(doc).forEach((map) => {
    const c = map instanceof Y.Map ? readContact(map) : null;
    if (c && (includeRemoved || !c.removedAt)) out.push(c);
  });
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export function getContact(doc: Y.Doc, id: string): ContactRecord | null {
  const map = contactsOf(doc).get(id);
  return map instanceof Y.Map ? readContact(map) : null;
}

export interface NewContact {
  name: string;
  conversationSecret: string;
  theirMemberId: string;
  id?: string;
}

export function addContact(doc: Y.Doc, init: NewContact, now = new Date()): string {
  const name = cleanText(init.name, MAX_NAME_LENGTH) || FALLBACK_NAME;
  if (!init.conversationSecret || !init.theirMemberId) {
    throw new VaultError(
      'invalid-setting',
      'A contact needs a conversation secret and a member id',
    );
  }
  const id = init.id ?? crypto.randomUUID();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    contactsOf(doc).set(id, map);
    map.set(CONTACT.id, id);
    map.set(CONTACT.name, name);
    map.set(CONTACT.conversationSecret, init.conversationSecret);
    map.set(CONTACT.theirMemberId, init.theirMemberId);
    map.set(CONTACT.addedAt, now.toISOString());
    // The contact's archive is created with the contact, on the one device that added it:
    // two devices each creating it on first use would lose one map in the merge.
    if (!archiveOf(doc).has(id)) archiveOf(doc).set(id, new Y.Map<unknown>());
  }, ORIGIN.local);
  return id;
}

export function renameContact(doc: Y.Doc, id: string, name: string): void {
  const map = contactsOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw new VaultError('not-found', `No contact ${id}`);
  const clean = cleanText(name, MAX_NAME_LENGTH);
  if (!clean) throw new VaultError('invalid-setting', 'A contact needs a name');
  doc.transact(() => map.set(CONTACT.name, clean), ORIGIN.local);
}

export interface RemoveChoices {
  /** Delete my copy too: what they sent me, what I sent them, my drafts, notes and read marks. */
  deleteArchive: boolean;
  /** Also block their member id: a new invite or request from them is refused quietly. */
  block: boolean;
}

/**
 * Removes a contact, in one transaction: `removedAt` is set, so every device of mine (and my
 * home peer) closes the conversation and leaves its room when the change arrives. A reply not
 * yet sent is never sent: it is set aside (its words in "What I almost sent"), or deleted with
 * the rest when I delete my copy. By default my record stays — my archive of what they sent
 * and my sent drafts — and what they already have stays with them.
 */
export function removeContact(
  doc: Y.Doc,
  id: string,
  { deleteArchive, block }: RemoveChoices,
  now = new Date(),
): void {
  const map = contactsOf(doc).get(id);
  const contact = map instanceof Y.Map ? readContact(map) : null;
  if (!map || !contact) throw new VaultError('not-found', `No contact ${id}`);
  const at = now.toISOString();
  doc.transact(() => {
    if (!contact.removedAt) map.set(CONTACT.removedAt, at);
    for (const draft of listDrafts(doc)) {
      if (draft.contactId !== id) continue;
      if (deleteArchive) draftsOf(doc).delete(draft.id);
      else if (draft.state === 'drafting' || draft.state === 'scheduled') {
        setAsideDraft(doc, draft.id, now);
      }
    }
    if (deleteArchive) {
      map.set(CONTACT.historyDeletedAt, at);
      archiveOf(doc).delete(id);
      for (const r of listReflections(doc)) if (r.contactId === id) reflectionsOf(doc).delete(r.id);
      for (const key of [...readsOf(doc).keys()]) {
        if (key === id || key.startsWith(`${id}/`)) readsOf(doc).delete(key);
      }
    }
    if (block) blockMember(doc, contact.theirMemberId, contact.name, now);
  }, ORIGIN.local);
}

/**
 * Removed contacts whose conversation I chose to delete: each device of mine deletes its own
 * copy of these conversations (its local database, named from the secret).
 */
export function deletedConversations(doc: Y.Doc): ContactRecord[] {
  return listContacts(doc, { includeRemoved: true }).filter(
    (c) =>
      c.removedAt && typeof contactsOf(doc).get(c.id)?.get(CONTACT.historyDeletedAt) === 'string',
  );
}

/** Removed contacts whose conversation I kept (my record of it is still in the vault). */
export function keptConversations(doc: Y.Doc): ContactRecord[] {
  return listContacts(doc, { includeRemoved: true }).filter(
    (c) =>
      c.removedAt && typeof contactsOf(doc).get(c.id)?.get(CONTACT.historyDeletedAt) !== 'string',
  );
}
