/**
 * What the signaling server writes to its log: one line per connect, disconnect or refusal,
 * with a counter id and a salted hash of the client's address. Never a topic (a room name),
 * never a byte of a frame, never a whole address.
 */
import { createHash, randomBytes } from 'node:crypto';

export type SignalLog = (line: string) => void;

export const consoleLog: SignalLog = (line) => console.log(line);

// A fresh salt per process: lines of one run can be matched up, but a hash cannot be turned
// back into an address by trying all 2^32 IPv4 addresses offline against another run's logs.
const SALT = randomBytes(16);

/** 8 hex characters that stand for an address in this process's logs. */
export function hashAddress(address: string): string {
  return createHash('sha256').update(SALT).update(address).digest('hex').slice(0, 8);
}

/**
 * Refusals come in floods; this logs at most one line per key per interval and says how many
 * were left out.
 */
export function throttleByKey(
  log: SignalLog,
  intervalMs = 1000,
): (key: string, line: string) => void {
  const lastAt = new Map<string, number>();
  const skipped = new Map<string, number>();
  return (key, line) => {
    const now = Date.now();
    const last = lastAt.get(key);
    if (last !== undefined && now - last < intervalMs) {
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
      return;
    }
    lastAt.set(key, now);
    const count = skipped.get(key) ?? 0;
    skipped.delete(key);
    log(count > 0 ? `${line} (+${count} not logged)` : line);
  };
}
