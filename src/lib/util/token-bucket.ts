/**
 * A token bucket: holds up to `burst` tokens, refills at `ratePerSec`, and each take costs
 * `cost` tokens (one by default: one signaling frame; a byte count for update bytes). Lazy
 * refill on `take`, so an idle connection costs no timer. Shared by the signaling server
 * (frames per connection) and sync/room-budget.ts (a contact's updates and bytes).
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

  /** Takes `cost` tokens if there are that many; false (nothing taken) means over the rate. */
  take(nowMs: number, cost = 1): boolean {
    const elapsedMs = Math.max(0, nowMs - this.#lastMs);
    this.#lastMs = nowMs;
    this.#tokens = Math.min(this.burst, this.#tokens + (elapsedMs * this.ratePerSec) / 1000);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
