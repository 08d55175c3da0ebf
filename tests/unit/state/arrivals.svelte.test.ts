// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { writeMessage } from '../../../src/lib/conversation';
import { ArrivalsState } from '../../../src/lib/state/arrivals.svelte';
import { ConversationState } from '../../../src/lib/state/conversation.svelte';
import { listArchived, openDraft, type ContactRecord } from '../../../src/lib/vault';

const THEM = 'member-them';
const contact: ContactRecord = {
  id: 'c1',
  name: 'Sam',
  conversationSecret: 'unused here',
  theirMemberId: THEM,
  addedAt: '2026-01-01T00:00:00.000Z',
  removedAt: null,
};

describe('ArrivalsState', () => {
  let vault: Y.Doc;
  let shared: Y.Doc;
  let arrivals: ArrivalsState;
  let conversation: ConversationState;
  const shown: { title: string; body: string | undefined }[] = [];

  beforeEach(() => {
    vault = new Y.Doc();
    shared = new Y.Doc();
    conversation = new ConversationState(contact);
    conversation.show(shared);
    // Mull in the background, notifications allowed, no service worker: the page shows them.
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    class FakeNotification {
      static permission = 'granted';
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, body: options.body });
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    arrivals = new ArrivalsState(vault, () => [{ contact, conversation }]);
    flushSync();
  });

  afterEach(() => {
    arrivals.destroy();
    conversation.destroy();
    shown.splice(0);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const receive = (id: string, from = THEM): void => {
    writeMessage(shared, { id, from, text: `words of ${id}`, sentAt: new Date().toISOString() });
    flushSync();
  };

  it('archives what they send, with when this device first saw it, and not what I sent', () => {
    const mine = openDraft(vault, contact.id);
    const before = new Date().toISOString();
    receive('theirs');
    receive(mine, 'member-me');
    const archived = listArchived(vault, contact.id);
    expect(archived.map((m) => m.id)).toEqual(['theirs']);
    const firstSeenAt = archived[0]?.firstSeenAt ?? '';
    expect(firstSeenAt >= before).toBe(true);
    expect(firstSeenAt <= new Date().toISOString()).toBe(true);
  });

  it('notifies once for each new message of theirs, without its words', async () => {
    receive('one');
    receive(openDraft(vault, contact.id), 'member-me');
    await Promise.resolve();
    expect(shown).toEqual([{ title: 'From Sam', body: 'A new message is waiting.' }]);
    receive('two');
    await Promise.resolve();
    expect(shown).toHaveLength(2);
  });

  it('stops following conversations once destroyed', () => {
    arrivals.destroy();
    receive('late');
    expect(listArchived(vault, contact.id)).toEqual([]);
  });
});
