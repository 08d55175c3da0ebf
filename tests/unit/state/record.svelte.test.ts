// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messagesOf, writeMessage } from '../../../src/lib/conversation';
import { ConversationState } from '../../../src/lib/state/conversation.svelte';
import {
  addContact,
  archiveMessages,
  draftBody,
  getContact,
  markDraftSent,
  openDraft,
  SETTING,
  settingsOf,
  type ContactRecord,
} from '../../../src/lib/vault';
import { watch } from '../../helpers/watch.svelte';

const ME = 'member-me';
const SAM = 'member-sam';
const stops: (() => void)[] = [];
const owned: { destroy(): void }[] = [];

afterEach(() => {
  stops.splice(0).forEach((s) => s());
  owned.splice(0).forEach((o) => o.destroy());
});

function setUp(): {
  vault: Y.Doc;
  shared: Y.Doc;
  contact: ContactRecord;
  state: ConversationState;
} {
  const vault = new Y.Doc();
  settingsOf(vault).set(SETTING.memberId, ME);
  const id = addContact(vault, { name: 'Sam', conversationSecret: 's', theirMemberId: SAM });
  const contact = getContact(vault, id);
  if (!contact) throw new Error('no contact');
  const shared = new Y.Doc();
  const state = new ConversationState(contact, vault);
  owned.push(state);
  return { vault, shared, contact, state };
}

const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 7, 9, minutes));

describe('ConversationRecord (a conversation from my own record)', () => {
  it('shows my record before the shared document loads, and compares once it has', () => {
    const { vault, shared, contact, state } = setUp();
    archiveMessages(
      vault,
      contact.id,
      [{ id: 's1', from: SAM, text: 'Hi', sentAt: at(0).toISOString() }],
      at(0),
    );
    const items = watch(() => state.record?.items.map((i) => [i.id, i.markers]));
    stops.push(items.stop);
    expect(items.values.at(-1)).toEqual([['s1', []]]);
    writeMessage(shared, { id: 's1', from: SAM, text: 'Hi', sentAt: at(0).toISOString() });
    shared.transact(() => messagesOf(shared).delete('s1')); // Sam removed it
    state.show(shared);
    flushSync();
    expect(items.values.at(-1)).toEqual([['s1', ['removed']]]);
  });

  it('follows the shared document, my sent drafts and my archive; not my typing', () => {
    const { vault, shared, contact, state } = setUp();
    state.show(shared);
    const seen = watch(() => state.record?.items.map((i) => `${i.mine ? 'me' : 'sam'}:${i.text}`));
    stops.push(seen.stop);

    writeMessage(shared, {
      id: 'forged',
      from: ME,
      text: 'Not from me',
      sentAt: at(1).toISOString(),
    });
    flushSync();
    const draft = openDraft(vault, contact.id);
    draftBody(vault, draft).insert(0, 'typing…');
    flushSync();
    const rebuilds = seen.values.length;
    draftBody(vault, draft).insert(0, 'more ');
    flushSync();
    expect(seen.values.length).toBe(rebuilds);

    writeMessage(shared, {
      id: draft,
      from: ME,
      text: 'more typing…',
      sentAt: at(2).toISOString(),
    });
    markDraftSent(vault, draft);
    flushSync();
    expect(seen.values.at(-1)).toEqual(['sam:Not from me', 'me:more typing…']);
    expect(state.record?.latest?.mine).toBe(true);
  });

  it('keeps unread until read, and the next message of theirs unread again', () => {
    const { vault, shared, contact, state } = setUp();
    state.show(shared);
    const record = state.record;
    if (!record) throw new Error('no record');
    const unread = watch(() => record.unread);
    stops.push(unread.stop);
    archiveMessages(
      vault,
      contact.id,
      [{ id: 's1', from: SAM, text: 'Hi', sentAt: '2099-01-01T00:00:00.000Z' }],
      at(0),
    );
    flushSync();
    record.markRead();
    flushSync();
    archiveMessages(
      vault,
      contact.id,
      [{ id: 's2', from: SAM, text: 'Again', sentAt: at(0).toISOString() }],
      at(5),
    );
    flushSync();
    expect(unread.values).toEqual([false, true, false, true]);
  });

  it('keeps the time a message not archived yet was first seen here', async () => {
    const { shared, state } = setUp();
    state.show(shared);
    writeMessage(shared, { id: 's1', from: SAM, text: 'Hi', sentAt: '2099-01-01T00:00:00.000Z' });
    const first = state.record?.items[0]?.at;
    await new Promise((resolve) => setTimeout(resolve, 5));
    writeMessage(shared, { id: 's2', from: SAM, text: 'Again', sentAt: at(0).toISOString() });
    expect(state.record?.items.map((i) => i.id)).toEqual(['s1', 's2']);
    expect(state.record?.items[0]?.at).toBe(first);
    shared.transact(() => messagesOf(shared).delete('s1'));
    expect(state.record?.items.map((i) => i.id)).toEqual(['s2']);
  });
});
