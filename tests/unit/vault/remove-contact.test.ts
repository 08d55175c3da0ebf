import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deliverDue } from '../../../src/lib/conversation';
import {
  addContact,
  archiveMessages,
  blockedOf,
  blockMember,
  deletedConversations,
  keptConversations,
  draftBody,
  getContact,
  getDraft,
  isBlocked,
  keepReflection,
  lastRead,
  listArchived,
  listBlocked,
  listContacts,
  listReflections,
  markDraftSent,
  markRead,
  openDraft,
  ORIGIN,
  removeContact,
  scheduleDraft,
  unblockMember,
  VaultError,
} from '../../../src/lib/vault';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';

const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA';
const NOW = new Date('2026-05-01T10:00:00.000Z');
const LATER = new Date('2026-05-01T11:00:00.000Z');
const KEEP = { deleteArchive: false, block: false };

/** A vault with Sam: one message from Sam archived and read, one reply sent, one scheduled. */
function vaultWithSam() {
  const doc = new Y.Doc();
  const sam = addContact(doc, { name: 'Sam', conversationSecret: SECRET, theirMemberId: 'm-sam' });
  const kim = addContact(doc, { name: 'Kim', conversationSecret: SECRET, theirMemberId: 'm-kim' });
  archiveMessages(doc, sam, [
    { id: 'in-1', from: 'm-sam', text: 'Are you free Friday?', sentAt: NOW.toISOString() },
  ]);
  markRead(doc, sam, NOW.toISOString());
  const sent = openDraft(doc, sam, 'in-1', NOW);
  draftBody(doc, sent).insert(0, 'I can’t make it Friday.');
  scheduleDraft(doc, sent, NOW, { undoable: false }, NOW);
  markDraftSent(doc, sent, NOW);
  keepReflection(doc, { id: 'r-1', contactId: sam, text: 'No.', outcome: 'changed' });
  const pending = openDraft(doc, sam, null, NOW);
  draftBody(doc, pending).insert(0, 'One more thing…');
  scheduleDraft(doc, pending, LATER, { undoable: false }, NOW);
  const forKim = openDraft(doc, kim, null, NOW);
  draftBody(doc, forKim).insert(0, 'Hello Kim');
  return { doc, sam, kim, sent, pending, forKim };
}

describe('removing a contact', () => {
  it('keeps my record by default, and sets an unsent reply aside instead of sending it', () => {
    const { doc, sam, sent, pending, forKim } = vaultWithSam();
    const { origins, stop } = recordOrigins(doc);
    removeContact(doc, sam, KEEP, LATER);
    stop();
    expect(origins).toEqual([ORIGIN.local]); // one transaction
    expect(getContact(doc, sam)?.removedAt).toBe(LATER.toISOString());
    expect(listContacts(doc).map((c) => c.name)).toEqual(['Kim']);
    expect(listArchived(doc, sam).map((m) => m.text)).toEqual(['Are you free Friday?']);
    expect(getDraft(doc, sent)?.state).toBe('sent');
    expect(getDraft(doc, pending)?.state).toBe('discarded');
    expect(listReflections(doc).map((r) => r.text)).toContain('One more thing…');
    expect(lastRead(doc, sam)).toBe(NOW.toISOString());
    expect(getDraft(doc, forKim)?.state).toBe('drafting'); // Kim's is not touched
    expect(isBlocked(doc, 'm-sam')).toBe(false);
    expect(deletedConversations(doc)).toEqual([]);
  });

  it('deletes my copy when I choose to, and marks the conversation for my other devices', () => {
    const { doc, sam, kim, sent, pending, forKim } = vaultWithSam();
    removeContact(doc, sam, { deleteArchive: true, block: false }, LATER);
    expect(listArchived(doc, sam)).toEqual([]);
    expect(getDraft(doc, sent)).toBeNull();
    expect(getDraft(doc, pending)).toBeNull();
    expect(listReflections(doc).filter((r) => r.contactId === sam)).toEqual([]);
    expect(lastRead(doc, sam)).toBeNull();
    expect(getDraft(doc, forKim)?.state).toBe('drafting');
    expect(deletedConversations(doc).map((c) => c.id)).toEqual([sam]);
    expect(listContacts(doc).map((c) => c.id)).toEqual([kim]);
  });

  it('blocks their member id, keeping the name I knew them by', () => {
    const { doc, sam } = vaultWithSam();
    removeContact(doc, sam, { deleteArchive: false, block: true }, LATER);
    expect(isBlocked(doc, 'm-sam')).toBe(true);
    expect(listBlocked(doc)).toEqual([
      { memberId: 'm-sam', name: 'Sam', blockedAt: LATER.toISOString() },
    ]);
    unblockMember(doc, 'm-sam');
    expect(isBlocked(doc, 'm-sam')).toBe(false);
    // Unblocking does not bring the contact back: that takes a new invite.
    expect(getContact(doc, sam)?.removedAt).toBe(LATER.toISOString());
  });

  it('reaches my other device as one change', () => {
    const { doc: phone, sam } = vaultWithSam();
    const laptop = new Y.Doc();
    syncAll(phone, laptop);
    removeContact(phone, sam, { deleteArchive: true, block: true }, LATER);
    syncAll(phone, laptop);
    expect(listContacts(laptop).map((c) => c.name)).toEqual(['Kim']);
    expect(deletedConversations(laptop).map((c) => c.id)).toEqual([sam]);
    expect(isBlocked(laptop, 'm-sam')).toBe(true);
    expect(listArchived(laptop, sam)).toEqual([]);
  });

  it('refuses an unknown contact and leaves the vault as it was', () => {
    const { doc } = vaultWithSam();
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => removeContact(doc, 'nobody', KEEP)).toThrow(VaultError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('never delivers a reply scheduled on a device that had not heard of the removal', () => {
    const { doc: phone, sam, pending } = vaultWithSam();
    const laptop = new Y.Doc();
    syncAll(phone, laptop);
    // The laptop removes Sam; the phone, offline, had the reply scheduled all along.
    removeContact(laptop, sam, KEEP, NOW);
    const conversation = new Y.Doc();
    const due = [getDraft(phone, pending)!];
    syncAll(phone, laptop);
    // This device may send on its own (the only one, and caught up): only the removal stops it.
    const context = { deviceId: 'phone', caughtUp: true, alone: true, marginMs: 0 };
    const round = deliverDue(phone, due, () => conversation, 'm-me', context, LATER);
    expect(round.delivered).toBe(0);
    expect(conversation.getMap('messages').size).toBe(0);
    expect(getDraft(phone, pending)?.state).toBe('discarded');
  });
});

describe('kept conversations', () => {
  it('lists a removed contact whose copy I kept, and not one I deleted or still have', () => {
    const { doc, sam } = vaultWithSam();
    expect(keptConversations(doc)).toEqual([]);
    removeContact(doc, sam, KEEP, NOW);
    expect(keptConversations(doc).map((c) => c.id)).toEqual([sam]);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const { doc: deleting, sam: sam2 } = vaultWithSam();
    removeContact(deleting, sam2, { deleteArchive: true, block: false }, NOW);
    expect(keptConversations(deleting)).toEqual([]);
    expect(keptConversations(other).map((c) => c.id)).toEqual([sam]);
  });
});

describe('blocked people', () => {
  it('are listed by name, tolerate junk, and an empty member id is never blocked', () => {
    const doc = new Y.Doc();
    blockMember(doc, 'm-1', '  Robin  ', NOW);
    blockMember(doc, 'm-1', 'Robin again', LATER); // blocking twice keeps the first
    blockedOf(doc).set('junk', 'not an object');
    expect(listBlocked(doc)).toEqual([
      { memberId: 'm-1', name: 'Robin', blockedAt: NOW.toISOString() },
    ]);
    expect(isBlocked(doc, '')).toBe(false);
    expect(() => blockMember(doc, '', 'Nobody')).toThrow(VaultError);
    expect(() => unblockMember(doc, 'm-2')).toThrow(VaultError);
  });
});
