// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { listMessages } from '../../../src/lib/conversation';
import { DELIVERY_RETRY_MS, DeliveryState } from '../../../src/lib/state/delivery.svelte';
import {
  draftBody,
  ensureMemberId,
  getDraft,
  listReflections,
  openDraft,
  scheduleDraft,
  unscheduleDraft,
} from '../../../src/lib/vault';
import { syncAll } from '../../helpers/sync-docs';

const START = new Date('2026-03-02T09:00:00.000Z');
const SECRET = 'the words only I have seen';
const CONTACT = 'contact-1';

/** Whether these words appear anywhere in the document's bytes, live or deleted. */
const holds = (doc: Y.Doc, words: string): boolean =>
  new TextDecoder().decode(Y.encodeStateAsUpdate(doc)).includes(words);

const later = (ms: number): Date => new Date(Date.now() + ms);

describe('DeliveryState', () => {
  let vault: Y.Doc;
  let conversation: Y.Doc;
  const owned: { destroy(): void }[] = [];

  /** A delivery timer for `doc`, whose conversation with CONTACT is `conv` (null: not open). */
  function deliveryFor(doc: Y.Doc, conv: () => Y.Doc | null): DeliveryState {
    const delivery = new DeliveryState(doc, (contactId) => (contactId === CONTACT ? conv() : null));
    owned.push(delivery);
    flushSync();
    return delivery;
  }

  function write(doc: Y.Doc, text: string, contactId = CONTACT): string {
    const id = openDraft(doc, contactId);
    draftBody(doc, id).insert(draftBody(doc, id).length, text);
    return id;
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    vault = new Y.Doc();
    conversation = new Y.Doc();
    ensureMemberId(vault);
  });

  afterEach(() => {
    owned.splice(0).forEach((o) => o.destroy());
    vault.destroy();
    conversation.destroy();
    vi.useRealTimers();
  });

  it('lets draft text into the conversation only at delivery, through typing, undo and reschedule', () => {
    const delivery = deliveryFor(vault, () => conversation);
    const id = write(vault, SECRET);
    flushSync();
    vi.advanceTimersByTime(60_000);
    expect(holds(conversation, SECRET)).toBe(false);

    scheduleDraft(vault, id, later(10_000), { undoable: true });
    flushSync();
    vi.advanceTimersByTime(5_000);
    draftBody(vault, id).insert(0, 'Still typing: ');
    flushSync();
    delivery.wake(); // as when a conversation opens: nothing is due yet
    expect(holds(conversation, SECRET)).toBe(false);
    expect(unscheduleDraft(vault, id)).toBe(true);
    flushSync();
    vi.advanceTimersByTime(60_000);
    expect(holds(conversation, SECRET)).toBe(false);

    const at = later(3_600_000);
    scheduleDraft(vault, id, later(600_000), { undoable: false });
    flushSync();
    scheduleDraft(vault, id, at, { undoable: false }); // rescheduled, later
    flushSync();
    vi.advanceTimersByTime(3_599_999);
    delivery.wake();
    expect(holds(conversation, SECRET)).toBe(false);
    expect(listMessages(conversation)).toEqual([]);

    vi.advanceTimersByTime(1);
    expect(listMessages(conversation).map((m) => m.text)).toEqual([`Still typing: ${SECRET}`]);
    expect(getDraft(vault, id)?.state).toBe('sent');
  });

  it('delivers nothing when a send is undone within the undo window', () => {
    const delivery = deliveryFor(vault, () => conversation);
    const id = write(vault, SECRET);
    scheduleDraft(vault, id, later(10_000), { undoable: true });
    flushSync();
    vi.advanceTimersByTime(9_000);
    unscheduleDraft(vault, id);
    flushSync();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(24 * 3_600_000);
    expect(listMessages(conversation)).toEqual([]);
    expect(getDraft(vault, id)?.state).toBe('drafting');
    expect(delivery.wakes).toBe(0);
  });

  it('delivers nothing on either device when the send is undone on my other one', () => {
    const phone = new Y.Doc();
    const phoneConversation = new Y.Doc();
    owned.push(phone, phoneConversation);
    syncAll(vault, phone);
    deliveryFor(vault, () => conversation);
    deliveryFor(phone, () => phoneConversation);
    const id = write(vault, SECRET);
    scheduleDraft(vault, id, later(10_000), { undoable: true });
    syncAll(vault, phone);
    flushSync();
    vi.advanceTimersByTime(5_000);
    unscheduleDraft(phone, id);
    syncAll(vault, phone);
    flushSync();
    vi.advanceTimersByTime(60_000);
    expect(holds(conversation, SECRET)).toBe(false);
    expect(holds(phoneConversation, SECRET)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('wakes once, at the scheduled time, rather than every second', () => {
    const delivery = deliveryFor(vault, () => conversation);
    const id = write(vault, SECRET);
    const at = later(3 * 3_600_000);
    scheduleDraft(vault, id, at, { undoable: false });
    flushSync();
    expect(vi.getTimerCount()).toBe(1);

    vi.advanceTimersToNextTimer();
    expect(Date.now()).toBe(at.getTime());
    expect(delivery.wakes).toBe(1);
    const [message] = listMessages(conversation);
    expect(message).toMatchObject({ id, text: SECRET, sentAt: at.toISOString() });
    flushSync();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('wakes at each of two send times in turn, soonest first', () => {
    const delivery = deliveryFor(vault, () => conversation);
    const other = new Y.Doc();
    const second = new DeliveryState(vault, (c) => (c === 'contact-2' ? other : null));
    owned.push(second, other);
    const late = write(vault, 'later one');
    const soon = write(vault, 'sooner one', 'contact-2');
    scheduleDraft(vault, late, later(7_200_000), { undoable: false });
    scheduleDraft(vault, soon, later(60_000), { undoable: false });
    flushSync();
    vi.advanceTimersToNextTimer();
    expect(Date.now()).toBe(START.getTime() + 60_000);
    expect(listMessages(other).map((m) => m.text)).toEqual(['sooner one']);
    flushSync();
    vi.runAllTimers();
    expect(listMessages(conversation).map((m) => m.text)).toEqual(['later one']);
    expect(delivery.wakes).toBe(2); // at 1 minute (nothing of its own yet) and at 2 hours
  });

  it('delivers a due reply when its conversation opens, not by polling', () => {
    let open: Y.Doc | null = null;
    const delivery = deliveryFor(vault, () => open);
    const id = write(vault, SECRET);
    scheduleDraft(vault, id, later(1_000), { undoable: true });
    flushSync();
    vi.advanceTimersByTime(60_000);
    expect(getDraft(vault, id)?.state).toBe('scheduled');
    expect(vi.getTimerCount()).toBe(0);
    open = conversation;
    delivery.wake();
    expect(listMessages(conversation).map((m) => m.id)).toEqual([id]);
  });

  it('tries a reply that could not be written again, a little later, and then sends it', () => {
    /** A conversation whose first write fails, as a full disk or a broken store would. */
    class FailingOnce extends Y.Doc {
      failures = 1;
      override transact<T>(f: (tr: Y.Transaction) => T, origin?: unknown): T {
        if (this.failures-- > 0) throw new Error('QuotaExceededError');
        return super.transact(f, origin);
      }
    }
    const flaky = new FailingOnce();
    owned.push(flaky);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const delivery = deliveryFor(vault, () => flaky);
    const id = write(vault, SECRET);
    scheduleDraft(vault, id, later(1_000), { undoable: true });
    flushSync();
    vi.advanceTimersByTime(1_000);
    expect(getDraft(vault, id)?.state).toBe('scheduled');
    expect(listMessages(flaky)).toEqual([]);
    flushSync();
    vi.advanceTimersByTime(DELIVERY_RETRY_MS);
    expect(delivery.wakes).toBe(2);
    expect(listMessages(flaky).map((m) => m.id)).toEqual([id]);
    expect(getDraft(vault, id)?.state).toBe('sent');
    flushSync();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('delivers what came due while the computer slept, when the page is in front again', () => {
    deliveryFor(vault, () => conversation);
    const id = write(vault, SECRET);
    const at = later(2 * 3_600_000);
    scheduleDraft(vault, id, at, { undoable: false });
    flushSync();
    // Asleep: the clock moves on, the timer does not fire.
    vi.setSystemTime(at.getTime() + 60_000);
    expect(listMessages(conversation)).toEqual([]);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(listMessages(conversation).map((m) => m.id)).toEqual([id]);
  });

  it('does not re-read the drafts while I type in a scheduled one', () => {
    const delivery = deliveryFor(vault, () => conversation);
    const id = write(vault, SECRET);
    scheduleDraft(vault, id, later(3_600_000), { undoable: false });
    flushSync();
    const wake = vi.spyOn(delivery, 'wake');
    const readsText = vi.spyOn(Y.Text.prototype as { toString(): string }, 'toString');
    draftBody(vault, id).insert(0, 'more words ');
    flushSync();
    expect(readsText).not.toHaveBeenCalled(); // the schedule was not recomputed
    expect(wake).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(1);
  });

  it('does nothing once destroyed, even when a late conversation wakes it', () => {
    const delivery = deliveryFor(vault, () => conversation);
    const id = write(vault, SECRET);
    scheduleDraft(vault, id, later(-1_000), { undoable: false });
    delivery.destroy();
    delivery.wake();
    expect(listMessages(conversation)).toEqual([]);
    expect(getDraft(vault, id)?.state).toBe('scheduled');
  });

  it('sends once when two of my devices both deliver the same draft', () => {
    const laptop = vault;
    const phone = new Y.Doc();
    const phoneConversation = new Y.Doc();
    owned.push(phone, phoneConversation);
    syncAll(laptop, phone);
    deliveryFor(laptop, () => conversation);
    deliveryFor(phone, () => phoneConversation);
    const id = write(laptop, SECRET);
    scheduleDraft(laptop, id, later(10_000), { undoable: true });
    syncAll(laptop, phone);
    flushSync();
    vi.advanceTimersByTime(10_000); // both devices were online when the time came
    expect(listMessages(conversation)).toHaveLength(1);
    expect(listMessages(phoneConversation)).toHaveLength(1);

    syncAll(conversation, phoneConversation);
    syncAll(laptop, phone);
    const messages = listMessages(conversation);
    expect(messages.map((m) => m.id)).toEqual([id]);
    expect(listMessages(phoneConversation)).toEqual(messages);
    expect(getDraft(phone, id)?.state).toBe('sent');
  });

  it('puts a draft emptied on another device back to drafting instead of sending nothing', () => {
    deliveryFor(vault, () => conversation);
    const id = write(vault, SECRET);
    scheduleDraft(vault, id, later(10_000), { undoable: true });
    draftBody(vault, id).delete(0, SECRET.length);
    flushSync();
    vi.advanceTimersByTime(10_000);
    expect(listMessages(conversation)).toEqual([]);
    expect(getDraft(vault, id)?.state).toBe('drafting');
  });

  it('keeps the first version privately when the reply changed much before it left', () => {
    deliveryFor(vault, () => conversation);
    const id = write(vault, 'You never listen to anything I say, honestly.');
    scheduleDraft(vault, id, later(10_000), { undoable: true });
    unscheduleDraft(vault, id);
    const text = draftBody(vault, id);
    text.delete(0, text.length);
    text.insert(0, 'Can we talk tonight?');
    scheduleDraft(vault, id, later(10_000), { undoable: true });
    flushSync();
    vi.advanceTimersByTime(10_000);
    expect(listMessages(conversation).map((m) => m.text)).toEqual(['Can we talk tonight?']);
    expect(listReflections(vault)).toMatchObject([
      { id, outcome: 'changed', text: 'You never listen to anything I say, honestly.' },
    ]);
  });
});
