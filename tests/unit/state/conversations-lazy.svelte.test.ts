// @vitest-environment jsdom
/**
 * Conversations load lazily: one at a time, after start, never one past its budget; a reply
 * that is due still goes out (its conversation is opened first).
 */
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { listMessages } from '../../../src/lib/conversation';
import { createSecret, docId, encodeSecret } from '../../../src/lib/keys';
import { DocSession } from '../../../src/lib/sync/doc-session';
import { markOverBudget } from '../../../src/lib/sync/room-budget';
import { PeopleState } from '../../../src/lib/state/people.svelte';
import { addContact, draftBody, openDraft, scheduleDraft } from '../../../src/lib/vault';

/** Retries `check` in real time (deriving a room's keys takes a while) for up to 10 s. */
async function within<T>(check: () => T): Promise<T> {
  for (let waited = 0; ; waited += 10) {
    try {
      return check();
    } catch (err) {
      if (waited > 10_000) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const OFFLINE = { signaling: [], iceServers: [] };

describe('ConversationsState: lazy loading', () => {
  let vault: Y.Doc;
  let people: PeopleState;
  let inFlight = 0;
  let mostAtOnce = 0;
  /** Conversation secrets, in the order their loading began. */
  let order: string[] = [];

  beforeEach(() => {
    vault = new Y.Doc();
    people = new PeopleState(vault, () => OFFLINE);
    inFlight = 0;
    mostAtOnce = 0;
    order = [];
    // Counts conversations loading at the same moment (open → loaded and joined).
    const open = DocSession.open.bind(DocSession);
    vi.spyOn(DocSession, 'open').mockImplementation(async (options) => {
      order.push(encodeSecret(options.secret));
      inFlight++;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      try {
        const session = await open(options);
        await session.ready;
        return session;
      } finally {
        inFlight--;
      }
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    people.destroy();
    vault.destroy();
  });

  async function contact(name: string, overBudget = false): Promise<string> {
    const secret = createSecret();
    if (overBudget) await markOverBudget(`mull-${await docId(secret, 'conv')}`);
    return addContact(vault, {
      name,
      conversationSecret: encodeSecret(secret),
      theirMemberId: `member-${name}`,
    });
  }

  it('opens one conversation at a time, and leaves one past its budget unloaded', async () => {
    const ids = [await contact('Ana'), await contact('Ben', true), await contact('Cy')];
    people.start();
    flushSync();
    // Nothing is loaded during start itself: every conversation waits for an idle moment.
    expect(ids.map((id) => people.conversation(id)?.loaded)).toEqual([false, false, false]);
    await within(() => {
      expect(people.conversation(ids[0]!)?.loaded).toBe(true);
      expect(people.conversation(ids[2]!)?.loaded).toBe(true);
    });
    expect(mostAtOnce).toBe(1);
    const ben = people.conversation(ids[1]!);
    expect(ben?.exceeded).toBe('storage');
    expect(ben?.loaded).toBe(false);
    expect(ben?.doc).toBeNull();
  });

  it('opens the conversation of a reply that is due first, and delivers it', async () => {
    const ids: string[] = [];
    for (const name of ['Ana', 'Ben', 'Cy', 'Dee']) ids.push(await contact(name));
    const dee = ids.at(-1)!;
    const draftId = openDraft(vault, dee);
    draftBody(vault, draftId).insert(0, 'See you Friday.');
    scheduleDraft(vault, draftId, new Date(Date.now() - 1000), { undoable: true });
    people.start();
    await within(() => {
      const doc = people.conversation(dee)?.doc;
      expect(doc && listMessages(doc).map((m) => m.text)).toEqual(['See you Friday.']);
    });
    expect(order[0]).toBe(people.contact(dee)?.conversationSecret);
  });

  it('does not write a due reply into a conversation that passed its budget', async () => {
    const ana = await contact('Ana');
    people.start();
    flushSync();
    const conversation = await within(() => {
      const c = people.conversation(ana);
      expect(c?.loaded).toBe(true);
      return c!;
    });
    // As when the budget trips while it is open (tests/unit/sync/room-budget-flood.test.ts).
    conversation.exceeded = 'storage';
    const draftId = openDraft(vault, ana);
    draftBody(vault, draftId).insert(0, 'Would never arrive.');
    scheduleDraft(vault, draftId, new Date(Date.now() - 1000), { undoable: true });
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listMessages(conversation.doc!)).toEqual([]);
    expect(people.drafts.find((d) => d.id === draftId)?.state).toBe('scheduled');
  });
});
