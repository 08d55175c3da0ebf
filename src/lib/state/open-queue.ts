/**
 * Opens conversations one at a time, each in an idle moment, so that loading them never
 * competes with the journal (DESIGN.md §4: a contact cannot slow my journal's start). One that
 * is needed now (a reply due for it) goes to the front.
 *
 *   add(a) add(b) add(c) ──▶ idle ──▶ open a ──▶ idle ──▶ open b ──▶ …
 *                 first(c) ────────────────────▶ (c before b)
 */

/** Where idle callbacks do not exist (Safari), the next opening waits this long. */
export const OPEN_FALLBACK_DELAY_MS = 50;
/** Waits at most this long for an idle moment. */
export const OPEN_IDLE_TIMEOUT_MS = 1000;

export type WhenIdle = (fn: () => void) => () => void;

export const whenPageIdle: WhenIdle = (fn) => {
  if (typeof window !== 'undefined' && typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: OPEN_IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(fn, OPEN_FALLBACK_DELAY_MS);
  return () => clearTimeout(id);
};

export class OpenQueue {
  readonly #open: (id: string) => Promise<void>;
  readonly #whenIdle: WhenIdle;
  #waiting: string[] = [];
  #running = false;
  #cancel: (() => void) | null = null;
  #destroyed = false;

  /** @param open opens one; the next waits until it settles (errors are the opener's). */
  constructor(open: (id: string) => Promise<void>, whenIdle: WhenIdle = whenPageIdle) {
    this.#open = open;
    this.#whenIdle = whenIdle;
  }

  /** Queues `id` to be opened (once). */
  add(id: string): void {
    if (this.#waiting.includes(id)) return;
    this.#waiting.push(id);
    this.#next();
  }

  /** Moves `id`, if still waiting, to the front. */
  first(id: string): void {
    const at = this.#waiting.indexOf(id);
    if (at <= 0) return;
    this.#waiting.splice(at, 1);
    this.#waiting.unshift(id);
  }

  get waiting(): readonly string[] {
    return this.#waiting;
  }

  #next(): void {
    if (this.#running || this.#cancel || this.#destroyed || this.#waiting.length === 0) return;
    this.#cancel = this.#whenIdle(() => {
      this.#cancel = null;
      const id = this.#waiting.shift();
      if (id === undefined || this.#destroyed) return;
      this.#running = true;
      void this.#open(id)
        .catch(() => {})
        .finally(() => {
          this.#running = false;
          this.#next();
        });
    });
  }

  destroy(): void {
    this.#destroyed = true;
    this.#cancel?.();
    this.#cancel = null;
    this.#waiting = [];
  }
}
