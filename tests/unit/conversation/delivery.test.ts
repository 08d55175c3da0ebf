import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  deliverDraft,
  deliverDue,
  listMessages,
  nextSendAfter,
  sendTimes,
  TAKEOVER_MARGIN_MS,
  writeMessage,
  type DeliveryContext,
} from '../../../src/lib/conversation';
import {
  draftBody,
  ensureMemberId,
  MAX_MESSAGE_LENGTH,
  getDraft,
  listDrafts,
  listReflections,
  openDraft,
  scheduleDraft,
  unscheduleDraft,
  type DraftSnapshot,
} from '../../../src/lib/vault';
import { linkDocs } from '../../helpers/linked-docs';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number): Date => new Date(NOW.getTime() + ms);
/** My only device: the rule lets it send anything due. */
const ALONE: DeliveryContext = {
  deviceId: 'phone',
  caughtUp: false,
  alone: true,
  marginMs: TAKEOVER_MARGIN_MS,
};
/** One of two devices, not caught up with the other. */
const STALE: DeliveryContext = { ...ALONE, deviceId: 'laptop', alone: false };

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

describe('deliverDraft reads the vault again just before writing', () => {
  /** Two synced vaults: the phone's and the laptop's. */
  function twoDevices(): { phone: Y.Doc; laptop: Y.Doc; me: string } {
    const phone = new Y.Doc();
    const laptop = new Y.Doc();
    linkDocs(phone, laptop);
    return { phone, laptop, me: ensureMemberId(phone) };
  }

  it('writes nothing for a draft unscheduled since its snapshot was taken', () => {
    const { phone, laptop, me } = twoDevices();
    const conversation = new Y.Doc();
    const id = draftIn(phone, 'c', 'You never listen.', at(-1_000));
    const snapshot = getDraft(laptop, id) as DraftSnapshot;
    expect(snapshot.state).toBe('scheduled');
    unscheduleDraft(phone, id, NOW); // merged into the laptop's vault
    expect(deliverDraft(laptop, conversation, snapshot, me, NOW)).toBe('withdrawn');
    expect(listMessages(conversation)).toEqual([]);
    expect(getDraft(laptop, id)?.state).toBe('drafting');
  });

  it('writes nothing for a draft rescheduled to later since its snapshot was taken', () => {
    const { phone, laptop, me } = twoDevices();
    const conversation = new Y.Doc();
    const id = draftIn(phone, 'c', 'Tomorrow, then.', at(-1_000));
    const snapshot = getDraft(laptop, id) as DraftSnapshot;
    scheduleDraft(phone, id, at(3_600_000), { undoable: false }, NOW);
    expect(deliverDraft(laptop, conversation, snapshot, me, NOW)).toBe('withdrawn');
    expect(listMessages(conversation)).toEqual([]);
    expect(getDraft(laptop, id)?.state).toBe('scheduled');
  });

  it('writes nothing for a draft already sent or discarded', () => {
    const { laptop, me } = twoDevices();
    const conversation = new Y.Doc();
    const id = draftIn(laptop, 'c', 'Once.', at(-1_000));
    const snapshot = getDraft(laptop, id) as DraftSnapshot;
    expect(deliverDraft(laptop, conversation, snapshot, me, NOW)).toBe('delivered');
    const other = new Y.Doc();
    expect(deliverDraft(laptop, other, snapshot, me, NOW)).toBe('withdrawn');
    expect(listMessages(other)).toEqual([]);
    expect(deliverDraft(laptop, other, { id: 'no-such-draft' }, me, NOW)).toBe('withdrawn');
  });

  it('sends the words as they are now, not as the snapshot has them', () => {
    const { phone, laptop, me } = twoDevices();
    const conversation = new Y.Doc();
    const id = draftIn(phone, 'c', 'You never listen.', at(-1_000));
    const snapshot = getDraft(laptop, id) as DraftSnapshot;
    const body = draftBody(phone, id);
    body.delete(0, body.length);
    body.insert(0, 'Can we talk?');
    expect(snapshot.body).toBe('You never listen.');
    expect(deliverDraft(laptop, conversation, snapshot, me, NOW)).toBe('delivered');
    expect(listMessages(conversation).map((m) => m.text)).toEqual(['Can we talk?']);
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
    expect(deliverDue(vault, listDrafts(vault), docs, '', ALONE, NOW).delivered).toBe(0);
    const round = deliverDue(vault, listDrafts(vault), docs, me, ALONE, NOW);
    expect(round).toEqual({ delivered: 1, ask: [], next: at(60_000).getTime(), stuck: false });
    expect(listMessages(open).map((m) => m.id)).toEqual([due]);
    expect(getDraft(vault, notYet)?.state).toBe('scheduled');
    expect(getDraft(vault, waiting)?.state).toBe('scheduled');
  });

  it('goes on past a draft that cannot be written, leaving it scheduled', () => {
    const vault = new Y.Doc();
    const conversation = new Y.Doc();
    const me = ensureMemberId(vault);
    const bad = draftIn(vault, 'b', 'grows', at(-2_000));
    const good = draftIn(vault, 'c', 'fine', at(-1_000));
    // Too long to be a message: grown past the limit after it was scheduled.
    draftBody(vault, bad).insert(0, 'x'.repeat(MAX_MESSAGE_LENGTH));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const round = deliverDue(vault, listDrafts(vault), () => conversation, me, ALONE, NOW);
    expect(round).toMatchObject({ delivered: 1, stuck: true });
    expect(listMessages(conversation).map((m) => m.id)).toEqual([good]);
    expect(getDraft(vault, bad)?.state).toBe('scheduled');
    expect(warn).toHaveBeenCalledOnce();
  });

  it('asks, rather than sends, a draft past the margin on a device not caught up', () => {
    const vault = new Y.Doc();
    const conversation = new Y.Doc();
    const me = ensureMemberId(vault);
    const id = draftIn(vault, 'c', 'old words', at(-TAKEOVER_MARGIN_MS));
    const round = deliverDue(vault, listDrafts(vault), () => conversation, me, STALE, NOW);
    expect(round.delivered).toBe(0);
    expect(round.ask.map((d) => d.id)).toEqual([id]);
    expect(listMessages(conversation)).toEqual([]);
    expect(getDraft(vault, id)?.state).toBe('scheduled');
  });

  it('waits out the margin on a device that did not schedule it, then says when to look again', () => {
    const vault = new Y.Doc();
    const me = ensureMemberId(vault);
    draftIn(vault, 'c', 'soon', at(-1_000));
    const round = deliverDue(vault, listDrafts(vault), () => new Y.Doc(), me, STALE, NOW);
    expect(round).toEqual({
      delivered: 0,
      ask: [],
      next: at(-1_000 + TAKEOVER_MARGIN_MS).getTime(),
      stuck: false,
    });
  });
});

describe('two of my devices, each holding a lease, offline from each other', () => {
  it('records what actually went out, not this device’s words, when the id was taken', () => {
    const phone = new Y.Doc();
    const memberId = ensureMemberId(phone);
    const id = draftIn(phone, 'sam', 'V1 angry', at(1_000));
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
    // Apart: the laptop rewrites and reschedules; the phone's lease sends V1 first.
    unscheduleDraft(laptop, id, at(100));
    const body = draftBody(laptop, id);
    body.delete(0, body.length);
    body.insert(0, 'V2 soft');
    scheduleDraft(laptop, id, at(2_000), { undoable: false }, at(200));
    const conversation = new Y.Doc();
    expect(deliverDraft(phone, conversation, { id }, memberId, at(1_000))).toBe('delivered');
    // The laptop gets the conversation, not yet the phone's vault, and "delivers" V2.
    expect(deliverDraft(laptop, conversation, { id }, memberId, at(2_000))).toBe('delivered');
    expect(listMessages(conversation).map((m) => m.text)).toEqual(['V1 angry']);
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
    for (const vault of [phone, laptop]) {
      expect(vault.getMap('drafts').get(id)).toBeInstanceOf(Y.Map);
      expect((vault.getMap('drafts').get(id) as Y.Map<unknown>).get('sentText')).toBe('V1 angry');
    }
  });

  it('never records as mine a message someone else wrote under the id', () => {
    const vault = new Y.Doc();
    const memberId = ensureMemberId(vault);
    const id = draftIn(vault, 'sam', 'mine', at(1_000));
    const conversation = new Y.Doc();
    writeMessage(conversation, { id, from: 'not-me', text: 'theirs', sentAt: NOW.toISOString() });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => deliverDraft(vault, conversation, { id }, memberId, at(1_000))).toThrow();
    expect(getDraft(vault, id)?.state).toBe('scheduled');
  });
});
