import { afterAll, beforeAll } from 'vitest';

/**
 * Runs the enclosing suite with this process's local time zone set to `zone`, and puts the
 * previous one back after it. Node applies a changed `TZ` at once; tests in the suite may set
 * `process.env.TZ` again, and the suite's end still restores what was there before it.
 */
export function inTimeZone(zone: string): void {
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.TZ;
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });
}
