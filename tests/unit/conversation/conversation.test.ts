import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CONVERSATION_ROOT,
  listMessages,
  membersOf,
  messagesOf,
  publishCard,
  readCard,
  readMessage,
  writeMessage,
  type MemberCard,
  type Message,
} from '../../../src/lib/conversation';
import {
  MAX_MESSAGE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REPLY_WINDOW_LENGTH,
  ORIGIN,
} from '../../../src/lib/vault';
import { linkDocs } from '../../helpers/linked-docs';
import { createPrng } from '../../helpers/prng';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';

const ALICE = 'member-alice';
const BOB = 'member-bob';
const T1 = '2026-08-01T10:00:00.000Z';
const T2 = '2026-08-01T11:00:00.000Z';
const T3 = '2026-08-01T12:00:00.000Z';
const QUIET = { start: '22:00', end: '07:00', timeZone: 'America/New_York' };

const message = (id: string, sentAt = T1, extra: Partial<Message> = {}): Message => ({
  id,
  from: ALICE,
  text: `words of ${id}`,
  sentAt,
  ...extra,
});

type Card = Omit<MemberCard, 'updatedAt'>;
const aliceCard: Card = { name: 'Alice', replyWindow: 'within a day or two', quietHours: QUIET };

describe('conversation', () => {
  describe('readMessage', () => {
    it('reads a well-formed message, keeping only the message fields', () => {
      const raw = { ...message('m1', T1, { replyTo: 'm0' }), evil: '<script>', from: BOB };
      expect(readMessage('m1', raw)).toEqual({
        id: 'm1',
        from: BOB,
        text: 'words of m1',
        sentAt: T1,
        replyTo: 'm0',
      });
    });

    it('accepts a UTC time with or without milliseconds', () => {
      expect(readMessage('m', message('m', '2026-08-01T10:00:00Z'))?.sentAt).toBe(
        '2026-08-01T10:00:00Z',
      );
      expect(readMessage('m', message('m', T1))?.sentAt).toBe(T1);
    });

    it.each([
      ['a date without a time', '2026-08-01'],
      ['a time with an offset', '2026-08-01T10:00:00+02:00'],
      ['a local time', '2026-08-01T10:00:00'],
      ['one decimal of a second', '2026-08-01T10:00:00.1Z'],
      ['microseconds', '2026-08-01T10:00:00.000000Z'],
      ['words', 'yesterday'],
      ['an empty string', ''],
      ['surrounding spaces', ` ${T1} `],
      ['a trailing newline', `${T1}\n`],
      ['a number', Date.parse(T1)],
      ['a Date object', new Date(T1)],
      ['null', null],
    ] as const)('rejects %s as sentAt', (_label, sentAt) => {
      expect(readMessage('m', { ...message('m'), sentAt })).toBeNull();
    });

    it('rejects a sentAt with the right shape but no real date', () => {
      for (const sentAt of ['2026-13-45T99:99:99Z', '2026-00-00T00:00:00.000Z']) {
        expect(readMessage('m', { ...message('m'), sentAt })).toBeNull();
      }
    });

    it('rejects values that are not message objects', () => {
      for (const raw of [null, undefined, 'm', 7, true, [], ['m'], new Uint8Array(3)]) {
        expect(readMessage('m', raw)).toBeNull();
      }
    });

    it('rejects a message stored under a key that is not its id', () => {
      expect(readMessage('other', message('m'))).toBeNull();
      expect(readMessage('m', { ...message('m'), id: undefined })).toBeNull();
    });

    it('rejects a sender that is missing, not a string or longer than an id', () => {
      expect(readMessage('m', { ...message('m'), from: undefined })).toBeNull();
      expect(readMessage('m', { ...message('m'), from: 42 })).toBeNull();
      expect(readMessage('m', { ...message('m'), from: 'x'.repeat(65) })).toBeNull();
      expect(readMessage('m', { ...message('m'), from: 'x'.repeat(64) })).not.toBeNull();
    });

    it('rejects text that is blank, not a string or over the longest message', () => {
      for (const text of [
        '',
        '  \n\t ',
        5,
        ['hi'],
        { text: 'hi' },
        'y'.repeat(MAX_MESSAGE_LENGTH + 1),
      ]) {
        expect(readMessage('m', { ...message('m'), text })).toBeNull();
      }
      expect(
        readMessage('m', { ...message('m'), text: 'y'.repeat(MAX_MESSAGE_LENGTH) }),
      ).not.toBeNull();
    });

    it('keeps markup as plain text, for the view to render as text', () => {
      const text = '<img src=x onerror="alert(1)"> **hi**';
      expect(readMessage('m', { ...message('m'), text })?.text).toBe(text);
    });

    it('drops a replyTo that is not a string or is too long, keeping the message', () => {
      for (const replyTo of [42, null, { id: 'm0' }, 'r'.repeat(65)]) {
        const read = readMessage('m', { ...message('m'), replyTo });
        expect(read).not.toBeNull();
        expect(read).not.toHaveProperty('replyTo');
      }
    });
  });

  describe('writeMessage', () => {
    it('writes a message under its id with the conversation origin', () => {
      const doc = new Y.Doc();
      const { origins, stop } = recordOrigins(doc);
      expect(writeMessage(doc, message('d1', T1, { replyTo: 'm0' }))).toBe(true);
      stop();
      expect(origins).toEqual([ORIGIN.conversation]);
      expect(messagesOf(doc).get('d1')).toEqual(message('d1', T1, { replyTo: 'm0' }));
      expect(listMessages(doc)).toEqual([message('d1', T1, { replyTo: 'm0' })]);
    });

    it('writes nothing the second time the same draft is sent', () => {
      const doc = new Y.Doc();
      writeMessage(doc, message('d1', T1));
      const before = Y.encodeStateAsUpdate(doc);
      const { origins, stop } = recordOrigins(doc);
      expect(writeMessage(doc, message('d1', T2, { text: 'a retry with other words' }))).toBe(
        false,
      );
      stop();
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
      expect(listMessages(doc)).toEqual([message('d1', T1)]);
    });

    it('keeps one message when two devices send the same draft while apart', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      const bob = new Y.Doc();
      expect(writeMessage(laptop, message('d1', T1))).toBe(true);
      expect(writeMessage(phone, message('d1', T2))).toBe(true);
      syncAll(laptop, phone, bob);
      const seen = listMessages(bob);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.id).toBe('d1');
      expect([T1, T2]).toContain(seen[0]?.sentAt);
      expect(listMessages(laptop)).toEqual(seen);
      expect(listMessages(phone)).toEqual(seen);
    });

    it('refuses a malformed message and leaves the conversation unchanged', () => {
      const doc = new Y.Doc();
      writeMessage(doc, message('ok'));
      const before = Y.encodeStateAsUpdate(doc);
      const { origins, stop } = recordOrigins(doc);
      const bad: Message[] = [
        message('a', T1, { text: '   ' }),
        message('b', T1, { text: 'z'.repeat(MAX_MESSAGE_LENGTH + 1) }),
        message('c', 'not a time'),
        message('d', T1, { from: 'f'.repeat(65) }),
      ];
      for (const m of bad) expect(() => writeMessage(doc, m)).toThrow(/malformed/);
      stop();
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    });

    it('refuses a message id that listMessages would never show', () => {
      const doc = new Y.Doc();
      const long = message('i'.repeat(65));
      expect(() => writeMessage(doc, long)).toThrow();
      expect(messagesOf(doc).size).toBe(0);
    });
  });

  describe('listMessages', () => {
    it('lists oldest first, ties by id', () => {
      const doc = new Y.Doc();
      for (const m of [message('c', T2), message('b', T1), message('z', T1), message('a', T3)]) {
        writeMessage(doc, m);
      }
      expect(listMessages(doc).map((m) => m.id)).toEqual(['b', 'z', 'c', 'a']);
    });

    it('ignores malformed, oversized and mis-keyed messages written by a peer', () => {
      const doc = new Y.Doc();
      writeMessage(doc, message('good'));
      const longKey = 'k'.repeat(65);
      doc.transact(() => {
        const map = messagesOf(doc);
        map.set('mis-keyed', message('someone-else'));
        map.set(longKey, message(longKey));
        map.set('huge', message('huge', T1, { text: 'h'.repeat(MAX_MESSAGE_LENGTH + 1) }));
        map.set('blank', message('blank', T1, { text: '\n' }));
        map.set('undated', { ...message('undated'), sentAt: undefined });
        map.set('number', 12);
        map.set('nothing', null);
        map.set('bytes', new Uint8Array([1, 2, 3]));
        map.set('nested', new Y.Map());
      });
      expect(listMessages(doc)).toEqual([message('good')]);
    });

    it('orders messages the same on every device, whatever order updates arrive in', () => {
      const rand = createPrng(20260801);
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      const times = [T1, T2, T3];
      let n = 0;
      for (let round = 0; round < 20; round++) {
        for (const doc of rand.shuffle(docs)) {
          // Few distinct times, so many messages tie and the id decides.
          const id = `${rand.string(6)}-${n++}`;
          writeMessage(doc, message(id, rand.pick(times)));
        }
        const [a, b] = rand.shuffle(docs);
        if (a && b) syncAll(a, b);
      }
      syncAll(...rand.shuffle(docs));
      const lists = docs.map(listMessages);
      expect(lists[0]).toHaveLength(60);
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[2]).toEqual(lists[0]);
      const sorted = [...(lists[0] ?? [])].sort((x, y) =>
        x.sentAt === y.sentAt ? (x.id < y.id ? -1 : 1) : x.sentAt < y.sentAt ? -1 : 1,
      );
      expect(lists[0]).toEqual(sorted);
    });
  });

  describe('member cards', () => {
    it('publishes my card under my member id with the time, in a conversation transaction', () => {
      const doc = new Y.Doc();
      const { origins, stop } = recordOrigins(doc);
      expect(publishCard(doc, ALICE, aliceCard, new Date(T1))).toBe(true);
      stop();
      expect(origins).toEqual([ORIGIN.conversation]);
      expect(readCard(doc, ALICE)).toEqual({ ...aliceCard, updatedAt: T1 });
      expect([...doc.share.keys()]).toEqual([CONVERSATION_ROOT.members]);
    });

    it('writes only when something on the card changed', () => {
      const doc = new Y.Doc();
      publishCard(doc, ALICE, aliceCard, new Date(T1));
      const before = Y.encodeStateAsUpdate(doc);
      const { origins, stop } = recordOrigins(doc);
      expect(publishCard(doc, ALICE, { ...aliceCard }, new Date(T2))).toBe(false);
      expect(
        publishCard(doc, ALICE, { ...aliceCard, quietHours: { ...QUIET } }, new Date(T2)),
      ).toBe(false);
      stop();
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);

      const changes: Card[] = [
        { ...aliceCard, name: 'Alice B.' },
        { ...aliceCard, name: 'Alice B.', replyWindow: 'weekends' },
        { ...aliceCard, name: 'Alice B.', replyWindow: 'weekends', quietHours: null },
      ];
      for (const card of changes) {
        expect(publishCard(doc, ALICE, card, new Date(T3))).toBe(true);
        expect(readCard(doc, ALICE)).toEqual({ ...card, updatedAt: T3 });
      }
    });

    it('reads each card only under its own member id', () => {
      const aliceConv = new Y.Doc();
      const bobConv = new Y.Doc();
      linkDocs(aliceConv, bobConv);
      publishCard(aliceConv, ALICE, aliceCard, new Date(T1));
      publishCard(bobConv, BOB, { name: 'Bob', replyWindow: '', quietHours: null }, new Date(T1));
      // Bob also writes a card that claims to be Alice, under another key.
      membersOf(bobConv).set('alice-too', { ...aliceCard, name: 'Alice (really)', updatedAt: T2 });
      expect(readCard(bobConv, ALICE)).toEqual({ ...aliceCard, updatedAt: T1 });
      expect(readCard(aliceConv, BOB)?.name).toBe('Bob');
      expect(readCard(aliceConv, 'member-nobody')).toBeNull();
    });

    it('republishes my card when someone overwrote it', () => {
      const aliceConv = new Y.Doc();
      const bobConv = new Y.Doc();
      linkDocs(aliceConv, bobConv);
      publishCard(aliceConv, ALICE, aliceCard, new Date(T1));
      membersOf(bobConv).set(ALICE, { name: 'Mallory', updatedAt: T2 });
      expect(readCard(aliceConv, ALICE)?.name).toBe('Mallory');
      expect(publishCard(aliceConv, ALICE, aliceCard, new Date(T3))).toBe(true);
      expect(readCard(bobConv, ALICE)).toEqual({ ...aliceCard, updatedAt: T3 });
      membersOf(bobConv).set(ALICE, 'garbage');
      expect(publishCard(aliceConv, ALICE, aliceCard, new Date(T3))).toBe(true);
    });

    it('reads a malformed card as none and caps what it shows', () => {
      const doc = new Y.Doc();
      const members = membersOf(doc);
      for (const [key, raw] of [
        ['null', null],
        ['string', 'Alice'],
        ['no-name', { updatedAt: T1 }],
        ['number-name', { name: 5, updatedAt: T1 }],
        ['no-time', { name: 'A' }],
      ] as const) {
        members.set(key, raw);
        expect(readCard(doc, key)).toBeNull();
      }
      members.set('odd', {
        name: 'N'.repeat(10_000),
        replyWindow: 'W'.repeat(10_000),
        quietHours: { start: '25:00', end: '07:00', timeZone: 'UTC' },
        updatedAt: T1,
      });
      expect(readCard(doc, 'odd')).toEqual({
        name: 'N'.repeat(MAX_NAME_LENGTH),
        replyWindow: 'W'.repeat(MAX_REPLY_WINDOW_LENGTH),
        quietHours: null,
        updatedAt: T1,
      });
      members.set('no-window', { name: 'A', replyWindow: 3, updatedAt: T1 });
      expect(readCard(doc, 'no-window')?.replyWindow).toBe('');
    });

    it('writes a card with a 10,000-character name once, capped', () => {
      const doc = new Y.Doc();
      const card: Card = { ...aliceCard, name: 'N'.repeat(10_000) };
      expect(publishCard(doc, ALICE, card, new Date(T1))).toBe(true);
      expect(publishCard(doc, ALICE, card, new Date(T2))).toBe(false);
      const stored = membersOf(doc).get(ALICE) as { name: string };
      expect(stored.name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    });
  });
});
