import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  deleteReflection,
  keepReflection,
  listReflections,
  MUCH_CHANGED_BELOW,
  ORIGIN,
  reflectionsOf,
  setAsideDraft,
  similarity,
  draftBody,
  getDraft,
  openDraft,
  VaultError,
} from '../../../src/lib/vault';
import { createPrng } from '../../helpers/prng';
import { recordOrigins } from '../../helpers/origins';
import { syncAll } from '../../helpers/sync-docs';

const AT1 = '2026-07-01T08:00:00.000Z';
const AT2 = '2026-07-02T08:00:00.000Z';
const AT3 = '2026-07-03T08:00:00.000Z';

describe('reflections', () => {
  describe('similarity', () => {
    it('is 1 for the same text, whatever its case, spacing and punctuation', () => {
      expect(similarity('I am upset with you', 'I am upset with you')).toBe(1);
      expect(similarity('I am UPSET with you!!!', '  i am upset,  with you ')).toBe(1);
    });

    it('is 0 for texts with no word in common', () => {
      expect(similarity('see you friday', 'never again')).toBe(0);
    });

    it('ignores word order', () => {
      expect(similarity('we should talk soon', 'soon we should talk')).toBe(1);
      expect(similarity('a b c d', 'd c x y')).toBe(similarity('d c x y', 'a b c d'));
    });

    it('counts repeated words only as often as both texts hold them', () => {
      // 2 × shared (1 "no") / (3 + 1 words)
      expect(similarity('no no no', 'no')).toBe(0.5);
    });

    it('treats two texts without words as the same, and one empty text as nothing shared', () => {
      expect(similarity('', '')).toBe(1);
      expect(similarity('...', '  !!! ')).toBe(1);
      expect(similarity('', 'hello')).toBe(0);
      expect(similarity('hello', '?!')).toBe(0);
    });

    it('keeps letters and digits of any script and apostrophes inside words', () => {
      expect(similarity("don't", 'dont')).toBe(0);
      expect(similarity('Grüße, 2 Äpfel', 'grüße 2 äpfel')).toBe(1);
    });

    it('stays between 0 and 1 and is symmetric for random texts', () => {
      const rand = createPrng(0x5eed);
      const vocab = ['you', 'always', 'never', 'sorry', 'friday', 'ok', 'late', 'call', 'me'];
      for (let i = 0; i < 200; i++) {
        const text = (): string =>
          Array.from({ length: rand.int(0, 8) }, () => rand.pick(vocab)).join(' ');
        const a = text();
        const b = text();
        const s = similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(similarity(b, a)).toBe(s);
        expect(similarity(a, rand.shuffle(a.split(' ')).join(' '))).toBe(1);
      }
    });

    it('counts a reply as much changed only below the threshold, not at it', () => {
      const first = 'one two three four five';
      // 3 of 5 words kept: 2 × 3 / 10 = 0.6, exactly the threshold.
      const atThreshold = 'one two three six seven';
      expect(similarity(first, atThreshold)).toBe(MUCH_CHANGED_BELOW);
      expect(similarity(first, atThreshold) < MUCH_CHANGED_BELOW).toBe(false);
      // One more word added: 2 × 3 / 11 ≈ 0.545.
      const justBelow = 'one two three six seven eight';
      expect(similarity(first, justBelow)).toBeLessThan(MUCH_CHANGED_BELOW);
    });
  });

  describe('keep, list and delete', () => {
    it('keeps a first version in one local transaction and lists it', () => {
      const doc = new Y.Doc();
      const { origins, stop } = recordOrigins(doc);
      keepReflection(doc, {
        id: 'd1',
        contactId: 'sam',
        text: 'You never listen',
        outcome: 'discarded',
        at: AT1,
      });
      stop();
      expect(origins).toEqual([ORIGIN.local]);
      expect(listReflections(doc)).toEqual([
        { id: 'd1', contactId: 'sam', text: 'You never listen', outcome: 'discarded', at: AT1 },
      ]);
    });

    it('stamps the time when none is given', () => {
      const doc = new Y.Doc();
      const before = new Date().toISOString();
      keepReflection(doc, { id: 'd1', contactId: 'sam', text: 'x', outcome: 'changed' });
      const at = listReflections(doc)[0]?.at ?? '';
      expect(at >= before).toBe(true);
      expect(new Date(at).toISOString()).toBe(at);
    });

    it('keeps nothing for blank text', () => {
      const doc = new Y.Doc();
      const { origins, stop } = recordOrigins(doc);
      keepReflection(doc, { id: 'd1', contactId: 'sam', text: ' \n ', outcome: 'discarded' });
      stop();
      expect(origins).toEqual([]);
      expect(listReflections(doc)).toEqual([]);
    });

    it('keeps one reflection per draft id', () => {
      const doc = new Y.Doc();
      keepReflection(doc, { id: 'd1', contactId: 'sam', text: 'a', outcome: 'discarded', at: AT1 });
      keepReflection(doc, { id: 'd1', contactId: 'sam', text: 'b', outcome: 'changed', at: AT2 });
      expect(listReflections(doc)).toEqual([
        { id: 'd1', contactId: 'sam', text: 'b', outcome: 'changed', at: AT2 },
      ]);
    });

    it('lists newest first and skips malformed values', () => {
      const doc = new Y.Doc();
      keepReflection(doc, { id: 'a', contactId: 'sam', text: 'a', outcome: 'discarded', at: AT1 });
      keepReflection(doc, { id: 'c', contactId: 'kim', text: 'c', outcome: 'changed', at: AT3 });
      keepReflection(doc, { id: 'b', contactId: 'sam', text: 'b', outcome: 'discarded', at: AT2 });
      doc.transact(() => {
        reflectionsOf(doc).set('n', null);
        reflectionsOf(doc).set('s', 'text');
        reflectionsOf(doc).set('no-text', { id: 'no-text', at: AT1 });
        reflectionsOf(doc).set('no-at', { id: 'no-at', text: 'x' });
        reflectionsOf(doc).set('odd', { id: 'odd', text: 'odd', at: AT1, outcome: 'exploded' });
      });
      expect(listReflections(doc).map((r) => r.id)).toEqual(['c', 'b', 'a', 'odd']);
      // An unknown outcome reads as "discarded"; a missing contact as empty.
      expect(listReflections(doc).find((r) => r.id === 'odd')).toMatchObject({
        outcome: 'discarded',
        contactId: '',
      });
    });

    it('deletes one for good, on every device', () => {
      const laptop = new Y.Doc();
      const phone = new Y.Doc();
      keepReflection(laptop, { id: 'a', contactId: 's', text: 'a', outcome: 'discarded', at: AT1 });
      keepReflection(laptop, { id: 'b', contactId: 's', text: 'b', outcome: 'changed', at: AT2 });
      syncAll(laptop, phone);
      deleteReflection(phone, 'a');
      syncAll(laptop, phone);
      expect(listReflections(laptop).map((r) => r.id)).toEqual(['b']);
      expect(reflectionsOf(laptop).has('a')).toBe(false);
    });

    it('refuses to delete an unknown reflection, writing nothing', () => {
      const doc = new Y.Doc();
      keepReflection(doc, { id: 'a', contactId: 's', text: 'a', outcome: 'discarded', at: AT1 });
      const before = Y.encodeStateAsUpdate(doc);
      const { origins, stop } = recordOrigins(doc);
      let caught: unknown;
      try {
        deleteReflection(doc, 'nope');
      } catch (err) {
        caught = err;
      }
      stop();
      expect(caught).toBeInstanceOf(VaultError);
      expect((caught as VaultError).code).toBe('not-found');
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    });
  });

  describe('setAsideDraft', () => {
    it('discards the draft and keeps its words, in one local transaction', () => {
      const doc = new Y.Doc();
      const id = openDraft(doc, 'contact-1');
      draftBody(doc, id).insert(0, 'what I almost said');
      const now = new Date('2026-05-01T20:00:00.000Z');
      const { origins, stop } = recordOrigins(doc);
      setAsideDraft(doc, id, now);
      stop();
      expect(origins).toEqual([ORIGIN.local]);
      expect(getDraft(doc, id)?.state).toBe('discarded');
      expect(listReflections(doc)).toEqual([
        {
          id,
          contactId: 'contact-1',
          text: 'what I almost said',
          outcome: 'discarded',
          at: now.toISOString(),
        },
      ]);
    });

    it('does nothing for a draft that is not there', () => {
      const doc = new Y.Doc();
      setAsideDraft(doc, 'nobody');
      expect(listReflections(doc)).toEqual([]);
    });
  });
});
