/**
 * Checks of the times the reflect layer is given, in its own error language (ReflectError).
 * The time-zone arithmetic itself is ../time/zoned-time.ts.
 */
import { isKnownTimeZone } from '../time/zoned-time';
import { ReflectError } from './errors';

/** Throws a ReflectError unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: unknown): asserts timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new ReflectError(
      'invalid-time-zone',
      'a time zone name such as "Europe/London" is needed',
    );
  }
  if (!isKnownTimeZone(timeZone)) {
    throw new ReflectError('invalid-time-zone', `unknown time zone "${timeZone}"`);
  }
}

export function assertInstant(value: Date, what = 'time'): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new ReflectError('invalid-date', `${what} must be a valid Date`);
  }
}
