/**
 * A refusal that says which one it is: `code` comes from a closed list per layer (KeyError,
 * ReflectError, VaultError), so callers branch on the code and never parse the message. The
 * name is passed in, not read from the class, because a minified build renames classes.
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;

  constructor(name: string, code: Code, message: string) {
    super(message);
    this.name = name;
    this.code = code;
  }
}
