// @vitest-environment jsdom
/**
 * A conversation past its budget is shown as such and never loaded into memory; one under it
 * loads as usual. (The flood itself: tests/unit/sync/room-budget-flood.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeMessage } from '../../../src/lib/conversation';
import { createSecret, docId, encodeSecret } from '../../../src/lib/keys';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import {
  markOverBudget,
  MAX_CONVERSATION_MESSAGES,
  readBudgetRecord,
} from '../../../src/lib/sync/room-budget';
import { ConversationState } from '../../../src/lib/state/conversation.svelte';
import type { ContactRecord } from '../../../src/lib/vault';

const owned: { destroy(): void }[] = [];
afterEach(() => owned.splice(0).forEach((o) => o.destroy()));

const network = { signaling: [], iceServers: [] };

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function storedConversation(): Promise<{ contact: ContactRecord; dbName: string }> {
  const secret = createSecret();
  const dbName = `mull-${await docId(secret, 'conv')}`;
  const doc = new Y.Doc();
  const local = new LocalPersistence(dbName, doc, { countStoredBytes: true });
  await local.whenReady;
  writeMessage(doc, { id: 'm1', from: 'them', text: 'hello', sentAt: '2026-01-02T10:00:00.000Z' });
  await local.whenIdle();
  local.destroy();
  const contact: ContactRecord = {
    id: `c-${dbName.slice(-6)}`,
    name: 'Sam',
    conversationSecret: encodeSecret(secret),
    theirMemberId: 'them',
    addedAt: '2026-01-01T00:00:00.000Z',
    removedAt: null,
  };
  return { contact, dbName };
}

describe('ConversationState and the budget', () => {
  it('loads a conversation under its budget', async () => {
    const { contact } = await storedConversation();
    const conversation = new ConversationState(contact);
    owned.push(conversation);
    await conversation.open(contact, network);
    expect(conversation.exceeded).toBeNull();
    expect(conversation.loaded).toBe(true);
    expect(conversation.messages.map((m) => m.text)).toEqual(['hello']);
  });

  it('does not load one past its budget, and says why', async () => {
    const { contact, dbName } = await storedConversation();
    await markOverBudget(dbName);
    const conversation = new ConversationState(contact);
    owned.push(conversation);
    await conversation.open(contact, network);
    expect(conversation.exceeded).toBe('storage');
    expect(conversation.loaded).toBe(false);
    expect(conversation.doc).toBeNull();
    expect(conversation.failed).toBe('');
  });

  it('stops at MAX_CONVERSATION_MESSAGES, however small each message: not shown, marked for the next start', async () => {
    const { contact, dbName } = await storedConversation();
    const conversation = new ConversationState(contact);
    owned.push(conversation);
    await conversation.open(contact, network);
    expect(conversation.loaded).toBe(true);
    const doc = conversation.doc!;
    // A contact's client writes one-letter messages, one update carrying them all.
    doc.transact(() => {
      const messages = doc.getMap('messages');
      for (let i = 0; i <= MAX_CONVERSATION_MESSAGES; i++) {
        messages.set(`f${i}`, {
          id: `f${i}`,
          from: 'them',
          text: 'x',
          sentAt: '2026-01-02T10:00:00.000Z',
        });
      }
    });
    expect(conversation.exceeded).toBe('storage');
    expect(conversation.loaded).toBe(false);
    expect(conversation.messages).toEqual([]);
    await until(async () => (await readBudgetRecord(dbName)).overBudgetAt !== null);
  });
});
