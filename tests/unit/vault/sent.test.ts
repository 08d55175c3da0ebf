import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  discardDraft,
  DRAFT,
  draftBody,
  draftsOf,
  listSent,
  markDraftSent,
  openDraft,
  scheduleDraft,
  unsentDraftIds,
} from '../../../src/lib/vault';

const SAM = 'contact-sam';
const T0 = new Date('2026-12-07T09:00:00.000Z');
const T1 = new Date('2026-12-07T09:05:00.000Z');
const T2 = new Date('2026-12-07T10:00:00.000Z');

function draftWith(
  doc: Y.Doc,
  text: string,
  contactId = SAM,
  replyTo: string | null = null,
): string {
  const id = openDraft(doc, contactId, replyTo, T0);
  draftBody(doc, id).insert(0, text);
  return id;
}

describe('my record of what I sent', () => {
  it('keeps the words as they went out and when, read by markDraftSent itself', () => {
    const doc = new Y.Doc();
    const id = draftWith(doc, 'I can’t make it Friday', SAM, 'their-1');
    scheduleDraft(doc, id, T1, { undoable: true }, T0);
    markDraftSent(doc, id, T1);
    // Text changed afterwards (a stray edit, or a hostile import) does not change the record.
    draftBody(doc, id).insert(0, 'Fine, ');
    expect(listSent(doc, SAM)).toEqual([
      { id, text: 'I can’t make it Friday', sentAt: T1.toISOString(), replyTo: 'their-1' },
    ]);
    const map = draftsOf(doc).get(id);
    expect(map?.get(DRAFT.sentText)).toBe('I can’t make it Friday');
    expect(map?.get(DRAFT.sentAt)).toBe(T1.toISOString());
  });

  it('keeps the first record when a second device marks the same draft sent', () => {
    const doc = new Y.Doc();
    const id = draftWith(doc, 'Once');
    markDraftSent(doc, id, T1);
    draftBody(doc, id).insert(4, ' more');
    markDraftSent(doc, id, T2);
    expect(listSent(doc, SAM)).toEqual([{ id, text: 'Once', sentAt: T1.toISOString() }]);
  });

  it('reads a draft sent before the record existed from its body and last update', () => {
    const doc = new Y.Doc();
    const id = draftWith(doc, 'Sent long ago');
    const map = draftsOf(doc).get(id);
    map?.set(DRAFT.state, 'sent');
    map?.set(DRAFT.updatedAt, T2.toISOString());
    expect(listSent(doc, SAM)).toEqual([{ id, text: 'Sent long ago', sentAt: T2.toISOString() }]);
  });

  it('lists only sent drafts for that contact, oldest first; the rest are unsent ids', () => {
    const doc = new Y.Doc();
    const later = draftWith(doc, 'later');
    markDraftSent(doc, later, T2);
    const earlier = draftWith(doc, 'earlier');
    markDraftSent(doc, earlier, T1);
    const other = draftWith(doc, 'to Kim', 'contact-kim');
    markDraftSent(doc, other, T1);
    const setAside = draftWith(doc, 'set aside');
    discardDraft(doc, setAside, T1);
    const open = draftWith(doc, 'still writing');
    expect(open).not.toBe(setAside);
    expect(listSent(doc, SAM).map((m) => m.id)).toEqual([earlier, later]);
    expect(unsentDraftIds(doc, SAM)).toEqual(new Set([open, setAside]));
    expect(unsentDraftIds(doc, 'contact-kim')).toEqual(new Set());
  });
});
