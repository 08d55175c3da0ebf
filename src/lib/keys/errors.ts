import { CodedError } from '../util/coded-error';

export type KeyErrorCode = 'invalid-secret' | 'invalid-kind' | 'invalid-encoding';

/**
 * A refusal from a keys function: a secret of the wrong size, a room kind that does not exist,
 * or text that is not strict base64url. These are programming or storage errors, never a
 * person's typo — pasted invites go through `parseInvite`, which returns errors instead.
 */
export class KeyError extends CodedError<KeyErrorCode> {
  constructor(code: KeyErrorCode, message: string) {
    super('KeyError', code, message);
  }
}
