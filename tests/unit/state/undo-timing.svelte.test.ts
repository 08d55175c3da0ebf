// @vitest-environment jsdom
/**
 * The undo window as a person meets it: Settings says 10 s; the screen counts 10, 9 … 1; the
 * reply reaches the conversation when the 10th second ends — not a second later, not before.
 */
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { listMessages } from '../../../src/lib/conversation';
import { ComposerState } from '../../../src/lib/state/composer.svelte';
import { DeliveryState } from '../../../src/lib/state/delivery.svelte';
import { ensureMemberId, getDraft, updateProfile } from '../../../src/lib/vault';
import { watch } from '../../helpers/watch.svelte';

const CONTACT = 'contact-1';

describe('the undo window', () => {
  let vault: Y.Doc;
  let conversation: Y.Doc;

  beforeEach(() => {
    // An odd millisecond, so a rounding slip would show.
    vi.useFakeTimers({ now: new Date('2026-03-10T12:00:00.437Z') });
    vault = new Y.Doc();
    conversation = new Y.Doc();
    ensureMemberId(vault);
  });

  afterEach(() => {
    vault.destroy();
    conversation.destroy();
    vi.useRealTimers();
  });

  for (const undoSeconds of [10, 3, 1]) {
    it(`with ${undoSeconds} s in Settings, counts ${undoSeconds}…1 and sends as the last second ends`, () => {
      updateProfile(vault, { undoSeconds });
      const delivery = new DeliveryState(vault, (id) => (id === CONTACT ? conversation : null));
      flushSync();
      const reply = new ComposerState(vault, CONTACT, null, () => []);
      reply.text.insert(0, 'See you on Sunday.');
      reply.trySend();
      const sentAt = Date.now();
      reply.send();
      flushSync();
      const seen = watch(() => reply.secondsLeft);
      expect(seen.values[0]).toBe(undoSeconds);

      for (let ms = 0; ms < undoSeconds * 1000 - 100; ms += 100) {
        vi.advanceTimersByTime(100);
        flushSync();
      }
      vi.advanceTimersByTime(99);
      flushSync();
      expect(listMessages(conversation)).toEqual([]);
      expect(getDraft(vault, reply.draftId)?.state).toBe('scheduled');
      expect(Math.max(...seen.values)).toBe(undoSeconds);
      expect(reply.secondsLeft).toBe(1);
      expect([...new Set(seen.values)]).toEqual(
        Array.from({ length: undoSeconds }, (_, i) => undoSeconds - i),
      );

      vi.advanceTimersByTime(1);
      flushSync();
      const [message] = listMessages(conversation);
      expect(message?.text).toBe('See you on Sunday.');
      expect(Date.parse(message?.sentAt ?? '') - sentAt).toBe(undoSeconds * 1000);
      expect(getDraft(vault, reply.draftId)?.state).toBe('sent');
      seen.stop();
      reply.destroy();
      delivery.destroy();
    });
  }

  it('a send begun on a device whose clock runs ahead still counts from the setting', () => {
    updateProfile(vault, { undoSeconds: 10 });
    const reply = new ComposerState(vault, CONTACT, null, () => []);
    reply.text.insert(0, 'See you on Sunday.');
    reply.send(new Date(Date.now() + 1500)); // the other device's clock: 1.5 s ahead
    const seen = watch(() => reply.secondsLeft);
    expect(seen.values[0]).toBe(10);
    seen.stop();
    reply.destroy();
  });
});
