import { describe, expect, it } from 'vitest';
import {
  decideDelivery,
  MIN_TAKEOVER_MARGIN_MS,
  TAKEOVER_MARGIN_MS,
  takeoverMarginMs,
  type DeliveryContext,
} from '../../../src/lib/conversation';
import type { DraftSnapshot } from '../../../src/lib/vault';

const SEND_AT = new Date('2026-03-03T09:30:00.000Z');
const MARGIN = TAKEOVER_MARGIN_MS;
const after = (ms: number): Date => new Date(SEND_AT.getTime() + ms);

function draft(patch: Partial<DraftSnapshot> = {}): DraftSnapshot {
  return {
    id: 'd1',
    contactId: 'sam',
    replyTo: null,
    body: 'See you Friday.',
    createdAt: '2026-03-02T23:00:00.000Z',
    updatedAt: '2026-03-02T23:00:00.000Z',
    moodAtStart: null,
    moodAtSend: null,
    holdUntil: null,
    sendAt: SEND_AT.toISOString(),
    undoable: false,
    scheduledBy: 'phone',
    state: 'scheduled',
    toneNotes: [],
    firstVersion: null,
    ...patch,
  };
}

/** The laptop, one of two devices, not caught up. */
const laptop: DeliveryContext = {
  deviceId: 'laptop',
  caughtUp: false,
  alone: false,
  marginMs: MARGIN,
};
const phone: DeliveryContext = { ...laptop, deviceId: 'phone' };

describe('decideDelivery', () => {
  it('waits, with nothing to wake for, when the draft is not scheduled or its time unreadable', () => {
    for (const d of [
      draft({ state: 'drafting', sendAt: null }),
      draft({ state: 'sent' }),
      draft({ state: 'discarded' }),
      draft({ sendAt: null }),
      draft({ sendAt: 'half past nine' }),
    ]) {
      expect(decideDelivery(d, { ...phone, alone: true }, after(MARGIN * 2))).toEqual({
        verdict: 'wait',
        reason: 'not-scheduled',
        at: null,
      });
    }
  });

  it('waits for the send time on every device, the only one included', () => {
    for (const context of [phone, laptop, { ...laptop, alone: true, caughtUp: true }]) {
      expect(decideDelivery(draft(), context, after(-1))).toEqual({
        verdict: 'wait',
        reason: 'not-due',
        at: SEND_AT.getTime(),
      });
    }
  });

  it('sends at once on my only device, whoever scheduled it and however late', () => {
    const alone = { ...laptop, alone: true };
    for (const when of [after(0), after(MARGIN * 10)]) {
      expect(decideDelivery(draft(), alone, when)).toMatchObject({
        verdict: 'send',
        reason: 'only-device',
      });
      expect(decideDelivery(draft({ scheduledBy: null }), alone, when).verdict).toBe('send');
    }
  });

  it('lets the device that scheduled it send from the send time until the margin ends', () => {
    expect(decideDelivery(draft(), phone, after(0))).toMatchObject({
      verdict: 'send',
      reason: 'lease',
    });
    expect(decideDelivery(draft(), phone, after(MARGIN - 1)).reason).toBe('lease');
  });

  it('asks on the device that scheduled it, once past the margin without catching up', () => {
    // It may have slept through a change of mind made on another device.
    expect(decideDelivery(draft(), phone, after(MARGIN))).toMatchObject({
      verdict: 'ask',
      reason: 'not-caught-up',
    });
  });

  it('sends from the device that scheduled it once caught up, however late', () => {
    expect(decideDelivery(draft(), { ...phone, caughtUp: true }, after(MARGIN * 3))).toMatchObject({
      verdict: 'send',
      reason: 'caught-up',
    });
  });

  it('leaves a reply scheduled elsewhere to that device until the margin ends, caught up or not', () => {
    for (const context of [laptop, { ...laptop, caughtUp: true }]) {
      expect(decideDelivery(draft(), context, after(0))).toEqual({
        verdict: 'wait',
        reason: 'lease-elsewhere',
        at: SEND_AT.getTime() + MARGIN,
      });
      expect(decideDelivery(draft(), context, after(MARGIN - 1)).reason).toBe('lease-elsewhere');
    }
  });

  it('takes over a reply scheduled elsewhere after the margin, only when caught up and the phone has been heard from since its send time', () => {
    const heard = { phone: after(60_000).getTime() };
    const caughtUp = { ...laptop, caughtUp: true, lastSeen: heard };
    expect(decideDelivery(draft(), caughtUp, after(MARGIN))).toMatchObject({
      verdict: 'send',
      reason: 'caught-up',
    });
    // Caught up with a home peer that never saw the phone's Undo: the phone is unheard, so ask.
    const unheard: Record<string, number>[] = [
      {},
      { phone: after(-1).getTime() },
      { laptop: after(1).getTime() },
    ];
    for (const lastSeen of unheard) {
      expect(decideDelivery(draft(), { ...caughtUp, lastSeen }, after(MARGIN))).toMatchObject({
        verdict: 'ask',
        reason: 'scheduler-unheard',
      });
    }
    expect(decideDelivery(draft(), laptop, after(MARGIN))).toMatchObject({
      verdict: 'ask',
      reason: 'not-caught-up',
    });
  });

  it('treats a draft scheduled before devices were recorded as scheduled elsewhere', () => {
    const old = draft({ scheduledBy: null });
    expect(decideDelivery(old, phone, after(0)).reason).toBe('lease-elsewhere');
    expect(decideDelivery(old, phone, after(MARGIN)).verdict).toBe('ask');
    // A device that has no id yet holds no lease either, even against a draft without one.
    const nobody = { ...phone, deviceId: '' };
    expect(decideDelivery(old, nobody, after(0)).reason).toBe('lease-elsewhere');
  });

  it('undo windows follow the same rule: the phone that pressed Send sends at the end', () => {
    const undoable = draft({ undoable: true });
    expect(decideDelivery(undoable, phone, after(0)).verdict).toBe('send');
    expect(decideDelivery(undoable, laptop, after(0)).verdict).toBe('wait');
    expect(decideDelivery(undoable, laptop, after(MARGIN)).verdict).toBe('ask');
  });
});

describe('takeoverMarginMs (the test hook)', () => {
  it('is the full margin without a stored value, or with one that is not a number', () => {
    expect(takeoverMarginMs(null)).toBe(TAKEOVER_MARGIN_MS);
    expect(takeoverMarginMs('soon')).toBe(TAKEOVER_MARGIN_MS);
    expect(takeoverMarginMs('')).toBe(TAKEOVER_MARGIN_MS);
    expect(takeoverMarginMs('Infinity')).toBe(TAKEOVER_MARGIN_MS);
  });

  it('can shorten the margin, down to a floor, but never lengthen it', () => {
    expect(takeoverMarginMs('4000')).toBe(4000);
    expect(takeoverMarginMs('0')).toBe(MIN_TAKEOVER_MARGIN_MS);
    expect(takeoverMarginMs('-5')).toBe(MIN_TAKEOVER_MARGIN_MS);
    expect(takeoverMarginMs(String(TAKEOVER_MARGIN_MS * 10))).toBe(TAKEOVER_MARGIN_MS);
  });
});
