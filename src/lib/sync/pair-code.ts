/**
 * The six-digit pairing code as people read it: "482 193". Apart from pair-crypto.ts so the
 * screens that show it do not bring the pairing cryptography into the first load.
 */
export const formatCode = (code: string): string => `${code.slice(0, 3)} ${code.slice(3)}`;
