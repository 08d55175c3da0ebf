export type VaultErrorCode =
  | 'not-found'
  | 'not-in-trash'
  | 'invalid-mood'
  | 'invalid-date'
  | 'invalid-kind'
  | 'invalid-setting'
  | 'newer-schema';

/** A refusal from a vault intent function: the vault is left exactly as it was. */
export class VaultError extends Error {
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}
