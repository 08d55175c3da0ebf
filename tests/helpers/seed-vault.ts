/**
 * Puts a prepared vault into a browser profile's IndexedDB, in y-indexeddb's layout, before
 * the app opens it — the way a person's existing data would be there.
 */
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { addEntry } from '../../src/lib/vault';
import { createPrng } from './prng';

export async function seedVault(page: Page, origin: string, doc: Y.Doc): Promise<void> {
  // Any same-origin page will do for reaching the origin's IndexedDB.
  await page.goto(`${origin}/healthz`);
  await seedDatabase(page, 'mull-vault', doc);
}

/** Writes `doc` into database `name` of the page's origin, in y-indexeddb's layout. */
export async function seedDatabase(page: Page, name: string, doc: Y.Doc): Promise<void> {
  const update = Array.from(Y.encodeStateAsUpdate(doc));
  await page.evaluate(
    ([dbName, bytes]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('updates', { autoIncrement: true });
          open.result.createObjectStore('custom');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array(bytes));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [name, update] as const,
  );
}

const WORDS = {
  good: ['calm', 'content', 'grateful', 'relaxed', 'hopeful', 'proud', 'joyful'],
  bad: ['tired', 'anxious', 'stressed', 'sad', 'drained', 'frustrated'],
};

/**
 * A year of daily check-ins ending `end`: mostly calm and pleasant, worse on workdays with
 * "deadline", better with "walk" — so insights have something honest to show.
 */
export function yearOfCheckIns(end: Date, seed = 7): Y.Doc {
  const doc = new Y.Doc();
  const rand = createPrng(seed);
  for (let i = 0; i < 365; i++) {
    const day = new Date(end.getTime() - i * 86_400_000);
    const walk = rand.next() < 0.3;
    const deadline = rand.next() < 0.2;
    const checkIns = 1 + (rand.next() < 0.3 ? 1 : 0);
    for (let k = 0; k < checkIns; k++) {
      const at = new Date(day);
      at.setHours(8 + k * 10, rand.int(0, 59), 0, 0);
      const p = Math.max(-5, Math.min(5, rand.int(-2, 3) + (walk ? 2 : 0) - (deadline ? 3 : 0)));
      const e = Math.max(-5, Math.min(5, rand.int(-3, 3) + (deadline ? 2 : 0)));
      addEntry(doc, {
        kind: 'checkin',
        createdAt: at.toISOString(),
        mood: { pleasantness: p, energy: e },
        emotions: [rand.pick(p >= 0 ? WORDS.good : WORDS.bad)],
        tags: [...(walk ? ['walk'] : []), ...(deadline ? ['deadline'] : [])],
        body: rand.next() < 0.2 ? 'A quiet note about the day.' : '',
      });
    }
  }
  return doc;
}
