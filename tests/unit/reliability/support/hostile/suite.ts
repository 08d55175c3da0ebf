/** What every hostile-bytes suite implements, and small helpers they share. */

export interface Outcome {
  /** refused: rejected and reported; ignored: dropped harmlessly; accepted: taken as valid. */
  verdict: 'refused' | 'ignored' | 'accepted';
  /** Something that must never happen: an exception escaping, stored data changed… */
  crash?: string;
  damage?: string;
  /** Worth counting, not a failure (e.g. "refused by Yjs"). */
  note?: string;
}

export interface HostileSuite {
  setup(seed: number): Promise<void>;
  /** Tries input `index` (a pure function of the seed and the index). */
  run(index: number): Promise<Outcome>;
  /** Checks that need every input done; returns problems found. */
  finish(): Promise<string[]>;
}

/** Lets queued events (data-channel messages, IndexedDB requests, timers due now) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

let uuids = 0;

/**
 * Runs `fn` with the clock stopped at `ms` and `crypto.randomUUID` counting, so what it builds
 * (ids, timestamps) is byte for byte the same on every run.
 */
export function withFixedClock<T>(ms: number, fn: () => T): T {
  const RealDate = Date;
  const randomUUID = crypto.randomUUID.bind(crypto);
  crypto.randomUUID = () =>
    `00000000-0000-4000-8000-${(uuids++).toString(16).padStart(12, '0')}` as ReturnType<
      typeof crypto.randomUUID
    >;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(ms);
      else super(...(args as [string]));
    }
    static override now(): number {
      return ms;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
    crypto.randomUUID = randomUUID;
  }
}
