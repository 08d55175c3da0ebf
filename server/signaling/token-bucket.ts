/**
 * A token bucket: holds up to `burst` tokens, refills at `ratePerSec`, and each frame takes
 * one. Lazy refill on `take`, so an idle connection costs no timer.
 */
export class TokenBucket {
  #tokens: number;
  #lastMs: number;

  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
    nowMs: number,
  ) {
    this.#tokens = burst;
    this.#lastMs = nowMs;
  }

  /** Takes one token if there is one; false means the caller is over its rate. */
  take(nowMs: number): boolean {
    const elapsedMs = Math.max(0, nowMs - this.#lastMs);
    this.#lastMs = nowMs;
    this.#tokens = Math.min(this.burst, this.#tokens + (elapsedMs * this.ratePerSec) / 1000);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
