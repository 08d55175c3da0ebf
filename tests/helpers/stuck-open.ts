import { vi } from 'vitest';

/**
 * Makes `indexedDB.open` return a request that never succeeds or fails, as a browser does when
 * an open hangs. Returns the spy; restore it with `mockRestore()` (or `vi.restoreAllMocks()`).
 */
export function stubHangingOpen() {
  return vi.spyOn(indexedDB, 'open').mockImplementation(() => ({}) as unknown as IDBOpenDBRequest);
}
