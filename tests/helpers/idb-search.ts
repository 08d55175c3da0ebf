import type { Page } from '@playwright/test';

/**
 * Whether `needle` appears anywhere in the page origin's IndexedDB: every database, every
 * store, every value, as text or as UTF-8 bytes inside binary rows (Yjs updates).
 */
export function indexedDbContains(page: Page, needle: string): Promise<boolean> {
  return page.evaluate(async (text) => {
    const bytes = new TextEncoder().encode(text);
    const inBytes = (hay: Uint8Array): boolean => {
      outer: for (let i = 0; i + bytes.length <= hay.length; i++) {
        for (let j = 0; j < bytes.length; j++) if (hay[i + j] !== bytes[j]) continue outer;
        return true;
      }
      return false;
    };
    const found = (value: unknown): boolean => {
      if (value instanceof Uint8Array) return inBytes(value);
      if (value instanceof ArrayBuffer) return inBytes(new Uint8Array(value));
      if (typeof value === 'string') return value.includes(text);
      if (value && typeof value === 'object') return Object.values(value).some(found);
      return false;
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        if (values.some(found)) {
          db.close();
          return true;
        }
      }
      db.close();
    }
    return false;
  }, needle);
}
