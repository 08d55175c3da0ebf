// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  ComposerState,
  COUNTDOWN_TICK_MS,
  TONE_DEBOUNCE_MS,
} from '../../../src/lib/state/composer.svelte';
import type { MemberCard } from '../../../src/lib/conversation';
import {
  getDraft,
  listReflections,
  markDraftSent,
  updateProfile,
  type EntrySnapshot,
} from '../../../src/lib/vault';
import { watch } from '../../helpers/watch.svelte';

const HEATED = 'You always ruin everything. I am sick of your lies and I hate you!';
const CALM = 'Thanks for the photos, see you on Sunday.';
const UNDO_SECONDS = 10;

function composer(
  timeZone = 'Europe/London',
  checkIns: EntrySnapshot[] = [],
): {
  doc: Y.Doc;
  reply: ComposerState;
} {
  const doc = new Y.Doc();
  updateProfile(doc, { undoSeconds: UNDO_SECONDS });
  const reply = new ComposerState(doc, 'contact-1', null, () => checkIns, {
    timeZone: () => timeZone,
  });
  return { doc, reply };
}

function write(reply: ComposerState, text: string): void {
  reply.text.insert(reply.text.length, text);
}

describe('ComposerState: the reply flow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-10T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('sends only after "Ready to send?", then counts down the undo window', () => {
    const { reply } = composer();
    write(reply, CALM);
    expect(reply.stage).toBe('writing');
    expect(reply.trySend()).toBe(true);
    expect(reply.stage).toBe('confirm');
    expect(reply.coolOff?.suggest).toBe(false);
    const at = reply.send();
    expect(at?.toISOString()).toBe('2026-03-10T12:00:10.000Z');
    expect(reply.stage).toBe('undo');
    expect(reply.draft?.state).toBe('scheduled');
    expect(reply.draft?.undoable).toBe(true);
    reply.destroy();
  });

  it('undo in the window returns to writing with the text intact', () => {
    const { reply } = composer();
    write(reply, CALM);
    reply.trySend();
    reply.send();
    vi.advanceTimersByTime(3000);
    expect(reply.undo()).toBe(true);
    expect(reply.stage).toBe('writing');
    expect(reply.draft?.state).toBe('drafting');
    expect(reply.draft?.sendAt).toBeNull();
    expect(reply.text.toString()).toBe(CALM);
    reply.destroy();
  });

  it('suggests a cool-off at "Ready to send?" when the draft is heated', () => {
    const { reply } = composer();
    write(reply, HEATED);
    reply.trySend();
    expect(reply.coolOff?.suggest).toBe(true);
    expect(reply.coolOff?.reasons.join(' ')).toMatch(/land harder/);
    expect(reply.coolOffChoices().map((c) => c.label)).toEqual([
      'Remind me in 20 minutes',
      'Tomorrow at 9',
      'Send anyway',
    ]);
    reply.keepWriting();
    expect(reply.coolOff).toBeNull();
    reply.destroy();
  });

  it('an empty draft cannot be sent or scheduled', () => {
    const { reply } = composer();
    write(reply, '   \n ');
    expect(reply.canSend).toBe(false);
    expect(reply.trySend()).toBe(false);
    expect(reply.stage).toBe('writing');
    expect(reply.send()).toBeNull();
    expect(reply.sendAt('in-an-hour')).toBeNull();
    reply.openSendAt();
    expect(reply.stage).toBe('writing');
    expect(reply.draft?.state).toBe('drafting');
    reply.destroy();
  });

  it('hold keeps the draft with a reminder (holdUntil) and remembers the first version', () => {
    const { reply } = composer();
    write(reply, HEATED);
    reply.trySend();
    const outcome = reply.hold({ kind: 'remind-in', minutes: 20 });
    expect(outcome).toEqual({ kind: 'kept', remindAt: new Date('2026-03-10T12:20:00Z') });
    expect(reply.draft?.holdUntil).toBe('2026-03-10T12:20:00.000Z');
    expect(reply.draft?.state).toBe('drafting');
    expect(reply.draft?.firstVersion).toBe(HEATED);
    reply.destroy();
  });

  it('"Send anyway" starts the undo countdown', () => {
    const { reply } = composer();
    write(reply, HEATED);
    reply.trySend();
    expect(reply.hold({ kind: 'send-anyway' })).toEqual({ kind: 'sending' });
    expect(reply.stage).toBe('undo');
    reply.destroy();
  });

  it('"Tomorrow at 9" is 09:00 on the clock of the given zone', () => {
    const { reply } = composer('America/New_York');
    write(reply, CALM);
    // 12:00 UTC is 08:00 in New York (EDT, after the 8 March change): tomorrow 09:00 EDT.
    const at = reply.sendAt('tomorrow-morning');
    expect(at?.toISOString()).toBe('2026-03-11T13:00:00.000Z');
    expect(reply.draft?.state).toBe('scheduled');
    expect(reply.draft?.undoable).toBe(false);
    expect(reply.draft?.sendAt).toBe('2026-03-11T13:00:00.000Z');
    reply.destroy();
  });

  it('"Tomorrow at 9" on a clock-change day lands at 09:00 after the change', () => {
    // Saturday 28 March 2026, 22:00 in London (GMT); the clocks go forward that night.
    vi.setSystemTime(new Date('2026-03-28T22:00:00Z'));
    const { reply } = composer('Europe/London');
    write(reply, CALM);
    expect(reply.sendAt('tomorrow-morning')?.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    reply.destroy();
    // And on the day itself, after the change (BST), the next morning is 09:00 BST too.
    vi.setSystemTime(new Date('2026-03-29T10:00:00Z'));
    const later = composer('Europe/London').reply;
    write(later, CALM);
    expect(later.sendAt('tomorrow-morning')?.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    later.destroy();
  });

  it('"In an hour" and "when their quiet hours end" schedule without an undo window', () => {
    const { reply } = composer();
    write(reply, CALM);
    expect(reply.sendAt('in-an-hour')?.toISOString()).toBe('2026-03-10T13:00:00.000Z');
    reply.undo();
    const card: MemberCard = {
      name: 'Sam',
      replyWindow: '',
      quietHours: { start: '22:00', end: '14:00', timeZone: 'UTC' },
      updatedAt: '2026-03-01T00:00:00.000Z',
    };
    expect(reply.sendAt('after-their-quiet-hours', { theirCard: card })?.toISOString()).toBe(
      '2026-03-10T14:00:00.000Z',
    );
    reply.undo();
    // No card: nothing to wait for.
    expect(reply.sendAt('after-their-quiet-hours')?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    reply.destroy();
  });

  it('a send time that is no time is told kindly, back at writing, with nothing scheduled', () => {
    const { reply } = composer();
    write(reply, CALM);
    reply.openSendAt();
    expect(reply.sendAt(new Date(Number.NaN))).toBeNull();
    expect(reply.error).not.toBe('');
    expect(reply.stage).toBe('writing');
    expect(reply.draft?.state).toBe('drafting');
    expect(reply.trySend()).toBe(true);
    expect(reply.error).toBe(''); // trying again clears it
    reply.destroy();
  });

  it('a day and time left empty asks for one instead of scheduling', () => {
    const { reply } = composer();
    write(reply, CALM);
    reply.openSendAt();
    expect(reply.stage).toBe('send-at');
    expect(reply.sendAtLocal('')).toBeNull();
    expect(reply.error).toBe('Choose a day and time first.');
    expect(reply.draft?.state).toBe('drafting');
    reply.destroy();
  });

  it('seconds left count down while shown, and the ticker stops when nothing shows them', async () => {
    const { reply } = composer();
    write(reply, CALM);
    reply.trySend();
    reply.send();
    const seen = watch(() => reply.secondsLeft);
    expect(seen.values).toEqual([UNDO_SECONDS]);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    for (let second = 0; second < 3; second++) {
      vi.advanceTimersByTime(1000);
      flushSync();
    }
    expect([...new Set(seen.values)]).toEqual([10, 9, 8, 7]);
    seen.stop();
    await Promise.resolve(); // createSubscriber lets go a microtask after the last reader
    vi.advanceTimersByTime(TONE_DEBOUNCE_MS); // let a pending tone read run out
    expect(vi.getTimerCount()).toBe(0);
    reply.destroy();
  });

  it('a reply scheduled for later has no countdown and starts no ticker', () => {
    const { reply } = composer();
    write(reply, CALM);
    reply.sendAt('in-an-hour');
    const seen = watch(() => reply.secondsLeft);
    vi.advanceTimersByTime(TONE_DEBOUNCE_MS); // a tone read, begun as observing starts
    expect(seen.values).toEqual([0]);
    expect(vi.getTimerCount()).toBe(0);
    seen.stop();
    reply.destroy();
  });

  it('destroy clears the ticker and a pending tone read', () => {
    const { reply } = composer();
    write(reply, CALM);
    reply.send();
    const seen = watch(() => [reply.secondsLeft, reply.tone.heated]);
    write(reply, '!');
    expect(vi.getTimerCount()).toBe(2);
    reply.destroy();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(COUNTDOWN_TICK_MS * 4);
    seen.stop();
  });

  it('re-reads the tone after a pause in typing', () => {
    const { reply } = composer();
    const seen = watch(() => reply.tone.heated);
    write(reply, HEATED);
    flushSync();
    vi.advanceTimersByTime(TONE_DEBOUNCE_MS - 1);
    flushSync();
    expect(seen.values.at(-1)).toBe(false);
    vi.advanceTimersByTime(1);
    flushSync();
    expect(seen.values.at(-1)).toBe(true);
    seen.stop();
    reply.destroy();
  });

  it('says when the reply has left, and set aside keeps what I almost sent', () => {
    const { doc, reply } = composer();
    write(reply, CALM);
    reply.send();
    markDraftSent(doc, reply.draftId);
    expect(reply.sent).toBe(true);
    reply.destroy();

    const other = composer();
    write(other.reply, HEATED);
    other.reply.discard();
    expect(getDraft(other.doc, other.reply.draftId)?.state).toBe('discarded');
    expect(listReflections(other.doc).map((r) => [r.text, r.outcome])).toEqual([
      [HEATED, 'discarded'],
    ]);
    other.reply.destroy();
  });

  it('saves the mood picked before writing, and asks it only once', () => {
    const { reply } = composer();
    expect(reply.askMood).toBe(true);
    reply.startMood = { pleasantness: -2, energy: 3 };
    reply.saveStartMood();
    expect(reply.draft?.moodAtStart).toEqual({ pleasantness: -2, energy: 3 });
    expect(reply.askMood).toBe(false);
    const skipped = composer().reply;
    skipped.skipMood();
    expect(skipped.askMood).toBe(false);
    reply.destroy();
    skipped.destroy();
  });
});
