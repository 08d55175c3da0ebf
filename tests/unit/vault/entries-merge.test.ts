import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEntry,
  bodyOf,
  deleteEntryForever,
  getEntry,
  listEntries,
  restoreEntry,
  setEntryBody,
  trashEntry,
  updateEntry,
} from '../../../src/lib/vault';
import { createPrng, type Prng } from '../../helpers/prng';
import { syncAll } from '../../helpers/sync-docs';

/** Two devices that start from the same vault with one entry in it. */
function twoDevices(): { a: Y.Doc; b: Y.Doc; id: string } {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const id = addEntry(a, { body: 'morning', tags: ['sea'], createdAt: '2026-01-01T08:00:00.000Z' });
  syncAll(a, b);
  return { a, b, id };
}

describe('concurrent edits on two devices', () => {
  it('keeps a tag change made on one and a body change made on the other', () => {
    const { a, b, id } = twoDevices();
    updateEntry(a, id, { tags: ['sea', 'walk'] });
    setEntryBody(b, id, 'morning swim');
    syncAll(a, b);
    for (const doc of [a, b]) {
      expect(getEntry(doc, id)).toMatchObject({ tags: ['sea', 'walk'], body: 'morning swim' });
    }
  });

  it('merges text typed at the same time on both devices', () => {
    const { a, b, id } = twoDevices();
    bodyOf(a, id).insert(0, 'Early ');
    bodyOf(b, id).insert('morning'.length, ' tea');
    syncAll(a, b);
    expect(getEntry(a, id)?.body).toBe('Early morning tea');
    expect(getEntry(b, id)?.body).toBe('Early morning tea');
  });

  it('keeps a mood set on one and a trash on the other', () => {
    const { a, b, id } = twoDevices();
    updateEntry(a, id, { mood: { pleasantness: 2, energy: 1 } });
    trashEntry(b, id);
    syncAll(a, b);
    for (const doc of [a, b]) {
      const e = getEntry(doc, id);
      expect(e?.mood).toEqual({ pleasantness: 2, energy: 1 });
      expect(e?.trashedAt).not.toBeNull();
    }
  });

  it('keeps entries added on both devices while apart', () => {
    const { a, b, id } = twoDevices();
    const fromA = addEntry(a, { body: 'from a' });
    const fromB = addEntry(b, { body: 'from b' });
    syncAll(a, b);
    const ids = listEntries(a).map((e) => e.id);
    expect(ids.sort()).toEqual([id, fromA, fromB].sort());
    expect(listEntries(b)).toEqual(listEntries(a));
  });

  it('a delete for good wins over an edit made meanwhile, and both devices agree', () => {
    const { a, b, id } = twoDevices();
    trashEntry(a, id);
    syncAll(a, b);
    deleteEntryForever(a, id);
    setEntryBody(b, id, 'edited while it was being deleted');
    syncAll(a, b);
    expect(getEntry(a, id)).toBeNull();
    expect(getEntry(b, id)).toBeNull();
  });

  it('a restore on one device and a trash on the other converge to the same state', () => {
    const { a, b, id } = twoDevices();
    trashEntry(a, id);
    syncAll(a, b);
    restoreEntry(a, id);
    trashEntry(b, id);
    syncAll(a, b);
    expect(getEntry(a, id)).toEqual(getEntry(b, id));
  });
});

type Op = (doc: Y.Doc, prng: Prng) => void;

const ops: Op[] = [
  (doc, prng) =>
    void addEntry(doc, { body: prng.string(prng.int(0, 8)), tags: [prng.pick(['a', 'b', 'c'])] }),
  (doc, prng) => {
    const live = listEntries(doc);
    if (live.length) updateEntry(doc, prng.pick(live).id, { tags: [prng.pick(['x', 'y', 'z'])] });
  },
  (doc, prng) => {
    const live = listEntries(doc);
    if (!live.length) return;
    const text = bodyOf(doc, prng.pick(live).id);
    text.insert(prng.int(0, text.length), prng.string(prng.int(1, 4)));
  },
  (doc, prng) => {
    const live = listEntries(doc);
    if (!live.length) return;
    const text = bodyOf(doc, prng.pick(live).id);
    if (text.length > 0) text.delete(prng.int(0, text.length - 1), 1);
  },
  (doc, prng) => {
    const live = listEntries(doc);
    if (live.length) trashEntry(doc, prng.pick(live).id);
  },
  (doc, prng) => {
    const trashed = listEntries(doc).filter((e) => e.trashedAt);
    if (trashed.length) restoreEntry(doc, prng.pick(trashed).id);
  },
  (doc, prng) => {
    const trashed = listEntries(doc).filter((e) => e.trashedAt);
    if (trashed.length) deleteEntryForever(doc, prng.pick(trashed).id);
  },
];

describe('random concurrent editing (seeded)', () => {
  it.each([1, 2, 3, 42, 1234])(
    'three devices with updates delivered late, out of order and twice end equal (seed %i)',
    (seed) => {
      const prng = createPrng(seed);
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      // Every update any device makes, in the order made; delivered later in a random order.
      const inboxes = docs.map(() => [] as Uint8Array[]);
      docs.forEach((doc, from) => {
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === 'network') return;
          inboxes.forEach((inbox, to) => {
            if (to !== from) inbox.push(update);
          });
        });
      });
      for (let step = 0; step < 300; step++) {
        const i = prng.int(0, docs.length - 1);
        const doc = docs[i] as Y.Doc;
        if (prng.next() < 0.7) {
          prng.pick(ops)(doc, prng);
        } else {
          // Deliver a random part of this device's inbox, shuffled, some twice.
          const inbox = inboxes[i] as Uint8Array[];
          const batch = prng.shuffle(inbox.splice(0, prng.int(0, inbox.length)));
          for (const update of batch) {
            Y.applyUpdate(doc, update, 'network');
            if (prng.next() < 0.2) Y.applyUpdate(doc, update, 'network');
          }
        }
      }
      docs.forEach((doc, i) => {
        for (const update of prng.shuffle((inboxes[i] as Uint8Array[]).splice(0))) {
          Y.applyUpdate(doc, update, 'network');
        }
      });
      const [first, ...rest] = docs.map((d) => listEntries(d));
      expect(first?.length).toBeGreaterThan(0);
      for (const other of rest) expect(other).toEqual(first);
    },
  );
});
