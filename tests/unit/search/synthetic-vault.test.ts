import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNTHETIC_WORDS, generateSyntheticVault } from '../../../bench/synthetic-vault';
import { QUADRANTS, SearchIndex, inQuadrant } from '../../../src/lib/search';
import { listEntries } from '../../../src/lib/vault';
import { localDayKey } from '../../../src/lib/time/dates';

/** A small synthetic vault, end to end: generated as typed, indexed, searched. */
describe('a scaled-down synthetic vault', () => {
  const options = { days: 40, entryChars: 300, seed: 3 };
  const updates: Uint8Array[] = [];
  const doc = generateSyntheticVault({ ...options, onUpdate: (u) => updates.push(u) });
  const all = listEntries(doc);
  const entries = all.filter((e) => e.kind === 'entry');
  const checkins = all.filter((e) => e.kind === 'checkin');

  it('has one entry and one check-in per day, on consecutive days', () => {
    expect(entries).toHaveLength(40);
    expect(checkins).toHaveLength(40);
    const days = new Set(entries.map((e) => localDayKey(e.createdAt, 'Etc/GMT-1')));
    expect(days.size).toBe(40);
  });

  it('writes entries of about the asked length, with paragraphs and tags', () => {
    const lengths = entries.map((e) => e.body.length);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(mean).toBeGreaterThan(250);
    expect(mean).toBeLessThan(400);
    expect(entries.some((e) => e.body.includes('\n\n'))).toBe(true);
    expect(entries.filter((e) => e.tags.length > 0).length).toBeGreaterThan(20);
    for (const c of checkins) {
      expect(c.mood).not.toBeNull();
      const quadrants = QUADRANTS.filter((q) => inQuadrant(c.mood, q));
      expect(quadrants.length).toBeGreaterThan(0);
    }
  });

  it('types entries as many small edits, not one paste', () => {
    expect(updates.length).toBeGreaterThan(entries.length * 10);
  });

  it('is the same, byte for byte, for the same seed and different for another', () => {
    const again = generateSyntheticVault(options);
    expect(Y.encodeStateAsUpdate(again)).toEqual(Y.encodeStateAsUpdate(doc));
    const other = generateSyntheticVault({ ...options, seed: 4 });
    expect(listEntries(other)[0]?.body).not.toBe(all[0]?.body);
  });

  it('can be rebuilt from its update stream', () => {
    const replica = new Y.Doc();
    for (const update of updates) Y.applyUpdate(replica, update);
    expect(listEntries(replica)).toEqual(all);
  });

  it('is found by search: words, tags, emotions and filters agree with a plain scan', () => {
    const index = new SearchIndex(doc);
    try {
      const word = 'coffee';
      const expected = all.filter((e) => /\bcoffee\b/i.test(e.body)).map((e) => e.id);
      const found = index.search({ text: word, limit: 500 }).hits.map((h) => h.id);
      expect(found).toEqual(expect.arrayContaining(expected));

      const tag = SYNTHETIC_WORDS.tags[0];
      expect(index.search({ tags: [tag] }).total).toBe(
        all.filter((e) => e.tags.includes(tag)).length,
      );
      for (const quadrant of QUADRANTS) {
        expect(index.search({ quadrant }).total).toBe(
          all.filter((e) => inQuadrant(e.mood, quadrant)).length,
        );
      }
      const emotion = checkins.find((c) => c.emotions.length > 0)?.emotions[0] ?? 'calm';
      const withEmotion = index.search({ text: emotion, kind: 'checkin', limit: 500 }).hits;
      expect(withEmotion.length).toBeGreaterThan(0);
      expect(index.search({}).total).toBe(all.length);
    } finally {
      index.destroy();
    }
  });

  it('moves some older entries to the Trash when asked, and search leaves them out', () => {
    const trashy = generateSyntheticVault({ days: 120, entryChars: 100, trashRate: 0.2, seed: 5 });
    const trashed = listEntries(trashy).filter((e) => e.trashedAt);
    expect(trashed.length).toBeGreaterThan(0);
    const index = new SearchIndex(trashy);
    expect(index.size).toBe(listEntries(trashy).length - trashed.length);
    index.destroy();
  });
});
