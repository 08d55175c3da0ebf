// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  listMessages,
  membersOf,
  publishCard,
  readCard,
  writeMessage,
  type Message,
} from '../../../src/lib/conversation';
import { createSecret, encodeSecret } from '../../../src/lib/keys';
import { ConversationState } from '../../../src/lib/state/conversation.svelte';
import type { ContactRecord } from '../../../src/lib/vault';
import { ticks } from '../../helpers/eventually';
import { syncAll } from '../../helpers/sync-docs';
import { watch } from '../../helpers/watch.svelte';

const ME = 'member-me';
const THEM = 'member-them';
const owned: { destroy(): void }[] = [];
const stops: (() => void)[] = [];

afterEach(() => {
  stops.splice(0).forEach((s) => s());
  owned.splice(0).forEach((o) => o.destroy());
});

function contact(id = 'c1'): ContactRecord {
  return {
    id,
    name: 'Sam',
    conversationSecret: encodeSecret(createSecret()),
    theirMemberId: THEM,
    addedAt: '2026-01-01T00:00:00.000Z',
    removedAt: null,
  };
}

const message = (id: string, from: string, sentAt: string): Message => ({
  id,
  from,
  text: `text of ${id}`,
  sentAt,
});

function shown(doc: Y.Doc): ConversationState {
  const conversation = new ConversationState(contact());
  owned.push(conversation);
  conversation.show(doc);
  return conversation;
}

describe('ConversationState', () => {
  it('has no document, messages or card until it is loaded', () => {
    const conversation = new ConversationState(contact());
    owned.push(conversation);
    expect(conversation.loaded).toBe(false);
    expect(conversation.doc).toBeNull();
    expect(conversation.messages).toEqual([]);
    expect(conversation.theirCard).toBeNull();
    conversation.publishMyCard(ME, { name: 'Ana', replyWindow: '', quietHours: null }); // no-op
  });

  it('lists messages in order and follows new ones from the other side', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const conversation = shown(mine);
    writeMessage(mine, message('b', ME, '2026-01-02T10:00:00.000Z'));
    const seen = watch(() => conversation.messages.map((m) => m.id));
    stops.push(seen.stop);
    writeMessage(theirs, message('a', THEM, '2026-01-02T09:00:00.000Z'));
    syncAll(theirs, mine);
    flushSync();
    expect(seen.values).toEqual([['b'], ['a', 'b']]);
  });

  it('reads their card only from their own key, and does not re-read it for messages', () => {
    const doc = new Y.Doc();
    const conversation = shown(doc);
    const card = watch(() => conversation.theirCard?.name ?? null);
    stops.push(card.stop);
    publishCard(doc, 'someone-else', { name: 'Impostor', replyWindow: '', quietHours: null });
    writeMessage(doc, message('m', THEM, '2026-01-02T09:00:00.000Z'));
    flushSync();
    expect(card.values).toEqual([null]);
    publishCard(doc, THEM, { name: 'Sam', replyWindow: 'evenings', quietHours: null });
    flushSync();
    expect(card.values).toEqual([null, 'Sam']);
  });

  it('publishes my card once loaded, and rewrites it only when it changed', () => {
    const doc = new Y.Doc();
    const conversation = shown(doc);
    let writes = 0;
    membersOf(doc).observe(() => writes++);
    const card = { name: 'Ana', replyWindow: 'within a day', quietHours: null };
    conversation.publishMyCard(ME, card);
    conversation.publishMyCard(ME, card);
    expect(writes).toBe(1);
    expect(readCard(doc, ME)?.replyWindow).toBe('within a day');
    conversation.publishMyCard(ME, { ...card, replyWindow: 'a few days' });
    expect(writes).toBe(2);
  });

  it('opens the copy kept on this device, with what an earlier session stored', async () => {
    const record = contact();
    const first = new ConversationState(record);
    await first.open(record, { signaling: [], iceServers: [] });
    expect(first.failed).toBe('');
    expect(first.loaded).toBe(true);
    writeMessage(first.doc as Y.Doc, message('kept', THEM, '2026-01-02T09:00:00.000Z'));
    await ticks(20); // let IndexedDB take the write
    first.destroy();

    const again = new ConversationState(record);
    owned.push(again);
    await again.open(record, { signaling: [], iceServers: [] });
    expect(again.messages.map((m) => m.id)).toEqual(['kept']);
    expect(listMessages(again.doc as Y.Doc)).toHaveLength(1);
  });

  it('says why it could not open, instead of failing silently', async () => {
    const record = { ...contact(), conversationSecret: 'not a secret' };
    const conversation = new ConversationState(record);
    owned.push(conversation);
    await conversation.open(record, { signaling: [], iceServers: [] });
    expect(conversation.loaded).toBe(false);
    expect(conversation.failed).not.toBe('');
  });

  it('closed while it was still opening, it lets go of what it opened and shows nothing', async () => {
    const record = contact();
    const conversation = new ConversationState(record);
    const opening = conversation.open(record, { signaling: [], iceServers: [] });
    conversation.destroy();
    await opening;
    expect(conversation.loaded).toBe(false);
    expect(conversation.doc).toBeNull();
  });
});
