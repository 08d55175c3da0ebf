import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  archiveTheirs,
  listMessages,
  messagesOf,
  writeMessage,
} from '../../../src/lib/conversation';
import {
  conversationFileName,
  exportConversations,
  fileNamePart,
} from '../../../src/lib/transfer/conversation-export';
import { exportOneConversation, exportVault } from '../../../src/lib/transfer/json-export';
import { planImport } from '../../../src/lib/transfer/import-plan';
import {
  addContact,
  addEntry,
  archiveMessages,
  CONTACT,
  contactsOf,
  draftBody,
  getContact,
  markDraftSent,
  openDraft,
} from '../../../src/lib/vault';
import { linkDocs } from '../../helpers/linked-docs';

const ME = 'member-me';
const SAM = 'member-sam';
const NOW = new Date('2026-12-07T12:00:00.000Z');
const T1 = new Date('2026-12-07T09:00:00.000Z');
const T2 = new Date('2026-12-07T09:30:00.000Z');

/** A vault with Sam, one message from him and my reply, and a shared doc Sam can vandalise. */
function scene() {
  const vault = new Y.Doc();
  const mine = new Y.Doc();
  const sam = new Y.Doc();
  linkDocs(mine, sam);
  const contactId = addContact(vault, {
    id: 'contact-sam',
    name: 'Sam',
    conversationSecret: 'secret',
    theirMemberId: SAM,
  });
  const contact = getContact(vault, contactId);
  if (!contact) throw new Error('no contact');
  writeMessage(sam, {
    id: 's1',
    from: SAM,
    text: 'Are you free?',
    sentAt: '2020-01-01T00:00:00.000Z',
  });
  archiveTheirs(vault, contact, listMessages(mine), T1);
  const reply = openDraft(vault, contactId, 's1', T1);
  draftBody(vault, reply).insert(0, 'I can’t make it Friday');
  writeMessage(mine, {
    id: reply,
    from: ME,
    text: 'I can’t make it Friday',
    sentAt: T2.toISOString(),
    replyTo: 's1',
  });
  markDraftSent(vault, reply, T2);
  return { vault, mine, sam, contact, reply };
}

describe('conversations in the JSON export', () => {
  it('holds my record: what I sent and what I received as first received', () => {
    const { vault, reply } = scene();
    expect(exportVault(vault, NOW).conversations).toEqual([
      {
        contactId: 'contact-sam',
        name: 'Sam',
        sent: [
          { id: reply, text: 'I can’t make it Friday', sentAt: T2.toISOString(), replyTo: 's1' },
        ],
        received: [
          {
            id: 's1',
            from: SAM,
            text: 'Are you free?',
            sentAt: '2020-01-01T00:00:00.000Z',
            firstSeenAt: T1.toISOString(),
          },
        ],
      },
    ]);
  });

  it('keeps the originals after Sam forges, rewrites and deletes in the shared conversation', () => {
    const { vault, mine, sam, contact, reply } = scene();
    const before = exportVault(vault, NOW).conversations;
    sam.transact(() => {
      messagesOf(sam).set(reply, {
        id: reply,
        from: ME,
        text: 'Fine, I will come',
        sentAt: T2.toISOString(),
      });
      messagesOf(sam).delete('s1');
      messagesOf(sam).set('forged', {
        id: 'forged',
        from: ME,
        text: 'I never want to see you again.',
        sentAt: T2.toISOString(),
      });
    });
    archiveTheirs(vault, contact, listMessages(mine), NOW);
    const after = exportVault(vault, NOW).conversations;
    expect(after?.[0]?.sent).toEqual(before?.[0]?.sent);
    // The forgery is kept as received (under the id it claimed), never among what I sent.
    expect(after?.[0]?.received.map((m) => [m.id, m.from, m.text])).toEqual([
      ['s1', SAM, 'Are you free?'],
      ['forged', ME, 'I never want to see you again.'],
    ]);
  });

  it('includes removed contacts, and a record left under a contact the vault no longer has', () => {
    const { vault } = scene();
    contactsOf(vault).get('contact-sam')?.set(CONTACT.removedAt, NOW.toISOString());
    archiveMessages(
      vault,
      'contact-gone',
      [{ id: 'g1', from: 'x', text: 'hi', sentAt: T1.toISOString() }],
      T1,
    );
    archiveMessages(vault, 'contact-empty', [], T1);
    const conversations = exportVault(vault, NOW).conversations ?? [];
    expect(conversations.map((c) => [c.contactId, c.name])).toEqual([
      ['contact-sam', 'Sam'],
      ['contact-gone', ''],
    ]);
    expect(exportConversations(new Y.Doc(), NOW)).toEqual([]);
  });

  it('exports one conversation on its own, in the same file shape', () => {
    const { vault } = scene();
    addEntry(vault, { body: 'my journal stays out of it' });
    const one = exportOneConversation(vault, 'contact-sam', NOW);
    expect(one).toMatchObject({ format: 'mull-export', version: 1, entries: [] });
    expect(one.conversations).toEqual(exportVault(vault, NOW).conversations);
    expect(JSON.stringify(one)).not.toContain('my journal');
  });

  it('names the file after the contact and the day', () => {
    expect(conversationFileName('Sam', new Date('2026-12-07T23:00:00.000Z'))).toBe(
      'mull-conversation-sam-2026-12-07.json',
    );
    expect(fileNamePart('Zoë O’Neill')).toBe('zoe-o-neill');
    expect(fileNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNamePart('山田')).toBe('contact');
    expect(fileNamePart('a'.repeat(100))).toHaveLength(40);
  });

  it('is imported back as entries only: conversations are not written into the vault', async () => {
    const { vault } = scene();
    addEntry(vault, { id: 'e1', body: 'an entry' });
    const text = JSON.stringify(exportVault(vault, NOW));
    const target = new Y.Doc();
    const plan = await planImport(target, text, { timeZone: 'UTC' });
    expect(plan.ok && plan.entries.map((e) => e.id)).toEqual(['e1']);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'Conversations in the file are not imported: they are there for you to keep and read.',
    ]);
  });
});
