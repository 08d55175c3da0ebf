import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  deliverDraft,
  deliverDue,
  listMessages,
  nextSendAfter,
  sendTimes,
  writeMessage,
} from '../../../src/lib/conversation';
import {
  draftBody,
  ensureMemberId,
  getDraft,
  listDrafts,
  listReflections,
  openDraft,
  scheduleDraft,
  type DraftSnapshot,
} from '../../../src/lib/vault';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number): Date => new Date(NOW.getTime() + ms);

function draftIn(vault: Y.Doc, contactId: string, text: string, sendAt: Date | null): string {
  const id = openDraft(vault, contactId, null, NOW);
  draftBody(vault, id).insert(0, text);
  if (sendAt) scheduleDraft(vault, id, sendAt, { undoable: false }, NOW);
  return id;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('delivery schedule', () => {
  it('lists scheduled send times soonest first and skips drafts that are not scheduled', () => {
    const vault = new Y.Doc();
    draftIn(vault, 'a', 'later', at(60_000));
    draftIn(vault, 'b', 'sooner', at(1_000));
    draftIn(vault, 'c', 'just a draft', null);
    expect(sendTimes(listDrafts(vault))).toEqual([at(1_000).getTime(), at(60_000).getTime()]);
  });

  it('arms for the first send time after now, never for one already past', () => {
    const vault = new Y.Doc();
    draftIn(vault, 'a', 'past', at(-5_000));
    draftIn(vault, 'b', 'future', at(30_000));
    expect(nextSendAfter(listDrafts(vault), NOW)).toBe(at(30_000).getTime());
    expect(nextSendAfter(listDrafts(vault), at(30_000))).toBeNull();
  });

  it('ignores a scheduled draft whose send time cannot be read', () => {
    const draft = { state: 'scheduled', sendAt: 'soon' } as DraftSnapshot;
    expect(sendTimes([draft])).toEqual([]);
  });
});

describe('deliverDraft', () => {
  it('writes the message under the draft id and marks the draft sent', () => {
    const vault = new Y.Doc();
    const conversation = new Y.Doc();
    const me = ensureMemberId(vault);
    const id = draftIn(vault, 'c', 'hello there', at(0));
    const draft = getDraft(vault, id) as DraftSnapshot;
    expect(deliverDraft(vault, conversation, draft, me, NOW)).toBe('delivered');
    expect(listMessages(conversation)).toEqual([
      { id, from: me, text: 'hello there', sentAt: NOW.toISOString() },
    ]);
    expect(getDraft(vault, id)?.state).toBe('sent');
    expect(listReflections(vault)).toEqual([]); // unchanged since its first version
  });

  it('marks a draft sent that another device already delivered, writing nothing twice', () => {
    const vault = new Y.Doc();
    const conversation = new Y.Doc();
    const me = ensureMemberId(vault);
    const id = draftIn(vault, 'c', 'once', at(0));
    writeMessage(conversation, { id, from: me, text: 'once', sentAt: at(-1).toISOString() });
    const before = Y.encodeStateVector(conversation);
    deliverDraft(vault, conversation, getDraft(vault, id) as DraftSnapshot, me, NOW);
    expect(Y.encodeStateVector(conversation)).toEqual(before);
    expect(getDraft(vault, id)?.state).toBe('sent');
  });
});

describe('deliverDue', () => {
  it('delivers only due drafts whose conversation is open, and none without a member id', () => {
    const vault = new Y.Doc();
    const open = new Y.Doc();
    const me = ensureMemberId(vault);
    const due = draftIn(vault, 'open', 'due', at(-1_000));
    const notYet = draftIn(vault, 'open-later', 'not yet', at(60_000));
    const waiting = draftIn(vault, 'closed', 'waiting', at(-1_000));
    const docs = (c: string): Y.Doc | null => (c.startsWith('open') ? open : null);
    expect(deliverDue(vault, listDrafts(vault), docs, '', NOW)).toBe(0);
    expect(deliverDue(vault, listDrafts(vault), docs, me, NOW)).toBe(1);
    expect(listMessages(open).map((m) => m.id)).toEqual([due]);
    expect(getDraft(vault, notYet)?.state).toBe('scheduled');
    expect(getDraft(vault, waiting)?.state).toBe('scheduled');
  });

  it('goes on past a draft that cannot be written, leaving it scheduled', () => {
    const vault = new Y.Doc();
    const conversation = new Y.Doc();
    const me = ensureMemberId(vault);
    const good = draftIn(vault, 'c', 'fine', at(-1_000));
    const bad = { ...(getDraft(vault, good) as DraftSnapshot), id: 'x'.repeat(65) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(deliverDue(vault, [bad, ...listDrafts(vault)], () => conversation, me, NOW)).toBe(1);
    expect(listMessages(conversation).map((m) => m.id)).toEqual([good]);
    expect(warn).toHaveBeenCalledOnce();
  });
});
