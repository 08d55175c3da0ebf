import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addContact,
  discardDraft,
  DRAFT,
  draftBody,
  draftsOf,
  ensureMemberId,
  getDraft,
  listDrafts,
  markDraftSent,
  MAX_MESSAGE_LENGTH,
  openDraft,
  ORIGIN,
  readDraft,
  scheduleDraft,
  unscheduleDraft,
  updateDraft,
  VaultError,
  type VaultErrorCode,
} from '../../../src/lib/vault';
import { listMessages, writeMessage } from '../../../src/lib/conversation';
import { linkDocs } from '../../helpers/linked-docs';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';

const T0 = new Date('2026-05-10T09:00:00.000Z');
const T1 = new Date('2026-05-10T09:05:00.000Z');
const T2 = new Date('2026-05-10T09:10:00.000Z');
const T3 = new Date('2026-05-10T09:15:00.000Z');

/** Runs `fn`, expects a VaultError with `code`, and checks the doc did not change at all. */
function expectRefusal(doc: Y.Doc, code: VaultErrorCode, fn: () => unknown): void {
  const before = Y.encodeStateAsUpdate(doc);
  const { origins, stop } = recordOrigins(doc);
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  stop();
  expect(caught).toBeInstanceOf(VaultError);
  expect((caught as VaultError).code).toBe(code);
  expect(origins).toEqual([]);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

/** A draft for `contactId` holding `text`. */
function draftWith(doc: Y.Doc, text: string, contactId = 'sam', now = T0): string {
  const id = openDraft(doc, contactId, null, now);
  draftBody(doc, id).insert(0, text);
  return id;
}

/** Does `text`, as UTF-8, appear anywhere in the bytes that would carry `doc` to a peer? */
const docBytesContain = (doc: Y.Doc, text: string): boolean =>
  Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(text, 'utf8'));

/** A doc with a fixed Yjs client id, so the outcome of a concurrent write is reproducible. */
function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

describe('drafts', () => {
  describe('openDraft', () => {
    it('creates an empty drafting draft for the contact', () => {
      const doc = new Y.Doc();
      const { origins, stop } = recordOrigins(doc);
      const id = openDraft(doc, 'sam', 'msg-1', T0);
      stop();
      expect(origins).toEqual([ORIGIN.local]);
      expect(getDraft(doc, id)).toEqual({
        id,
        contactId: 'sam',
        replyTo: 'msg-1',
        body: '',
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
        moodAtStart: null,
        moodAtSend: null,
        holdUntil: null,
        sendAt: null,
        undoable: false,
        scheduledBy: null,
        state: 'drafting',
        toneNotes: [],
        firstVersion: null,
      });
      expect(draftBody(doc, id)).toBeInstanceOf(Y.Text);
    });

    it('returns the same open draft for a contact, and a separate one per contact', () => {
      const doc = new Y.Doc();
      const sam = openDraft(doc, 'sam', null, T0);
      const before = Y.encodeStateAsUpdate(doc);
      const { origins, stop } = recordOrigins(doc);
      expect(openDraft(doc, 'sam', null, T1)).toBe(sam);
      stop();
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
      const kim = openDraft(doc, 'kim', null, T1);
      expect(kim).not.toBe(sam);
      expect(listDrafts(doc).map((d) => d.contactId)).toEqual(['sam', 'kim']);
    });

    it('treats a scheduled draft as still open', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'On my way');
      scheduleDraft(doc, id, T2, { undoable: true }, T1);
      expect(openDraft(doc, 'sam', null, T1)).toBe(id);
    });

    it('opens a fresh draft once the last one was sent or discarded', () => {
      const doc = new Y.Doc();
      const sent = draftWith(doc, 'first');
      markDraftSent(doc, sent, T1);
      const discarded = openDraft(doc, 'sam', null, T1);
      expect(discarded).not.toBe(sent);
      discardDraft(doc, discarded, T2);
      const fresh = openDraft(doc, 'sam', null, T2);
      expect([sent, discarded]).not.toContain(fresh);
      expect(getDraft(doc, fresh)?.body).toBe('');
    });

    it('moves an open draft to reply to another message, but not once it is scheduled', () => {
      const doc = new Y.Doc();
      const id = openDraft(doc, 'sam', 'msg-1', T0);
      expect(openDraft(doc, 'sam', 'msg-2', T1)).toBe(id);
      expect(getDraft(doc, id)?.replyTo).toBe('msg-2');
      // Opening without a message to reply to keeps the one chosen before.
      expect(openDraft(doc, 'sam', null, T1)).toBe(id);
      expect(getDraft(doc, id)?.replyTo).toBe('msg-2');

      draftBody(doc, id).insert(0, 'Yes, Friday works');
      scheduleDraft(doc, id, T3, { undoable: false }, T1);
      expect(openDraft(doc, 'sam', 'msg-3', T2)).toBe(id);
      expect(getDraft(doc, id)?.replyTo).toBe('msg-2');
    });

    it('settles on the oldest open draft after two devices each opened one while apart', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const older = openDraft(laptop, 'sam', null, T0);
      const newer = openDraft(phone, 'sam', null, T1);
      syncAll(laptop, phone);
      // Both survive the merge (nothing typed is lost); both devices continue the same one.
      expect(listDrafts(laptop).map((d) => d.id)).toEqual([older, newer]);
      expect(openDraft(laptop, 'sam')).toBe(older);
      expect(openDraft(phone, 'sam')).toBe(older);
    });
  });

  describe('reading drafts', () => {
    it('skips drafts without an id, contact or creation time, and non-map values', () => {
      const doc = new Y.Doc();
      const good = openDraft(doc, 'sam', null, T0);
      const partial = (fields: Record<string, unknown>): Y.Map<unknown> => {
        const map = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(fields)) map.set(k, v);
        return map;
      };
      doc.transact(() => {
        draftsOf(doc).set('a', partial({ [DRAFT.contactId]: 'sam', [DRAFT.createdAt]: 'x' }));
        draftsOf(doc).set('b', partial({ [DRAFT.id]: 'b', [DRAFT.createdAt]: 'x' }));
        draftsOf(doc).set('c', partial({ [DRAFT.id]: 'c', [DRAFT.contactId]: 'sam' }));
        draftsOf(doc).set('d', partial({ [DRAFT.id]: 4, [DRAFT.contactId]: 'sam' }));
        (draftsOf(doc) as Y.Map<unknown>).set('e', { id: 'e', contactId: 'sam', createdAt: 'x' });
        (draftsOf(doc) as Y.Map<unknown>).set('f', 'not a draft');
      });
      expect(listDrafts(doc).map((d) => d.id)).toEqual([good]);
      expect(getDraft(doc, 'e')).toBeNull();
      expect(getDraft(doc, 'missing')).toBeNull();
    });

    it('reads malformed optional fields as their defaults', () => {
      const map = new Y.Map<unknown>();
      const doc = new Y.Doc();
      doc.transact(() => {
        draftsOf(doc).set('x', map);
        map.set(DRAFT.id, 'x');
        map.set(DRAFT.contactId, 'sam');
        map.set(DRAFT.createdAt, T0.toISOString());
        map.set(DRAFT.body, 'plain string, not Y.Text');
        map.set(DRAFT.state, 'exploded');
        map.set(DRAFT.moodAtStart, { pleasantness: 'low', energy: 2 });
        map.set(DRAFT.moodAtSend, [1, 2]);
        map.set(DRAFT.toneNotes, ['all capitals', 3, null, "'you always'"]);
        map.set(DRAFT.undoable, 'true');
        map.set(DRAFT.sendAt, 1234);
      });
      expect(readDraft(map)).toMatchObject({
        body: '',
        state: 'drafting',
        updatedAt: T0.toISOString(),
        moodAtStart: null,
        moodAtSend: null,
        toneNotes: ['all capitals', "'you always'"],
        undoable: false,
        sendAt: null,
      });
    });

    it('refuses the text of an unknown draft or of a draft that has none', () => {
      const doc = new Y.Doc();
      expect(() => draftBody(doc, 'nope')).toThrow(VaultError);
      const map = new Y.Map<unknown>();
      draftsOf(doc).set('no-text', map);
      expect(() => draftBody(doc, 'no-text')).toThrow(VaultError);
    });
  });

  describe('updateDraft', () => {
    it('sets fields, clears them with null and stamps updatedAt', () => {
      const doc = new Y.Doc();
      const id = openDraft(doc, 'sam', 'msg-1', T0);
      updateDraft(
        doc,
        id,
        {
          moodAtStart: { pleasantness: -2, energy: 3 },
          holdUntil: T3.toISOString(),
          toneNotes: ['all capitals'],
        },
        T1,
      );
      expect(getDraft(doc, id)).toMatchObject({
        replyTo: 'msg-1',
        moodAtStart: { pleasantness: -2, energy: 3 },
        holdUntil: T3.toISOString(),
        toneNotes: ['all capitals'],
        updatedAt: T1.toISOString(),
      });
      updateDraft(doc, id, { replyTo: null, holdUntil: null, moodAtStart: null }, T2);
      expect(getDraft(doc, id)).toMatchObject({
        replyTo: null,
        holdUntil: null,
        moodAtStart: null,
        toneNotes: ['all capitals'],
        updatedAt: T2.toISOString(),
      });
    });

    it('refuses an unknown draft without writing', () => {
      const doc = new Y.Doc();
      expectRefusal(doc, 'not-found', () => updateDraft(doc, 'nope', { holdUntil: null }));
    });
  });

  describe('scheduleDraft', () => {
    it('schedules a send with an undo window, keeping the first version and mood at send', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'Thanks, that helped');
      scheduleDraft(
        doc,
        id,
        T2,
        { undoable: true, moodAtSend: { pleasantness: 3, energy: 1 } },
        T1,
      );
      expect(getDraft(doc, id)).toMatchObject({
        state: 'scheduled',
        sendAt: T2.toISOString(),
        undoable: true,
        moodAtSend: { pleasantness: 3, energy: 1 },
        firstVersion: 'Thanks, that helped',
        updatedAt: T1.toISOString(),
      });
    });

    it('schedules a chosen time without the undo flag', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'Talk tomorrow');
      scheduleDraft(doc, id, T3, { undoable: false }, T1);
      expect(getDraft(doc, id)).toMatchObject({
        state: 'scheduled',
        sendAt: T3.toISOString(),
        undoable: false,
        moodAtSend: null,
      });
    });

    it('records the device that scheduled it, and forgets it when unscheduled', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'See you at nine');
      scheduleDraft(doc, id, T2, { undoable: false, scheduledBy: 'phone' }, T1);
      expect(getDraft(doc, id)?.scheduledBy).toBe('phone');
      // Scheduled again by a device that records none: no stale lease is left behind.
      scheduleDraft(doc, id, T3, { undoable: false }, T1);
      expect(getDraft(doc, id)?.scheduledBy).toBeNull();
      scheduleDraft(doc, id, T3, { undoable: false, scheduledBy: 'laptop' }, T1);
      expect(unscheduleDraft(doc, id, T1)).toBe(true);
      expect(getDraft(doc, id)?.scheduledBy).toBeNull();
    });

    it('keeps the very first version across undo, edits and a second send', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'You ALWAYS do this');
      scheduleDraft(doc, id, T1, { undoable: true }, T0);
      expect(unscheduleDraft(doc, id, T0)).toBe(true);
      const body = draftBody(doc, id);
      body.delete(0, body.length);
      body.insert(0, 'Can we talk about Friday?');
      scheduleDraft(doc, id, T2, { undoable: true }, T1);
      expect(getDraft(doc, id)).toMatchObject({
        body: 'Can we talk about Friday?',
        firstVersion: 'You ALWAYS do this',
        state: 'scheduled',
      });
    });

    it('reschedules a scheduled draft, replacing the time and the undo flag', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'See you');
      scheduleDraft(doc, id, T3, { undoable: false, moodAtSend: { pleasantness: 1, energy: 1 } });
      scheduleDraft(doc, id, T2, { undoable: true });
      expect(getDraft(doc, id)).toMatchObject({
        sendAt: T2.toISOString(),
        undoable: true,
        // Not given the second time, so the mood recorded at the first send stays.
        moodAtSend: { pleasantness: 1, energy: 1 },
      });
    });

    it('refuses an empty or blank draft', () => {
      const doc = new Y.Doc();
      const empty = openDraft(doc, 'sam');
      expectRefusal(doc, 'invalid-setting', () =>
        scheduleDraft(doc, empty, T2, { undoable: true }),
      );
      draftBody(doc, empty).insert(0, ' \n\t ');
      expectRefusal(doc, 'invalid-setting', () =>
        scheduleDraft(doc, empty, T2, { undoable: true }),
      );
    });

    it('accepts a draft of exactly the longest message and refuses one character more', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'a'.repeat(MAX_MESSAGE_LENGTH));
      scheduleDraft(doc, id, T2, { undoable: true });
      unscheduleDraft(doc, id);
      draftBody(doc, id).insert(0, 'b');
      expectRefusal(doc, 'invalid-setting', () => scheduleDraft(doc, id, T2, { undoable: true }));
      expect(getDraft(doc, id)?.state).toBe('drafting');
    });

    it('refuses a draft that was sent or discarded, or that does not exist', () => {
      const doc = new Y.Doc();
      const sent = draftWith(doc, 'sent already', 'sam');
      markDraftSent(doc, sent);
      const discarded = draftWith(doc, 'never mind', 'kim');
      discardDraft(doc, discarded);
      expectRefusal(doc, 'not-found', () => scheduleDraft(doc, sent, T2, { undoable: true }));
      expectRefusal(doc, 'not-found', () => scheduleDraft(doc, discarded, T2, { undoable: false }));
      expectRefusal(doc, 'not-found', () => scheduleDraft(doc, 'nope', T2, { undoable: true }));
    });

    it('refuses an invalid send time and leaves the draft as it was', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'Later');
      expectRefusal(doc, 'invalid-date', () =>
        scheduleDraft(doc, id, new Date(''), { undoable: false }),
      );
    });
  });

  describe('unscheduleDraft', () => {
    it('puts a scheduled draft back to drafting, dropping the time and undo flag', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'Sure!');
      scheduleDraft(doc, id, T2, { undoable: true }, T1);
      expect(unscheduleDraft(doc, id, T2)).toBe(true);
      expect(getDraft(doc, id)).toMatchObject({
        state: 'drafting',
        sendAt: null,
        undoable: false,
        body: 'Sure!',
        firstVersion: 'Sure!',
        updatedAt: T2.toISOString(),
      });
    });

    it('does nothing, and says so, unless the draft is scheduled', () => {
      const doc = new Y.Doc();
      const drafting = draftWith(doc, 'a', 'sam');
      const sent = draftWith(doc, 'b', 'kim');
      scheduleDraft(doc, sent, T1, { undoable: true });
      markDraftSent(doc, sent);
      const discarded = draftWith(doc, 'c', 'lee');
      discardDraft(doc, discarded);
      for (const id of [drafting, sent, discarded]) {
        const before = Y.encodeStateAsUpdate(doc);
        const { origins, stop } = recordOrigins(doc);
        expect(unscheduleDraft(doc, id)).toBe(false);
        stop();
        expect(origins).toEqual([]);
        expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
      }
      expect(getDraft(doc, sent)?.state).toBe('sent');
    });

    it('refuses an unknown draft', () => {
      const doc = new Y.Doc();
      expectRefusal(doc, 'not-found', () => unscheduleDraft(doc, 'nope'));
    });
  });

  describe('markDraftSent and discardDraft', () => {
    it('marks a scheduled draft sent, keeping its text, time and first version', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'Done');
      scheduleDraft(doc, id, T1, { undoable: true }, T0);
      markDraftSent(doc, id, T1);
      expect(getDraft(doc, id)).toMatchObject({
        state: 'sent',
        body: 'Done',
        sendAt: T1.toISOString(),
        firstVersion: 'Done',
        updatedAt: T1.toISOString(),
      });
    });

    it('discards a draft, keeping its text for "What I almost sent"', () => {
      const doc = new Y.Doc();
      const id = draftWith(doc, 'Forget it');
      discardDraft(doc, id, T2);
      expect(getDraft(doc, id)).toMatchObject({
        state: 'discarded',
        body: 'Forget it',
        updatedAt: T2.toISOString(),
      });
    });

    it('refuses an unknown draft', () => {
      const doc = new Y.Doc();
      expectRefusal(doc, 'not-found', () => markDraftSent(doc, 'nope'));
      expectRefusal(doc, 'not-found', () => discardDraft(doc, 'nope'));
    });
  });

  describe('on two devices at once', () => {
    it('schedules on one device while the other keeps typing: the merged text is scheduled', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const id = draftWith(laptop, 'Hello');
      syncAll(laptop, phone);

      scheduleDraft(laptop, id, T2, { undoable: true }, T1);
      draftBody(phone, id).insert(5, ' there, see you Friday');
      syncAll(laptop, phone);

      // Outcome: the draft is scheduled everywhere and carries the text typed after "Send" on
      // the other device; the first version is what was there when the laptop sent. Delivery
      // sends the body as it is when sendAt passes, not as it was when scheduled.
      for (const doc of [laptop, phone]) {
        expect(getDraft(doc, id)).toMatchObject({
          state: 'scheduled',
          body: 'Hello there, see you Friday',
          firstVersion: 'Hello',
          sendAt: T2.toISOString(),
        });
      }
    });

    it('schedules on one device while the other empties it: a send then finds nothing to write', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const id = draftWith(laptop, 'Hello');
      syncAll(laptop, phone);
      scheduleDraft(laptop, id, T2, { undoable: true }, T1);
      draftBody(phone, id).delete(0, 5);
      syncAll(laptop, phone);

      // Outcome: scheduled with an empty body. The conversation refuses to take it, so the
      // delivering code must catch this and not mark the draft sent.
      const draft = getDraft(phone, id);
      expect(draft).toMatchObject({ state: 'scheduled', body: '' });
      const conv = new Y.Doc();
      expect(() =>
        writeMessage(conv, { id, from: 'me', text: draft?.body ?? '', sentAt: T2.toISOString() }),
      ).toThrow();
      expect(listMessages(conv)).toEqual([]);
    });

    // Yjs settles concurrent writes to one map key in favour of the higher client id, so the
    // two orders below are the two possible outcomes of "Undo" racing a delivery.
    it.each([
      { undoer: 1, sender: 2, settled: 'sent' },
      { undoer: 2, sender: 1, settled: 'drafting' },
    ] as const)(
      'undo on one device while another delivers converges to $settled (undo client $undoer)',
      ({ undoer, sender, settled }) => {
        const undoing = docWithClient(undoer);
        const sending = docWithClient(sender);
        const conv = new Y.Doc();
        const id = draftWith(undoing, 'On my way');
        scheduleDraft(undoing, id, T1, { undoable: true }, T0);
        syncAll(undoing, sending);

        expect(unscheduleDraft(undoing, id, T1)).toBe(true);
        const d = getDraft(sending, id);
        const message = { id, from: 'me', text: d?.body ?? '', sentAt: T1.toISOString() };
        expect(writeMessage(conv, message)).toBe(true);
        markDraftSent(sending, id, T1);
        syncAll(undoing, sending);

        expect(getDraft(undoing, id)).toEqual(getDraft(sending, id));
        expect(getDraft(undoing, id)).toMatchObject({ state: settled, sendAt: null });
        // The message was delivered either way (an undo cannot reach into the other person's
        // copy). When "drafting" wins, sending the draft again writes nothing new.
        expect(listMessages(conv)).toHaveLength(1);
        if (settled === 'drafting') {
          scheduleDraft(undoing, id, T2, { undoable: true }, T2);
          expect(writeMessage(conv, { ...message, sentAt: T2.toISOString() })).toBe(false);
          markDraftSent(undoing, id, T2);
          expect(listMessages(conv)).toEqual([message]);
        }
      },
    );

    it('delivers once when two devices send the same scheduled draft', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const laptopConv = new Y.Doc();
      const phoneConv = new Y.Doc();
      const id = draftWith(laptop, 'Happy birthday!');
      scheduleDraft(laptop, id, T1, { undoable: false }, T0);
      syncAll(laptop, phone);
      for (const [vault, conv, at] of [
        [laptop, laptopConv, T1],
        [phone, phoneConv, T2],
      ] as const) {
        const text = getDraft(vault, id)?.body ?? '';
        writeMessage(conv, { id, from: 'me', text, sentAt: at.toISOString() });
        markDraftSent(vault, id, at);
      }
      syncAll(laptop, phone);
      syncAll(laptopConv, phoneConv);
      expect(listMessages(laptopConv)).toEqual(listMessages(phoneConv));
      expect(listMessages(laptopConv)).toHaveLength(1);
      expect(listMessages(laptopConv)[0]?.text).toBe('Happy birthday!');
      expect(getDraft(laptop, id)?.state).toBe('sent');
    });
  });

  describe('the promise: draft text never enters a conversation before it is sent', () => {
    it('keeps every word of a whole draft lifecycle out of the conversation until writeMessage', () => {
      // Alice's laptop and phone share her vault; Alice and Bob share the conversation.
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const vaultRoom = linkDocs(laptop, phone);
      const aliceConv = new Y.Doc();
      const bobConv = new Y.Doc();
      linkDocs(aliceConv, bobConv);
      const wire: Uint8Array[] = [];
      aliceConv.on('update', (update: Uint8Array) => wire.push(update));

      const heated = 'FIRST-THOUGHT you never listen';
      const undone = 'UNDONE-SEND sorry, not now';
      const dropped = 'DROPPED-WORDS that I deleted';
      const final = 'FINAL-TEXT Friday at six works for me';
      const secrets = [heated, undone, dropped, final];
      const convHolds = (text: string): boolean =>
        [aliceConv, bobConv].some((conv) => docBytesContain(conv, text)) ||
        wire.some((u) => Buffer.from(u).includes(Buffer.from(text, 'utf8')));
      const assertNothingLeaked = (): void => {
        for (const text of secrets) expect(convHolds(text), text).toBe(false);
      };

      const me = ensureMemberId(laptop);
      const bob = addContact(laptop, {
        name: 'Bob',
        conversationSecret: 'secret',
        theirMemberId: 'bob-member',
      });
      const id = openDraft(laptop, bob, null, T0);
      const body = (doc: Y.Doc): Y.Text => draftBody(doc, id);

      body(laptop).insert(0, heated);
      updateDraft(laptop, id, { toneNotes: ["'you never'"] }, T0);
      assertNothingLeaked();

      // "Send", then "Undo" inside the undo window.
      scheduleDraft(laptop, id, T1, { undoable: true }, T0);
      assertNothingLeaked();
      unscheduleDraft(laptop, id, T0);
      body(laptop).delete(0, body(laptop).length);
      body(laptop).insert(0, undone);
      scheduleDraft(laptop, id, T1, { undoable: true }, T0);
      unscheduleDraft(laptop, id, T0);
      assertNothingLeaked();

      // The laptop goes offline; the phone carries on with the same draft.
      vaultRoom.cut(laptop);
      body(phone).delete(0, body(phone).length);
      body(phone).insert(0, dropped);
      body(phone).delete(0, body(phone).length);
      body(phone).insert(0, final);
      assertNothingLeaked();
      expect(docBytesContain(phone, final)).toBe(true);
      expect(docBytesContain(phone, heated)).toBe(true);

      scheduleDraft(phone, id, T2, { undoable: true }, T1);
      assertNothingLeaked();

      // The undo window ends: the phone delivers.
      const text = getDraft(phone, id)?.body ?? '';
      expect(text).toBe(final);
      expect(writeMessage(aliceConv, { id, from: me, text, sentAt: T2.toISOString() })).toBe(true);
      markDraftSent(phone, id, T2);
      vaultRoom.join(laptop);

      expect(docBytesContain(bobConv, final)).toBe(true);
      expect(listMessages(bobConv)).toEqual([
        { id, from: me, text: final, sentAt: T2.toISOString() },
      ]);
      // Only the sent words: not the first version, the undone send or the deleted words.
      for (const text of [heated, undone, dropped]) expect(convHolds(text), text).toBe(false);
      expect(convHolds("'you never'")).toBe(false);
      expect(getDraft(laptop, id)).toMatchObject({ state: 'sent', firstVersion: heated });
    });
  });
});
