// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listMessages, readCard, writeMessage } from '../../../src/lib/conversation';
import { createSecret, encodeSecret } from '../../../src/lib/keys';
import { PeopleState } from '../../../src/lib/state/people.svelte';
import {
  addContact,
  draftBody,
  FALLBACK_NAME,
  listArchived,
  openDraft,
  readProfile,
  scheduleDraft,
  type ContactRecord,
} from '../../../src/lib/vault';
import { eventually } from '../../helpers/eventually';
import { syncAll } from '../../helpers/sync-docs';
import { watch } from '../../helpers/watch.svelte';

const THEM = 'member-them';
const OFFLINE = { signaling: [], iceServers: [] };
const OPEN_TIMEOUT_MS = 10_000;
const POLL_MS = 10;

describe('PeopleState', () => {
  let vault: Y.Doc;
  let people: PeopleState;
  const stops: (() => void)[] = [];

  beforeEach(() => {
    vault = new Y.Doc();
    people = new PeopleState(vault, () => OFFLINE);
  });

  afterEach(() => {
    stops.splice(0).forEach((s) => s());
    people.destroy();
    vault.destroy();
  });

  const add = (doc = vault, name = 'Sam'): string =>
    addContact(doc, {
      name,
      conversationSecret: encodeSecret(createSecret()),
      theirMemberId: THEM,
    });

  /** Waits (in real time: deriving a room's keys takes a while) for a conversation to load. */
  async function opened(contactId: string): Promise<Y.Doc> {
    for (let waited = 0; waited < OPEN_TIMEOUT_MS; waited += POLL_MS) {
      const doc = people.conversation(contactId)?.doc;
      if (doc) return doc;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`The conversation with ${contactId} did not open`);
  }

  it('opens a conversation for each contact, including one added on another device', async () => {
    const sam = add();
    people.start();
    flushSync();
    await opened(sam);
    const phone = new Y.Doc();
    syncAll(vault, phone);
    const kim = add(phone, 'Kim');
    syncAll(phone, vault);
    flushSync();
    expect(people.contacts.map((c: ContactRecord) => c.name)).toEqual(['Kim', 'Sam']);
    await opened(kim);
    expect(people.contact(kim)?.name).toBe('Kim');
  });

  it('does not re-read contacts or reopen conversations while a reply is typed', async () => {
    const sam = add();
    people.start();
    flushSync();
    await opened(sam);
    const conversation = people.conversation(sam);
    const contacts = watch(() => people.contacts.length);
    const drafts = watch(() => people.drafts.map((d) => d.body));
    stops.push(contacts.stop, drafts.stop);
    const id = openDraft(vault, sam);
    for (const ch of 'hello') draftBody(vault, id).insert(draftBody(vault, id).length, ch);
    flushSync();
    expect(contacts.values).toEqual([1]);
    expect(drafts.values.at(-1)).toEqual(['hello']);
    expect(people.conversation(sam)).toBe(conversation);
  });

  it('marks their new messages unread until read, and keeps them in my archive', async () => {
    const sam = add();
    people.start();
    flushSync();
    const doc = await opened(sam);
    expect(people.unread(sam)).toBe(false);
    writeMessage(doc, { id: 'm1', from: THEM, text: 'hi', sentAt: '2026-01-02T09:00:00.000Z' });
    flushSync();
    expect(people.unread(sam)).toBe(true);
    expect(people.latest(sam)?.id).toBe('m1');
    expect(listArchived(vault, sam).map((m) => m.id)).toEqual(['m1']);

    const unread = watch(() => people.unread(sam));
    stops.push(unread.stop);
    people.markRead(sam);
    flushSync();
    // Unread goes by when this device first saw a message: let the clock move on.
    await new Promise((resolve) => setTimeout(resolve, 5));
    writeMessage(doc, { id: 'm2', from: THEM, text: 'again', sentAt: '2026-01-02T10:00:00.000Z' });
    flushSync();
    expect(unread.values).toEqual([true, false, true]);
  });

  it('never shows a message forged under my member id as mine, in the inbox either', async () => {
    const sam = add();
    people.start();
    flushSync();
    const doc = await opened(sam);
    const me = readProfile(vault).memberId;
    writeMessage(doc, { id: 'f1', from: me, text: 'Not me', sentAt: '2099-01-02T09:00:00.000Z' });
    flushSync();
    expect(people.latest(sam)).toMatchObject({
      id: 'f1',
      mine: false,
      markers: ['claims-to-be-me'],
    });
    expect(people.unread(sam)).toBe(true);
    expect(listArchived(vault, sam).map((m) => m.id)).toEqual(['f1']);
  });

  it('publishes my card into each conversation, again when my profile changes', async () => {
    const sam = add();
    people.start();
    flushSync();
    const doc = await opened(sam);
    flushSync();
    const me = readProfile(vault).memberId;
    expect(readCard(doc, me)?.name).toBe(FALLBACK_NAME);
    people.updateProfile({ displayName: 'Ana', replyWindow: 'within a day' });
    flushSync();
    expect(readCard(doc, me)).toMatchObject({ name: 'Ana', replyWindow: 'within a day' });
  });

  it('delivers a reply that came due while its conversation was still opening', async () => {
    const sam = add();
    const id = openDraft(vault, sam);
    draftBody(vault, id).insert(0, 'sent once it opens');
    scheduleDraft(vault, id, new Date(Date.now() - 1000), { undoable: true });
    people.start();
    flushSync();
    const doc = await opened(sam);
    await eventually(() => expect(listMessages(doc).map((m) => m.id)).toEqual([id]));
    expect(people.drafts.find((d) => d.id === id)?.state).toBe('sent');
  });

  it('keeps the words of a discarded reply as a private reflection', () => {
    const sam = add();
    const id = openDraft(vault, sam);
    draftBody(vault, id).insert(0, 'what I almost said');
    people.discard(id);
    expect(people.drafts.find((d) => d.id === id)?.state).toBe('discarded');
    expect(people.reflections).toMatchObject([{ id, outcome: 'discarded' }]);
    people.deleteReflection(id);
    expect(people.reflections).toEqual([]);
  });
});
