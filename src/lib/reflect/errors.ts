import { CodedError } from '../util/coded-error';

export type ReflectErrorCode = 'invalid-time' | 'invalid-time-zone' | 'invalid-date';

/** A refused input to the reflect layer (a bad "HH:MM", an unknown time zone, an invalid date). */
export class ReflectError extends CodedError<ReflectErrorCode> {
  constructor(code: ReflectErrorCode, message: string) {
    super('ReflectError', code, message);
  }
}
