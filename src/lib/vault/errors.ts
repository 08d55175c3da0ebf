import { CodedError } from '../util/coded-error';

export type VaultErrorCode =
  | 'not-found'
  | 'not-in-trash'
  | 'invalid-mood'
  | 'invalid-date'
  | 'invalid-kind'
  | 'invalid-setting'
  | 'newer-schema';

/** A refusal from a vault intent function: the vault is left exactly as it was. */
export class VaultError extends CodedError<VaultErrorCode> {
  constructor(code: VaultErrorCode, message: string) {
    super('VaultError', code, message);
  }
}
