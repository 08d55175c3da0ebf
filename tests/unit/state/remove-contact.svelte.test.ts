// @vitest-environment jsdom
/**
 * Removing a contact, on this device and on another of mine: the conversation closes at once
 * (no longer listed, its document let go, nothing more archived or stored from it), and when I
 * chose to delete my copy, its local database goes too — on each device as the change arrives.
 */
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listMessages, writeMessage } from '../../../src/lib/conversation';
import { createSecret, decodeSecret, encodeSecret } from '../../../src/lib/keys';
import { PeopleState } from '../../../src/lib/state/people.svelte';
import { DocSession } from '../../../src/lib/sync/doc-session';
import {
  addContact,
  draftBody,
  getDraft,
  listArchived,
  openDraft,
  removeContact,
  scheduleDraft,
} from '../../../src/lib/vault';
import { eventually } from '../../helpers/eventually';
import { syncAll } from '../../helpers/sync-docs';

const THEM = 'member-them';
const OFFLINE = { signaling: [], iceServers: [] };
const POLL_MS = 10;
const OPEN_TIMEOUT_MS = 10_000;

const storedNames = async (): Promise<string[]> =>
  (await indexedDB.databases()).map((d) => d.name ?? '');

describe('removing a contact closes their conversation', () => {
  let vault: Y.Doc;
  let people: PeopleState;
  let secret: string;
  let sam: string;

  beforeEach(() => {
    vault = new Y.Doc();
    people = new PeopleState(vault, () => OFFLINE);
    secret = encodeSecret(createSecret());
    sam = addContact(vault, { name: 'Sam', conversationSecret: secret, theirMemberId: THEM });
  });

  afterEach(() => {
    people.destroy();
    vault.destroy();
  });

  async function opened(contactId: string): Promise<Y.Doc> {
    for (let waited = 0; waited < OPEN_TIMEOUT_MS; waited += POLL_MS) {
      const doc = people.conversation(contactId)?.doc;
      if (doc) return doc;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`The conversation with ${contactId} did not open`);
  }

  /** What this device has stored of the conversation (a fresh session reading its database). */
  async function stored(): Promise<string[]> {
    const session = await DocSession.open({
      secret: decodeSecret(secret),
      kind: 'conv',
      signaling: [],
    });
    await session.persistence!.whenReady;
    const texts = listMessages(session.doc).map((m) => m.text);
    session.destroy();
    return texts;
  }

  it('here: lets go of it at once, and nothing they write afterwards is kept', async () => {
    people.start();
    flushSync();
    const doc = await opened(sam);
    writeMessage(doc, { id: 'm1', from: THEM, text: 'Before', sentAt: '2026-01-02T09:00:00Z' });
    flushSync();
    await eventually(async () => expect(await stored()).toEqual(['Before']));

    people.removeContact(sam, { deleteArchive: false, block: false });
    flushSync();
    expect(people.conversation(sam)).toBeNull();
    expect(people.contacts).toEqual([]);
    // A message that reaches the old document now is neither archived nor stored.
    writeMessage(doc, { id: 'm2', from: THEM, text: 'After', sentAt: '2026-01-02T10:00:00Z' });
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listArchived(vault, sam).map((m) => m.text)).toEqual(['Before']);
    expect(await stored()).toEqual(['Before']);
  });

  it('on another of my devices: closes when the change arrives, and deletes my copy if I chose', async () => {
    const phone = new Y.Doc();
    syncAll(vault, phone);
    people.start();
    flushSync();
    const doc = await opened(sam);
    writeMessage(doc, {
      id: 'm1',
      from: THEM,
      text: 'Kept until deleted',
      sentAt: '2026-01-02T09:00:00Z',
    });
    await eventually(async () => expect(await stored()).toEqual(['Kept until deleted']));
    const name = await DocSession.dbName({ secret: decodeSecret(secret), kind: 'conv' });
    expect(await storedNames()).toContain(name);

    removeContact(phone, sam, { deleteArchive: true, block: false });
    syncAll(phone, vault);
    flushSync();
    expect(people.conversation(sam)).toBeNull();
    await people.deletingCopies;
    expect(await storedNames()).not.toContain(name);
    expect(listArchived(vault, sam)).toEqual([]);
  });

  it('a reply scheduled for them is set aside, never delivered', async () => {
    const id = openDraft(vault, sam);
    draftBody(vault, id).insert(0, 'Not to be sent');
    scheduleDraft(vault, id, new Date(Date.now() + 200), { undoable: true });
    people.start();
    flushSync();
    const doc = await opened(sam);
    people.removeContact(sam, { deleteArchive: false, block: false });
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(listMessages(doc)).toEqual([]);
    expect(getDraft(vault, id)?.state).toBe('discarded');
  });
});
