import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addContact,
  CONTACT,
  contactsOf,
  getContact,
  listContacts,
  MAX_NAME_LENGTH,
  ORIGIN,
  renameContact,
  VaultError,
  type VaultErrorCode,
} from '../../../src/lib/vault';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';

const ADDED = new Date('2026-04-01T12:00:00.000Z');
const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA';

const sam = { name: 'Sam', conversationSecret: SECRET, theirMemberId: 'member-sam' };

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

/** Writes a contact map field by field, as a buggy or newer device might have left it. */
function putRawContact(doc: Y.Doc, key: string, fields: Record<string, unknown>): void {
  const map = new Y.Map<unknown>();
  contactsOf(doc).set(key, map);
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
}

describe('contacts', () => {
  it('adds a contact with a cleaned name and when it was added, in one local transaction', () => {
    const doc = new Y.Doc();
    const { origins, stop } = recordOrigins(doc);
    const id = addContact(doc, { ...sam, name: '  Sam \n Rivera ' }, ADDED);
    stop();
    expect(origins).toEqual([ORIGIN.local]);
    expect(getContact(doc, id)).toEqual({
      id,
      name: 'Sam Rivera',
      conversationSecret: SECRET,
      theirMemberId: 'member-sam',
      addedAt: ADDED.toISOString(),
      removedAt: null,
    });
  });

  it('uses a given id, or a fresh random one', () => {
    const doc = new Y.Doc();
    expect(addContact(doc, { ...sam, id: 'contact-1' })).toBe('contact-1');
    const a = addContact(doc, sam);
    const b = addContact(doc, sam);
    expect(a).not.toBe(b);
    expect(listContacts(doc)).toHaveLength(3);
  });

  it('calls a contact with a blank name "Someone" and caps a very long name', () => {
    const doc = new Y.Doc();
    const blank = addContact(doc, { ...sam, name: ' \t ' });
    const long = addContact(doc, { ...sam, name: 'z'.repeat(10_000) });
    expect(getContact(doc, blank)?.name).toBe('Someone');
    expect(getContact(doc, long)?.name).toBe('z'.repeat(MAX_NAME_LENGTH));
  });

  it('refuses a contact without a conversation secret or member id, writing nothing', () => {
    const doc = new Y.Doc();
    expectRefusal(doc, 'invalid-setting', () =>
      addContact(doc, { ...sam, conversationSecret: '' }),
    );
    expectRefusal(doc, 'invalid-setting', () => addContact(doc, { ...sam, theirMemberId: '' }));
    expect(listContacts(doc)).toEqual([]);
  });

  it('lists contacts by name, then by id', () => {
    const doc = new Y.Doc();
    addContact(doc, { ...sam, name: 'Zoe', id: 'z' });
    addContact(doc, { ...sam, name: 'Ada', id: 'b' });
    addContact(doc, { ...sam, name: 'Ada', id: 'a' });
    addContact(doc, { ...sam, name: 'Mo', id: 'm' });
    expect(listContacts(doc).map((c) => [c.name, c.id])).toEqual([
      ['Ada', 'a'],
      ['Ada', 'b'],
      ['Mo', 'm'],
      ['Zoe', 'z'],
    ]);
  });

  it('renames a contact, refusing a blank name or an unknown contact', () => {
    const doc = new Y.Doc();
    const id = addContact(doc, sam);
    renameContact(doc, id, '  Sammy  ');
    expect(getContact(doc, id)?.name).toBe('Sammy');
    expectRefusal(doc, 'invalid-setting', () => renameContact(doc, id, '   '));
    expectRefusal(doc, 'not-found', () => renameContact(doc, 'nobody', 'X'));
    renameContact(doc, id, 'q'.repeat(500));
    expect(getContact(doc, id)?.name).toBe('q'.repeat(MAX_NAME_LENGTH));
  });

  it('hides a removed contact from the list but keeps it on request and by id', () => {
    const doc = new Y.Doc();
    const kept = addContact(doc, { ...sam, name: 'Kept' });
    const gone = addContact(doc, { ...sam, name: 'Gone' });
    // There is no removeContact intent yet; a removal is the `removedAt` stamp (contacts.ts).
    contactsOf(doc).get(gone)?.set(CONTACT.removedAt, '2026-05-01T00:00:00.000Z');
    expect(listContacts(doc).map((c) => c.id)).toEqual([kept]);
    expect(listContacts(doc, { includeRemoved: true }).map((c) => c.id)).toEqual([gone, kept]);
    expect(getContact(doc, gone)?.removedAt).toBe('2026-05-01T00:00:00.000Z');
  });

  it('reads a removedAt that is not a string as not removed', () => {
    const doc = new Y.Doc();
    const id = addContact(doc, sam);
    contactsOf(doc).get(id)?.set(CONTACT.removedAt, 12345);
    expect(getContact(doc, id)?.removedAt).toBeNull();
    expect(listContacts(doc)).toHaveLength(1);
  });

  it('skips malformed contact records instead of throwing', () => {
    const doc = new Y.Doc();
    const good = addContact(doc, sam);
    const complete = {
      [CONTACT.id]: 'x',
      [CONTACT.name]: 'X',
      [CONTACT.conversationSecret]: SECRET,
      [CONTACT.theirMemberId]: 'm',
      [CONTACT.addedAt]: ADDED.toISOString(),
    };
    for (const field of Object.keys(complete)) {
      const missing = Object.entries(complete).filter(([k]) => k !== field);
      putRawContact(doc, `missing-${field}`, Object.fromEntries(missing));
      putRawContact(doc, `number-${field}`, { ...complete, [field]: 7 });
    }
    // Not even a map: a device that wrote plain JSON where a Y.Map belongs.
    (contactsOf(doc) as Y.Map<unknown>).set('plain', { ...complete });
    (contactsOf(doc) as Y.Map<unknown>).set('null', null);
    expect(listContacts(doc, { includeRemoved: true }).map((c) => c.id)).toEqual([good]);
    expect(getContact(doc, 'plain')).toBeNull();
    expect(getContact(doc, 'missing-name')).toBeNull();
    expect(getContact(doc, 'nobody')).toBeNull();
  });

  it('reads an empty stored name as "Someone" and caps a long one', () => {
    const doc = new Y.Doc();
    const base = {
      [CONTACT.conversationSecret]: SECRET,
      [CONTACT.theirMemberId]: 'm',
      [CONTACT.addedAt]: ADDED.toISOString(),
    };
    putRawContact(doc, 'e', { ...base, [CONTACT.id]: 'e', [CONTACT.name]: '' });
    putRawContact(doc, 'l', { ...base, [CONTACT.id]: 'l', [CONTACT.name]: 'L'.repeat(999) });
    expect(getContact(doc, 'e')?.name).toBe('Someone');
    expect(getContact(doc, 'l')?.name).toBe('L'.repeat(MAX_NAME_LENGTH));
  });

  it('merges contacts added on two devices while apart', () => {
    const laptop = new Y.Doc();
    const phone = new Y.Doc();
    const a = addContact(laptop, { ...sam, name: 'Ada' });
    const b = addContact(phone, { ...sam, name: 'Bo' });
    syncAll(laptop, phone);
    expect(listContacts(laptop)).toEqual(listContacts(phone));
    expect(listContacts(laptop).map((c) => c.id)).toEqual([a, b]);
  });
});
