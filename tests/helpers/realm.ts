/**
 * Under vitest's jsdom environment, values read back from fake-indexeddb are cloned with Node's
 * own `structuredClone`, so a stored Uint8Array comes back from another realm and fails
 * `instanceof Uint8Array` in test code and in the code under test. Browsers never do this.
 * This makes `instanceof Uint8Array` recognise such arrays for the duration of a test.
 */
export function acceptForeignUint8Arrays(): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(Uint8Array, Symbol.hasInstance);
  Object.defineProperty(Uint8Array, Symbol.hasInstance, {
    configurable: true,
    value: (value: unknown): boolean =>
      ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]',
  });
  return () => {
    if (descriptor) Object.defineProperty(Uint8Array, Symbol.hasInstance, descriptor);
    else delete (Uint8Array as unknown as Record<symbol, unknown>)[Symbol.hasInstance];
  };
}
