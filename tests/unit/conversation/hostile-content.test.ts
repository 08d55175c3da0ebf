/**
 * A contact's peer can write anything into the shared conversation doc (a CRDT has no
 * permissions). These tests let a seeded "vandal" write random JSON, binary and nested Yjs
 * values into `messages` and `members`, and check that reading never throws and never yields a
 * message or card that breaks the rules, while my own untouched messages stay readable.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  listMessages,
  membersOf,
  messagesOf,
  publishCard,
  readCard,
  writeMessage,
  type MemberCard,
  type Message,
} from '../../../src/lib/conversation';
import {
  archiveMessages,
  listArchived,
  MAX_MESSAGE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REPLY_WINDOW_LENGTH,
  readQuietHours,
} from '../../../src/lib/vault';
import { checkUpdate } from '../../../src/lib/sync/peer-guard';
import { linkDocs } from '../../helpers/linked-docs';
import { createPrng, type Prng } from '../../helpers/prng';

const ALICE = 'member-alice';
const BOB = 'member-bob';
const MAX_ID_LENGTH = 64;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const MESSAGE_KEYS = new Set(['id', 'from', 'text', 'sentAt', 'replyTo']);

/** The rules a shown message must meet, written out independently of the code under test. */
function brokenRule(key: string, m: Message): string | null {
  if (Object.keys(m).some((k) => !MESSAGE_KEYS.has(k))) return 'extra field';
  if (m.id !== key || key.length > MAX_ID_LENGTH) return 'id';
  if (typeof m.from !== 'string' || m.from.length > MAX_ID_LENGTH) return 'from';
  if (typeof m.text !== 'string' || !m.text.trim() || m.text.length > MAX_MESSAGE_LENGTH) {
    return 'text';
  }
  if (typeof m.sentAt !== 'string' || !ISO_UTC.test(m.sentAt)) return 'sentAt shape';
  if (!Number.isFinite(Date.parse(m.sentAt))) return 'sentAt date';
  if ('replyTo' in m && (typeof m.replyTo !== 'string' || m.replyTo.length > MAX_ID_LENGTH)) {
    return 'replyTo';
  }
  return null;
}

function brokenCardRule(card: MemberCard): string | null {
  if (typeof card.name !== 'string' || card.name.length > MAX_NAME_LENGTH) return 'name';
  if (typeof card.replyWindow !== 'string' || card.replyWindow.length > MAX_REPLY_WINDOW_LENGTH) {
    return 'replyWindow';
  }
  if (card.quietHours !== null && readQuietHours(card.quietHours) === null) return 'quietHours';
  if (typeof card.updatedAt !== 'string') return 'updatedAt';
  return null;
}

/**
 * Values a vandal might write. Times are well-formed, malformed, impossible ("2026-13-45T…")
 * or of the wrong type.
 */
function randomValue(rand: Prng, depth = 0): unknown {
  const leaf = (): unknown => {
    switch (rand.int(0, 13)) {
      case 0:
        return null;
      case 1:
        return rand.pick([true, false]);
      case 2:
        return rand.pick([0, -0, -1, 1.5, 2 ** 53, Number.NaN, Infinity, -Infinity]);
      case 3:
        return rand.string(rand.int(0, 12));
      case 4:
        return rand.pick(['', ' ', '\n\t', '\u0000', '\u202e', '<script>alert(1)</script>']);
      case 5:
        return 'x'.repeat(
          rand.pick([64, 65, 140, 141, MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH + 1]),
        );
      case 6:
        return rand.pick([
          '2026-08-01T10:00:00.000Z',
          '2026-08-01T10:00:00Z',
          '2026-08-01',
          '2026-08-01T10:00:00+01:00',
          '2026-13-45T99:99:99Z',
          'tomorrow',
        ]);
      case 7:
        return new Uint8Array(rand.int(0, 8));
      case 8:
        return rand.pick([ALICE, BOB, 'member-mallory', '__proto__', 'constructor']);
      case 9:
        return { start: rand.pick(['22:00', '25:00', 7]), end: '07:00', timeZone: 'UTC' };
      default:
        return rand.string(3);
    }
  };
  if (depth > 2) return leaf();
  switch (rand.int(0, 5)) {
    case 0: {
      return Array.from({ length: rand.int(0, 4) }, () => randomValue(rand, depth + 1));
    }
    case 1:
    case 2: {
      // Something message- or card-shaped, each field possibly of the wrong type.
      const fields = ['id', 'from', 'text', 'sentAt', 'replyTo', 'name', 'replyWindow'];
      const out: Record<string, unknown> = {};
      for (const f of [...fields, 'quietHours', 'updatedAt', 'extra']) {
        if (rand.next() < 0.7) out[f] = randomValue(rand, depth + 1);
      }
      // An own "__proto__" field: on decoding, the receiver's `obj[key] = value` sets the
      // prototype instead, so the fields above may also come through the prototype chain.
      // (Never a binary one: that breaks Yjs itself, see the `it.fails` below.)
      if (rand.next() < 0.2) {
        const proto = randomValue(rand, depth + 1);
        Object.defineProperty(out, '__proto__', {
          value: proto instanceof Uint8Array ? null : proto,
          enumerable: true,
        });
      }
      return out;
    }
    default:
      return leaf();
  }
}

function randomKey(rand: Prng, known: readonly string[]): string {
  switch (rand.int(0, 5)) {
    case 0:
      return rand.pick(known);
    case 1:
      return 'k'.repeat(rand.pick([0, 64, 65, 500]));
    case 2:
      return rand.pick(['__proto__', 'constructor', 'toString', ALICE, BOB]);
    default:
      return rand.string(rand.int(1, 10));
  }
}

/** One vandal write (a plain value, one keyed right, a Yjs type, or a delete); returns the key. */
function vandalise(rand: Prng, map: Y.Map<unknown>, known: readonly string[]): string {
  const key = randomKey(rand, known);
  const roll = rand.next();
  if (roll < 0.1) {
    map.delete(key);
  } else if (roll < 0.2) {
    map.set(key, rand.pick([new Y.Map(), new Y.Array(), new Y.Text('hi')]));
  } else if (roll < 0.4) {
    // Keyed right, so only the other fields decide whether it is shown.
    const value = randomValue(rand);
    map.set(key, typeof value === 'object' && value !== null ? { ...value, id: key } : value);
  } else if (roll < 0.6) {
    // A well-formed message with up to two fields swapped for something random.
    const value: Record<string, unknown> = {
      id: key,
      from: BOB,
      text: `from the vandal ${rand.string(4)}`,
      sentAt: '2026-08-02T10:00:00.000Z',
      ...(rand.next() < 0.5 ? { replyTo: rand.pick(known) } : {}),
    };
    for (let i = rand.int(0, 2); i > 0; i--) {
      value[rand.pick(['id', 'from', 'text', 'sentAt', 'replyTo', 'extra'])] = randomValue(rand);
    }
    map.set(key, value);
  } else {
    map.set(key, randomValue(rand));
  }
  return key;
}

describe('hostile conversation content', () => {
  it.each([1, 2, 3, 0xbad, 0xdecaf])(
    'never throws and never shows a message or card that breaks the rules (seed %i)',
    (seed) => {
      const rand = createPrng(seed);
      const aliceConv = new Y.Doc();
      const vandalConv = new Y.Doc();
      const vault = new Y.Doc();
      linkDocs(aliceConv, vandalConv);

      const mine: Message[] = Array.from({ length: 5 }, (_, i) => ({
        id: `alice-${i}`,
        from: ALICE,
        text: `note ${i}`,
        sentAt: `2026-08-0${i + 1}T09:00:00.000Z`,
      }));
      for (const m of mine) writeMessage(aliceConv, m);
      publishCard(aliceConv, ALICE, { name: 'Alice', replyWindow: 'soon', quietHours: null });

      const touched = new Set<string>();
      // The vandal goes after some of my messages by id; the others it never touches.
      const known = [...mine.slice(0, 3).map((m) => m.id), ALICE, BOB];
      for (let round = 0; round < 40; round++) {
        vandalConv.transact(() => {
          for (let i = rand.int(1, 6); i > 0; i--) {
            if (rand.next() < 0.7) touched.add(vandalise(rand, messagesOf(vandalConv), known));
            else vandalise(rand, membersOf(vandalConv), known);
          }
        });

        // Alice's side, after the vandal's update arrived over the wire.
        const list = (): Message[] => listMessages(aliceConv);
        expect(list).not.toThrow();
        const shown = list();
        for (const m of shown) expect(brokenRule(m.id, m), JSON.stringify(m)).toBeNull();
        expect(new Set(shown.map((m) => m.id)).size).toBe(shown.length);

        for (const key of membersOf(aliceConv).keys()) {
          const read = (): MemberCard | null => readCard(aliceConv, key);
          expect(read).not.toThrow();
          const card = read();
          if (card) expect(brokenCardRule(card), JSON.stringify(card)).toBeNull();
        }
        expect(() =>
          publishCard(aliceConv, ALICE, { name: 'Alice', replyWindow: 'soon', quietHours: null }),
        ).not.toThrow();
        expect(readCard(aliceConv, ALICE)?.name).toBe('Alice');

        expect(() => archiveMessages(vault, 'bob', shown)).not.toThrow();
      }

      // Both sides agree, and whatever the vandal never touched is still there, unchanged.
      expect(listMessages(vandalConv)).toEqual(listMessages(aliceConv));
      const shownIds = new Set(listMessages(aliceConv).map((m) => m.id));
      // Not vacuous: some of the vandal's writes were shown, many were not.
      expect([...shownIds].some((id) => !id.startsWith('alice-'))).toBe(true);
      expect(messagesOf(aliceConv).size).toBeGreaterThan(shownIds.size + 10);
      const untouched = mine.filter((m) => !touched.has(m.id));
      expect(untouched.length).toBeGreaterThan(0);
      for (const m of untouched) expect(shownIds.has(m.id), m.id).toBe(true);
      for (const archived of listArchived(vault, 'bob')) {
        const { replyTo, firstSeenAt, ...rest } = archived;
        expect(new Date(firstSeenAt).toISOString()).toBe(firstSeenAt); // my clock, not theirs
        const m: Message = replyTo === undefined ? rest : { ...rest, replyTo };
        expect(brokenRule(m.id, m), JSON.stringify(m)).toBeNull();
      }
    },
  );

  // Dependency bug (lib0 0.2.120, node_modules/lib0/decoding.js:523, used by Yjs to decode
  // every JSON value): an object is decoded with `obj[key] = readAny(decoder)` on a plain `{}`,
  // so a key named "__proto__" sets the object's prototype instead of a field. When a peer
  // sends `{ "__proto__": <binary> }`, the decoded value *is a* Uint8Array to `instanceof` but
  // has none of its internals, and every later encoding of my doc throws a TypeError: the
  // `update` event (so y-indexeddb and y-webrtc) fails inside applyUpdate, and
  // Y.encodeStateAsUpdate fails for good. The value is already integrated when it throws, so
  // conversation.ts cannot filter it: the peer guard refuses it before Yjs sees it (below);
  // applied directly, as here, it still breaks the doc — kept as a record of why.
  it.fails('a binary "__proto__" field from a peer leaves my conversation savable', () => {
    const aliceConv = new Y.Doc();
    const vandalConv = new Y.Doc();
    const mine: Message = { id: 'a1', from: ALICE, text: 'hello', sentAt: '2026-08-01T09:00:00Z' };
    writeMessage(aliceConv, mine);
    const poison = { id: 'p' };
    Object.defineProperty(poison, '__proto__', { value: new Uint8Array(4), enumerable: true });
    messagesOf(vandalConv).set('p', poison);

    Y.applyUpdate(aliceConv, Y.encodeStateAsUpdate(vandalConv));
    expect(listMessages(aliceConv)).toEqual([mine]);
    expect(() => Y.encodeStateAsUpdate(aliceConv)).not.toThrow();
  });

  it('the peer guard refuses a binary "__proto__" field before Yjs sees it', () => {
    const vandalConv = new Y.Doc();
    const poison = { id: 'p' };
    Object.defineProperty(poison, '__proto__', { value: new Uint8Array(4), enumerable: true });
    messagesOf(vandalConv).set('p', poison);
    expect(checkUpdate(Y.encodeStateAsUpdate(vandalConv))).toBe('odd-prototype');
  });
});
