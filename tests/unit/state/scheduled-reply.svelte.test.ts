// @vitest-environment jsdom
/**
 * A scheduled reply can be taken back or moved, from wherever it shows: "Don't send" puts it
 * back to a draft with every word kept (and it never goes out), "Change time" moves it.
 */
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { listMessages } from '../../../src/lib/conversation';
import { createSecret, encodeSecret } from '../../../src/lib/keys';
import { ComposerState, IN_AN_HOUR_MS, sendAtFor } from '../../../src/lib/state/composer.svelte';
import { DeliveryState } from '../../../src/lib/state/delivery.svelte';
import { PeopleState } from '../../../src/lib/state/people.svelte';
import { timeLabel } from '../../../src/lib/time/dates';
import { sendAtLabel } from '../../../src/lib/time/send-at-label';
import {
  addContact,
  ensureMemberId,
  getDraft,
  markDraftSent,
  VaultError,
} from '../../../src/lib/vault';

const OFFLINE = { signaling: [], iceServers: [] };
const WORDS = 'I can’t make it Friday, but Saturday works.';

describe('a scheduled reply', () => {
  let vault: Y.Doc;
  let people: PeopleState;
  let sam: string;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-10T21:00:00.000Z') });
    vault = new Y.Doc();
    ensureMemberId(vault);
    people = new PeopleState(vault, () => OFFLINE);
    sam = addContact(vault, {
      name: 'Sam',
      conversationSecret: encodeSecret(createSecret()),
      theirMemberId: 'sam-member',
    });
  });

  afterEach(() => {
    people.destroy();
    vault.destroy();
    vi.useRealTimers();
  });

  /** Writes a reply to Sam and schedules it for 23:00, as Send at… does. */
  function scheduleAtEleven(): ComposerState {
    const reply = people.compose(sam, null, () => []);
    reply.text.insert(0, WORDS);
    reply.sendAt(new Date('2026-03-10T23:00:00.000Z'));
    return reply;
  }

  it('reopened, is the same draft, shown as writing (the note says when it goes)', () => {
    const first = scheduleAtEleven();
    first.destroy();
    const reopened = people.compose(sam, null, () => []);
    expect(reopened.draftId).toBe(first.draftId);
    expect(reopened.draft?.state).toBe('scheduled');
    expect(reopened.draft?.sendAt).toBe('2026-03-10T23:00:00.000Z');
    expect(reopened.stage).toBe('writing');
    reopened.destroy();
  });

  it('"Don\'t send" makes it a draft again, every word kept, and it never goes out', () => {
    const conversation = new Y.Doc();
    const delivery = new DeliveryState(vault, (id) => (id === sam ? conversation : null));
    flushSync();
    const reply = scheduleAtEleven();
    flushSync();
    expect(people.unschedule(reply.draftId)).toBe(true);
    flushSync();
    const draft = getDraft(vault, reply.draftId);
    expect(draft?.state).toBe('drafting');
    expect(draft?.sendAt).toBeNull();
    expect(draft?.body).toBe(WORDS);
    vi.advanceTimersByTime(3 * 60 * 60 * 1000);
    flushSync();
    expect(listMessages(conversation)).toEqual([]);
    expect(getDraft(vault, reply.draftId)?.state).toBe('drafting');
    reply.destroy();
    delivery.destroy();
    conversation.destroy();
  });

  it('the composer un-schedules it too (Undo on the reply screen), keeping the words', () => {
    const reply = scheduleAtEleven();
    expect(reply.undo()).toBe(true);
    expect(reply.draft?.state).toBe('drafting');
    expect(reply.draft?.body).toBe(WORDS);
    expect(reply.stage).toBe('writing');
    expect(reply.undo()).toBe(false); // nothing left to take back
    reply.destroy();
  });

  it('"Change time" moves it, with no undo window, and it goes at the new time', () => {
    const conversation = new Y.Doc();
    const delivery = new DeliveryState(vault, (id) => (id === sam ? conversation : null));
    flushSync();
    const reply = scheduleAtEleven();
    const at = people.reschedule(reply.draftId, 'in-an-hour');
    flushSync();
    expect(at.getTime()).toBe(Date.now() + IN_AN_HOUR_MS);
    const draft = getDraft(vault, reply.draftId);
    expect(draft?.sendAt).toBe(at.toISOString());
    expect(draft?.undoable).toBe(false);
    expect(draft?.body).toBe(WORDS);
    vi.advanceTimersByTime(IN_AN_HOUR_MS - 1);
    flushSync();
    expect(listMessages(conversation)).toEqual([]);
    vi.advanceTimersByTime(1);
    flushSync();
    expect(listMessages(conversation).map((m) => m.text)).toEqual([WORDS]);
    reply.destroy();
    delivery.destroy();
    conversation.destroy();
  });

  it('neither undoes nor moves a reply that has already gone', () => {
    const reply = scheduleAtEleven();
    markDraftSent(vault, reply.draftId);
    expect(people.unschedule(reply.draftId)).toBe(false);
    expect(() => people.reschedule(reply.draftId, 'in-an-hour')).toThrow(VaultError);
    expect(getDraft(vault, reply.draftId)?.state).toBe('sent');
    expect(getDraft(vault, reply.draftId)?.sendAt).toBe('2026-03-10T23:00:00.000Z');
    reply.destroy();
  });
});

describe('sendAtFor', () => {
  const now = new Date('2026-03-10T21:00:00.000Z');

  it('turns each Send at… choice into a time; a time already past is now', () => {
    expect(sendAtFor('in-an-hour', { now }).toISOString()).toBe('2026-03-10T22:00:00.000Z');
    expect(sendAtFor('tomorrow-morning', { now, timeZone: 'Europe/London' }).toISOString()).toBe(
      '2026-03-11T09:00:00.000Z',
    );
    expect(sendAtFor(new Date('2026-03-09T10:00:00Z'), { now }).toISOString()).toBe(
      now.toISOString(),
    );
    expect(sendAtFor('after-their-quiet-hours', { now, theirCard: null }).toISOString()).toBe(
      now.toISOString(),
    );
  });
});

describe('sendAtLabel', () => {
  // Local times, so the labels hold in whatever zone the tests run.
  const now = new Date(2026, 2, 10, 21, 0);

  it('keeps the time on every day, so it is clear when it will go', () => {
    const at = (d: Date): [string, string] => [d.toISOString(), timeLabel(d.toISOString())];
    const [tonight, t1] = at(new Date(2026, 2, 10, 23, 0));
    expect(sendAtLabel(tonight, now)).toBe(`today at ${t1}`);
    const [tomorrow, t2] = at(new Date(2026, 2, 11, 9, 0));
    expect(sendAtLabel(tomorrow, now)).toBe(`tomorrow at ${t2}`);
    const [nextWeek, t3] = at(new Date(2026, 2, 17, 9, 0));
    expect(sendAtLabel(nextWeek, now)).toMatch(new RegExp(`^Tuesday.*17.* at ${t3}$`));
    expect(sendAtLabel(new Date(2027, 0, 2, 9, 0).toISOString(), now)).toMatch(/2027/);
    expect(sendAtLabel('not a time', now)).toBe('a time that couldn’t be read');
  });
});
