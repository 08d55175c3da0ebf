/**
 * Waiting that works whether or not `setTimeout` is faked: fake-indexeddb schedules its work
 * with `setImmediate`, so yielding to `setImmediate` lets IndexedDB requests finish.
 */

/** Lets pending IndexedDB work (and every microtask before it) run once. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Yields `times` times. */
export async function ticks(times: number): Promise<void> {
  for (let i = 0; i < times; i++) await tick();
}

/**
 * Retries `check` (which throws or rejects while its condition is not met) until it passes,
 * yielding between tries; after `tries` attempts the last failure is thrown.
 */
export async function eventually<T>(check: () => T | Promise<T>, tries = 500): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      return await check();
    } catch (err) {
      lastError = err;
      await tick();
    }
  }
  throw lastError;
}
