import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addContact,
  ARCHIVE_BUDGET_CHARS,
  ARCHIVED_OVERHEAD,
  archiveFull,
  archiveMessages,
  archiveUsed,
  archiveOf,
  lastRead,
  listArchived,
  markRead,
  ORIGIN,
  readsOf,
  ROOT,
  type ArchivedMessage,
} from '../../../src/lib/vault';
import {
  CONVERSATION_ROOT,
  listMessages,
  messagesOf,
  writeMessage,
} from '../../../src/lib/conversation';
import { linkDocs } from '../../helpers/linked-docs';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';

const BOB = 'contact-bob';
const BOB_MEMBER = 'member-bob';

const msg = (
  id: string,
  sentAt: string,
  extra: Partial<ArchivedMessage> = {},
): ArchivedMessage => ({
  id,
  from: BOB_MEMBER,
  text: `text of ${id}`,
  sentAt,
  ...extra,
});

const M1 = msg('m1', '2026-06-01T10:00:00.000Z');
const M2 = msg('m2', '2026-06-01T11:00:00.000Z', { replyTo: 'm1' });
const M3 = msg('m3', '2026-06-01T12:00:00.000Z');

/** My device's clock when messages are archived in these tests: well after they were sent. */
const NOW = new Date('2026-06-02T08:00:00.000Z');
const LATER = new Date('2026-06-03T08:00:00.000Z');
/** An instant `ms` milliseconds after `from`, as ISO. */
const plus = (from: Date, ms: number): string => new Date(from.getTime() + ms).toISOString();
/** A message as listed after being archived in a batch ending at `at`, `back` ms before its end. */
const seen = (m: ArchivedMessage, at = NOW, back = 0): ArchivedMessage => ({
  ...m,
  firstSeenAt: plus(at, -back),
});

/** A doc with a fixed Yjs client id, so the outcome of a concurrent write is reproducible. */
function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

describe('archive', () => {
  describe('archiveMessages', () => {
    it('copies received messages in one local transaction and says how many were new', () => {
      const vault = new Y.Doc();
      const { origins, stop } = recordOrigins(vault);
      expect(archiveMessages(vault, BOB, [M1, M2], NOW)).toBe(2);
      stop();
      expect(origins).toEqual([ORIGIN.local]);
      expect(listArchived(vault, BOB)).toEqual([seen(M1, NOW, 1), seen(M2)]);
    });

    it('copies each message once: archiving again writes nothing', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M1, M2]);
      const before = Y.encodeStateAsUpdate(vault);
      const { origins, stop } = recordOrigins(vault);
      expect(archiveMessages(vault, BOB, [M2, M1])).toBe(0);
      expect(archiveMessages(vault, BOB, [])).toBe(0);
      stop();
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(vault)).toEqual(before);
    });

    it('adds only the new ones from a mixed batch', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M1], NOW);
      expect(archiveMessages(vault, BOB, [M1, M2, M3], LATER)).toBe(2);
      expect(listArchived(vault, BOB)).toEqual([seen(M1), seen(M2, LATER, 1), seen(M3, LATER)]);
    });

    it('keeps the first copy when the same id later arrives with other words', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M1], NOW);
      expect(archiveMessages(vault, BOB, [{ ...M1, text: 'I never said that' }], LATER)).toBe(0);
      expect(listArchived(vault, BOB)).toEqual([seen(M1)]);
    });

    it('stores only the message fields, and replyTo only when there is one', () => {
      const vault = new Y.Doc();
      const extra = { ...M1, colour: 'red' } as ArchivedMessage;
      archiveMessages(vault, BOB, [extra, M2], NOW);
      const box = archiveOf(vault).get(BOB);
      expect(box?.get('m1')).toEqual({
        id: 'm1',
        from: BOB_MEMBER,
        text: 'text of m1',
        sentAt: M1.sentAt,
        firstSeenAt: plus(NOW, -1),
      });
      expect(box?.get('m2')).toEqual(seen(M2));
    });

    it('keeps each contact apart', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M1], NOW);
      archiveMessages(vault, 'contact-kim', [M1, M2], NOW);
      expect(listArchived(vault, BOB)).toEqual([seen(M1)]);
      expect(listArchived(vault, 'contact-kim')).toEqual([seen(M1, NOW, 1), seen(M2)]);
      expect(listArchived(vault, 'nobody')).toEqual([]);
    });
  });

  describe('listArchived', () => {
    it('lists in the order my device first saw them, ties by id, whatever the sender claims', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M3], NOW);
      // Backdated by a year, and arriving later: it comes after, not first.
      archiveMessages(vault, BOB, [msg('old', '2025-06-01T09:00:00.000Z')], LATER);
      const evening = new Date(LATER.getTime() + 3_600_000);
      archiveMessages(vault, BOB, [msg('b', M1.sentAt), msg('a', M1.sentAt)], evening);
      expect(listArchived(vault, BOB).map((m) => m.id)).toEqual(['m3', 'old', 'b', 'a']);
      const box = archiveOf(vault).get(BOB) as Y.Map<unknown>;
      box.set('tie', { ...msg('tie', M1.sentAt), firstSeenAt: evening.toISOString() });
      expect(listArchived(vault, BOB).map((m) => m.id)).toEqual(['m3', 'old', 'b', 'a', 'tie']);
    });

    it('keeps the given order within a batch, a millisecond apart and ending at now', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M1, M2, M3], NOW);
      expect(listArchived(vault, BOB).map((m) => m.firstSeenAt)).toEqual([
        plus(NOW, -2),
        plus(NOW, -1),
        plus(NOW, 0),
      ]);
    });

    it('reads a row archived before first-seen times as the earlier of its sentAt and now', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M1], NOW);
      const box = archiveOf(vault).get(BOB) as Y.Map<unknown>;
      const future = msg('future', '2099-01-01T00:00:00.000Z');
      box.set('old', { ...M2 });
      box.set('future', { ...future });
      box.set('garbled', { ...M3, firstSeenAt: 'yesterday' });
      expect(listArchived(vault, BOB, LATER)).toEqual([
        { ...M2, firstSeenAt: M2.sentAt },
        { ...M3, firstSeenAt: M3.sentAt },
        seen(M1),
        { ...future, firstSeenAt: LATER.toISOString() },
      ]);
    });

    it('skips archived values without an id, text or time, and a box that is not a map', () => {
      const vault = new Y.Doc();
      archiveMessages(vault, BOB, [M1], NOW);
      const box = archiveOf(vault).get(BOB) as Y.Map<unknown>;
      vault.transact(() => {
        box.set('n', null);
        box.set('s', 'just a string');
        box.set('no-id', { text: 'x', sentAt: M1.sentAt });
        box.set('no-text', { id: 'no-text', sentAt: M1.sentAt });
        box.set('num-time', { id: 'num-time', text: 'x', sentAt: 5 });
        box.set('no-from', { id: 'no-from', text: 'kept', sentAt: M2.sentAt });
      });
      expect(listArchived(vault, BOB)).toEqual([
        { id: 'no-from', from: '', text: 'kept', sentAt: M2.sentAt, firstSeenAt: M2.sentAt },
        seen(M1),
      ]);
      (archiveOf(vault) as Y.Map<unknown>).set('plain', { m1: M1 });
      expect(listArchived(vault, 'plain')).toEqual([]);
    });
  });

  describe('against a contact who vandalises the conversation', () => {
    it('keeps my copy of messages the contact deletes or rewrites in the shared doc', () => {
      const vault = new Y.Doc();
      const aliceConv = new Y.Doc();
      const bobConv = new Y.Doc();
      linkDocs(aliceConv, bobConv);
      for (const m of [M1, M2, M3]) writeMessage(bobConv, m);
      expect(archiveMessages(vault, BOB, listMessages(aliceConv), NOW)).toBe(3);

      // Bob deletes one message and rewrites another (a CRDT cannot stop him).
      bobConv.transact(() => {
        messagesOf(bobConv).delete('m1');
        messagesOf(bobConv).set('m2', { ...M2, text: 'you imagined it' });
      });
      expect(listMessages(aliceConv).map((m) => [m.id, m.text])).toEqual([
        ['m2', 'you imagined it'],
        ['m3', 'text of m3'],
      ]);

      // Archiving again after the vandalism adds nothing and changes nothing.
      expect(archiveMessages(vault, BOB, listMessages(aliceConv), LATER)).toBe(0);
      expect(listArchived(vault, BOB)).toEqual([seen(M1, NOW, 2), seen(M2, NOW, 1), seen(M3)]);
    });

    it('keeps my copy when the contact wipes the whole conversation', () => {
      const vault = new Y.Doc();
      const aliceConv = new Y.Doc();
      const bobConv = new Y.Doc();
      writeMessage(bobConv, M1);
      syncAll(aliceConv, bobConv);
      archiveMessages(vault, BOB, listMessages(aliceConv), NOW);
      bobConv.transact(() => messagesOf(bobConv).clear());
      syncAll(aliceConv, bobConv);
      expect(listMessages(aliceConv)).toEqual([]);
      expect(listArchived(vault, BOB)).toEqual([seen(M1)]);
    });

    it('fills in on the next pass what one device missed, while it is still in the conversation', () => {
      const laptop = docWithClient(1);
      const phone = docWithClient(2);
      archiveMessages(laptop, BOB, [M1, M2], NOW);
      archiveMessages(phone, BOB, [M1], NOW);
      syncAll(laptop, phone);
      archiveMessages(laptop, BOB, [M1, M2], LATER);
      syncAll(laptop, phone);
      expect(listArchived(phone, BOB).map((m) => m.id)).toEqual(['m1', 'm2']);
      expect(listArchived(laptop, BOB)).toEqual(listArchived(phone, BOB));
    });

    // A contact's archive map is created together with the contact, on the one device that
    // added it, so devices that archive while apart write into the same map. (Created lazily
    // on two devices, one map would win the merge and the other's messages would be lost.)
    it('keeps messages archived on two devices while apart, after the contact synced', () => {
      const laptop = docWithClient(1);
      const phone = docWithClient(2);
      addContact(laptop, { id: BOB, name: 'Bob', conversationSecret: 's', theirMemberId: 'm' });
      syncAll(laptop, phone);
      archiveMessages(laptop, BOB, [M1, M2], NOW);
      archiveMessages(phone, BOB, [M1], NOW);
      syncAll(laptop, phone);
      expect(listArchived(laptop, BOB).map((m) => m.id)).toEqual(['m1', 'm2']);
      expect(listArchived(phone, BOB)).toEqual(listArchived(laptop, BOB));
    });
  });

  describe('reads', () => {
    it('has no read mark before anything is read', () => {
      expect(lastRead(new Y.Doc(), BOB)).toBeNull();
    });

    it('moves the read mark forward, never backwards, per contact', () => {
      const vault = new Y.Doc();
      markRead(vault, BOB, M2.sentAt);
      expect(lastRead(vault, BOB)).toBe(M2.sentAt);

      const before = Y.encodeStateAsUpdate(vault);
      const { origins, stop } = recordOrigins(vault);
      markRead(vault, BOB, M1.sentAt);
      markRead(vault, BOB, M2.sentAt);
      stop();
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(vault)).toEqual(before);
      expect(lastRead(vault, BOB)).toBe(M2.sentAt);

      markRead(vault, BOB, M3.sentAt);
      expect(lastRead(vault, BOB)).toBe(M3.sentAt);
      markRead(vault, 'contact-kim', M1.sentAt);
      expect(lastRead(vault, 'contact-kim')).toBe(M1.sentAt);
      expect(lastRead(vault, BOB)).toBe(M3.sentAt);
    });

    it('reads a malformed read mark as none, and replaces it', () => {
      const vault = new Y.Doc();
      readsOf(vault).set(BOB, 42);
      expect(lastRead(vault, BOB)).toBeNull();
      markRead(vault, BOB, M1.sentAt);
      expect(lastRead(vault, BOB)).toBe(M1.sentAt);
    });

    it('writes reads and the archive only to the vault, never to the conversation', () => {
      const vault = new Y.Doc();
      const aliceConv = new Y.Doc();
      const bobConv = new Y.Doc();
      linkDocs(aliceConv, bobConv);
      writeMessage(bobConv, M1);
      const convBefore = Y.encodeStateAsUpdate(aliceConv);
      const { origins, stop } = recordOrigins(aliceConv);

      const messages = listMessages(aliceConv);
      archiveMessages(vault, BOB, messages);
      markRead(vault, BOB, messages[0]?.sentAt ?? '');

      stop();
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(aliceConv)).toEqual(convBefore);
      expect(Y.encodeStateAsUpdate(bobConv)).toEqual(convBefore);
      expect([...aliceConv.share.keys()]).toEqual([CONVERSATION_ROOT.messages]);
      expect([...vault.share.keys()].sort()).toEqual([ROOT.archive, ROOT.reads]);
    });

    // Once one last-writer-wins value per contact: the merge kept the higher client id's
    // value even when it was the earlier time, and read messages showed as unread again.
    it.each([
      ['the laptop', 1, 2],
      ['the phone', 2, 1],
    ])(
      'keeps the later read mark when two devices marked read while apart (%s ordered last)',
      (_, laptopClient, phoneClient) => {
        const laptop = docWithClient(laptopClient);
        const phone = docWithClient(phoneClient);
        markRead(laptop, BOB, M3.sentAt);
        markRead(phone, BOB, M1.sentAt);
        syncAll(laptop, phone);
        expect(lastRead(laptop, BOB)).toBe(M3.sentAt);
        expect(lastRead(phone, BOB)).toBe(M3.sentAt);
        // The next mark tidies both away: one mark per contact again.
        const M4 = { ...M3, sentAt: '2026-12-01T00:00:00.000Z' };
        markRead(phone, BOB, M4.sentAt);
        syncAll(laptop, phone);
        expect(lastRead(laptop, BOB)).toBe(M4.sentAt);
        expect([...readsOf(laptop).keys()].filter((k) => k.startsWith(BOB))).toHaveLength(1);
      },
    );

    describe('a mark in the future (an older Mull wrote the sender’s claimed date)', () => {
      const FAR = '2099-01-01T00:00:00.000Z';

      it('counts as now', () => {
        const vault = new Y.Doc();
        readsOf(vault).set(`${BOB}/poisoned`, FAR);
        expect(lastRead(vault, BOB, NOW)).toBe(NOW.toISOString());
      });

      it('is settled when the next message arrives, so that message is unread', () => {
        const vault = new Y.Doc();
        archiveMessages(vault, BOB, [M1], NOW);
        readsOf(vault).set(`${BOB}/poisoned`, FAR);
        archiveMessages(vault, BOB, [msg('next', '2026-06-03T07:00:00.000Z')], LATER);
        const read = lastRead(vault, BOB, LATER);
        expect(read).toBe(NOW.toISOString());
        const next = listArchived(vault, BOB).find((m) => m.id === 'next');
        expect(next && read !== null && next.firstSeenAt > read).toBe(true);
        expect([...readsOf(vault).values()]).not.toContain(FAR);
      });

      it('is removed when nothing was seen before the next message', () => {
        const vault = new Y.Doc();
        readsOf(vault).set(BOB, FAR);
        archiveMessages(vault, BOB, [M1], NOW);
        expect(lastRead(vault, BOB, NOW)).toBeNull();
      });

      it('is replaced by the next mark, and no mark goes past now', () => {
        const vault = new Y.Doc();
        readsOf(vault).set(`${BOB}/poisoned`, FAR);
        markRead(vault, BOB, M2.sentAt, NOW);
        expect(lastRead(vault, BOB, LATER)).toBe(M2.sentAt);
        markRead(vault, BOB, FAR, NOW);
        expect(lastRead(vault, BOB, LATER)).toBe(NOW.toISOString());
        expect([...readsOf(vault).values()]).toEqual([NOW.toISOString()]);
      });

      it('leaves the other contacts’ marks alone', () => {
        const vault = new Y.Doc();
        markRead(vault, 'contact-kim', M1.sentAt, NOW);
        readsOf(vault).set(`${BOB}/poisoned`, FAR);
        archiveMessages(vault, BOB, [M2], LATER);
        expect(lastRead(vault, 'contact-kim', LATER)).toBe(M1.sentAt);
      });
    });

    it('reads a mark written before marks had keys of their own, and tidies it away', () => {
      const vault = new Y.Doc();
      readsOf(vault).set(BOB, M2.sentAt);
      expect(lastRead(vault, BOB)).toBe(M2.sentAt);
      markRead(vault, BOB, M3.sentAt);
      expect(lastRead(vault, BOB)).toBe(M3.sentAt);
      expect(readsOf(vault).has(BOB)).toBe(false);
    });
  });
});

describe('archive budget', () => {
  const long = (id: string): ArchivedMessage => ({
    ...msg(id, '2026-06-01T10:00:00.000Z'),
    text: 'x'.repeat(19_000),
  });

  it('copies a streaming contact only up to the budget, and says it is full', () => {
    const doc = new Y.Doc();
    const per = 19_000 + ARCHIVED_OVERHEAD;
    const fits = Math.floor(ARCHIVE_BUDGET_CHARS / per);
    const flood = Array.from({ length: fits + 50 }, (_, i) => long(`f${i}`));
    expect(archiveFull(doc, BOB)).toBe(false);
    // In two batches, as arrivals come: the budget holds across them.
    const first = archiveMessages(doc, BOB, flood.slice(0, 100), NOW);
    const rest = archiveMessages(doc, BOB, flood.slice(100), LATER);
    expect(first + rest).toBe(fits);
    expect(archiveUsed(doc, BOB)).toBeLessThanOrEqual(ARCHIVE_BUDGET_CHARS);
    expect(archiveFull(doc, BOB)).toBe(true);
    // What was copied is the oldest part, whole; nothing more is added later.
    expect(listArchived(doc, BOB, LATER).map((m) => m.id)).toEqual(
      flood.slice(0, fits).map((m) => m.id),
    );
    expect(archiveMessages(doc, BOB, [long('after')], LATER)).toBe(0);
    // Another contact's archive is not affected.
    expect(archiveMessages(doc, 'contact-carol', [M1], LATER)).toBe(1);
  });
});
