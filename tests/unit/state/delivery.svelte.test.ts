// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { listMessages, TAKEOVER_MARGIN_MS } from '../../../src/lib/conversation';
import { DELIVERY_RETRY_MS, DeliveryState } from '../../../src/lib/state/delivery.svelte';
import {
  draftBody,
  ensureMemberId,
  getDraft,
  listReflections,
  openDraft,
  registerDevice,
  scheduleDraft,
  stampSeen,
  unscheduleDraft,
} from '../../../src/lib/vault';
import { FakeDevice } from '../../helpers/fake-device.svelte';
import { linkDocs } from '../../helpers/linked-docs';
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

describe('DeliveryState on two of my devices (a phone and a laptop)', () => {
  const owned: { destroy(): void }[] = [];
  let phone: Y.Doc;
  let laptop: Y.Doc;
  let phoneConversation: Y.Doc;
  let laptopConversation: Y.Doc;
  let link: ReturnType<typeof linkDocs>;
  let phoneDevice: FakeDevice;
  let laptopDevice: FakeDevice;
  const ANGRY = 'You never listen and I am done.';
  const GENTLE = 'Can we talk this weekend?';

  function deliveryOn(doc: Y.Doc, conv: Y.Doc, device: FakeDevice): DeliveryState {
    const delivery = new DeliveryState(
      doc,
      (c) => (c === CONTACT ? conv : null),
      () => device,
    );
    owned.push(delivery);
    flushSync();
    return delivery;
  }

  /** Schedules ANGRY on the phone, by the phone, `ms` from now. */
  function scheduleOnPhone(ms: number, undoable = false): string {
    const id = openDraft(phone, CONTACT);
    draftBody(phone, id).insert(0, ANGRY);
    scheduleDraft(phone, id, later(ms), { undoable, scheduledBy: 'phone' });
    flushSync();
    return id;
  }

  /** Unschedules and softens it on the phone. */
  function takeBackOnPhone(id: string): void {
    unscheduleDraft(phone, id);
    const body = draftBody(phone, id);
    body.delete(0, body.length);
    body.insert(0, GENTLE);
    flushSync();
  }

  const sent = (conv: Y.Doc): string[] => listMessages(conv).map((m) => m.text);

  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    phone = new Y.Doc();
    laptop = new Y.Doc();
    phoneConversation = new Y.Doc();
    laptopConversation = new Y.Doc();
    link = linkDocs(phone, laptop);
    ensureMemberId(phone);
    registerDevice(phone, 'phone', 'Phone');
    registerDevice(laptop, 'laptop', 'Laptop');
    phoneDevice = new FakeDevice('phone');
    laptopDevice = new FakeDevice('laptop');
    phoneDevice.caughtUp = true;
    laptopDevice.caughtUp = true;
  });

  afterEach(() => {
    owned.splice(0).forEach((o) => o.destroy());
    for (const doc of [phone, laptop, phoneConversation, laptopConversation]) doc.destroy();
    vi.useRealTimers();
  });

  it('the stale laptop does not send a reply unscheduled and rewritten on the phone; it asks', () => {
    const laptopDelivery = deliveryOn(laptop, laptopConversation, laptopDevice);
    // 23:00: scheduled on the phone for 09:30; the laptop has it, then closes.
    const id = scheduleOnPhone(10.5 * 3_600_000);
    expect(getDraft(laptop, id)?.state).toBe('scheduled');
    link.cut(laptop);
    laptopDevice.caughtUp = false;
    flushSync();
    // 07:00: unscheduled and softened on the phone.
    vi.advanceTimersByTime(8 * 3_600_000);
    takeBackOnPhone(id);
    // 09:30 and on: the laptop, not caught up, sends nothing.
    vi.advanceTimersByTime(2.5 * 3_600_000);
    expect(sent(laptopConversation)).toEqual([]);
    expect(laptopDelivery.questions).toEqual([]); // within the margin: the phone's turn
    vi.advanceTimersByTime(TAKEOVER_MARGIN_MS);
    expect(sent(laptopConversation)).toEqual([]);
    expect(laptopDelivery.questions.map((d) => [d.id, d.body])).toEqual([[id, ANGRY]]);
    // It catches up: the question goes, and still nothing was sent.
    link.join(laptop);
    laptopDevice.caughtUp = true;
    flushSync();
    expect(laptopDelivery.questions).toEqual([]);
    expect(sent(laptopConversation)).toEqual([]);
    expect(holds(laptopConversation, ANGRY)).toBe(false);
    expect(getDraft(laptop, id)).toMatchObject({ state: 'drafting', body: GENTLE });
  });

  it('Undo on a phone that lost its connection: the online laptop sends nothing, then or later', () => {
    const laptopDelivery = deliveryOn(laptop, laptopConversation, laptopDevice);
    const phoneDelivery = deliveryOn(phone, phoneConversation, phoneDevice);
    const id = scheduleOnPhone(10_000, true);
    vi.advanceTimersByTime(2_000);
    link.cut(phone); // the phone's connection drops
    phoneDevice.caughtUp = false;
    laptopDevice.caughtUp = false;
    flushSync();
    unscheduleDraft(phone, id); // Undo, on the phone
    flushSync();
    vi.advanceTimersByTime(8_000 + TAKEOVER_MARGIN_MS + 60_000);
    expect(sent(laptopConversation)).toEqual([]);
    expect(sent(phoneConversation)).toEqual([]);
    expect(laptopDelivery.questions.map((d) => d.id)).toEqual([id]);
    // The phone is back: both learn of the Undo; nothing goes, nothing is asked.
    link.join(phone);
    phoneDevice.caughtUp = true;
    laptopDevice.caughtUp = true;
    flushSync();
    vi.advanceTimersByTime(3_600_000);
    expect(laptopDelivery.questions).toEqual([]);
    expect(phoneDelivery.questions).toEqual([]);
    expect(sent(laptopConversation)).toEqual([]);
    expect(sent(phoneConversation)).toEqual([]);
  });

  it('the device that scheduled it sends on time, caught up with nobody', () => {
    deliveryOn(laptop, laptopConversation, laptopDevice);
    deliveryOn(phone, phoneConversation, phoneDevice);
    const id = scheduleOnPhone(60_000);
    link.cut(phone);
    phoneDevice.caughtUp = false;
    laptopDevice.caughtUp = false;
    flushSync();
    vi.advanceTimersByTime(60_000);
    expect(sent(phoneConversation)).toEqual([ANGRY]);
    expect(getDraft(phone, id)?.state).toBe('sent');
    expect(sent(laptopConversation)).toEqual([]); // the laptop waits out the phone's margin
  });

  it('a caught-up laptop takes over a reply the phone did not send, once it has heard from the phone since', () => {
    const laptopDelivery = deliveryOn(laptop, laptopConversation, laptopDevice);
    const id = scheduleOnPhone(60_000); // the phone then goes quiet without delivering
    vi.advanceTimersByTime(60_000 + TAKEOVER_MARGIN_MS - 1);
    expect(sent(laptopConversation)).toEqual([]);
    const wakes = laptopDelivery.wakes;
    vi.advanceTimersByTime(1);
    expect(laptopDelivery.wakes).toBe(wakes + 1); // its timer was armed for that moment
    // Nothing from the phone since its send time: it may have pressed Undo offline. Ask.
    expect(sent(laptopConversation)).toEqual([]);
    expect(laptopDelivery.questions.map((d) => d.id)).toEqual([id]);
    // The phone meets a device (its seen stamp, after everything it did before): take over.
    stampSeen(phone, 'phone', new Date(), true);
    flushSync();
    expect(sent(laptopConversation)).toEqual([ANGRY]);
    expect(getDraft(phone, id)?.state).toBe('sent');
  });

  it('wakes when it catches up, and sends what is still scheduled', () => {
    const laptopDelivery = deliveryOn(laptop, laptopConversation, laptopDevice);
    laptopDevice.caughtUp = false;
    flushSync();
    const id = scheduleOnPhone(60_000);
    vi.advanceTimersByTime(60_000 + TAKEOVER_MARGIN_MS);
    expect(laptopDelivery.questions.map((d) => d.id)).toEqual([id]);
    expect(vi.getTimerCount()).toBe(0); // nothing to wait for: only catching up changes it
    stampSeen(phone, 'phone', new Date(), true); // heard from the phone since its send time
    laptopDevice.caughtUp = true;
    flushSync();
    expect(sent(laptopConversation)).toEqual([ANGRY]);
    expect(laptopDelivery.questions).toEqual([]);
  });

  it('treats a draft scheduled before devices were recorded as scheduled elsewhere', () => {
    const phoneDelivery = deliveryOn(phone, phoneConversation, phoneDevice);
    phoneDevice.caughtUp = false;
    flushSync();
    const id = openDraft(phone, CONTACT);
    draftBody(phone, id).insert(0, ANGRY);
    scheduleDraft(phone, id, later(60_000), { undoable: false }); // no scheduledBy
    flushSync();
    vi.advanceTimersByTime(60_000);
    expect(sent(phoneConversation)).toEqual([]);
    vi.advanceTimersByTime(TAKEOVER_MARGIN_MS);
    expect(phoneDelivery.questions.map((d) => d.id)).toEqual([id]);
  });

  it('"Send it now" sends the words this device has, from this device', () => {
    const laptopDelivery = deliveryOn(laptop, laptopConversation, laptopDevice);
    laptopDevice.caughtUp = false;
    flushSync();
    const id = scheduleOnPhone(60_000);
    link.cut(laptop);
    vi.advanceTimersByTime(60_000 + TAKEOVER_MARGIN_MS);
    expect(laptopDelivery.questions).toHaveLength(1);
    laptopDelivery.sendNow(id);
    flushSync();
    expect(sent(laptopConversation)).toEqual([ANGRY]);
    expect(getDraft(laptop, id)).toMatchObject({ state: 'sent', scheduledBy: 'laptop' });
    expect(laptopDelivery.questions).toEqual([]);
  });

  it('"Keep it as a draft" puts it back to drafting, on my other devices too', () => {
    const laptopDelivery = deliveryOn(laptop, laptopConversation, laptopDevice);
    laptopDevice.caughtUp = false;
    flushSync();
    const id = scheduleOnPhone(60_000);
    vi.advanceTimersByTime(60_000 + TAKEOVER_MARGIN_MS);
    laptopDelivery.keepAsDraft(id);
    flushSync();
    expect(laptopDelivery.questions).toEqual([]);
    expect(getDraft(phone, id)?.state).toBe('drafting');
    vi.advanceTimersByTime(3_600_000);
    expect(sent(laptopConversation)).toEqual([]);
  });
});
