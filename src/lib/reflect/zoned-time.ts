/**
 * Time-zone arithmetic for replies (quiet hours, "tomorrow at 9"): the shared implementation in
 * ../util/zoned-time.ts, plus checks that speak this module's error language (ReflectError).
 */
import { isKnownTimeZone } from '../util/zoned-time';
import { ReflectError } from './errors';

export {
  addCalendarDays,
  instantAt,
  offsetMsAt,
  wallClockAt,
  wallClockMs,
  type Disambiguation,
  type WallClock,
} from '../util/zoned-time';

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
