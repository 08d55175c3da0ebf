/**
 * Ids derived from content, so that importing the same thing twice names it the same way both
 * times — the reason a second import of a Daylio file, or of a file that caused a conflicted
 * copy, adds nothing.
 */
import { digest } from 'lib0/hash/sha256';

const encoder = new TextEncoder();

/**
 * A UUID-shaped id (version 8, "custom") from the SHA-256 of `namespace` and `parts`. Parts are
 * joined with NUL, which no part can contain ambiguously enough to matter here.
 */
export function stableId(namespace: string, ...parts: readonly string[]): string {
  const hash = digest(encoder.encode([namespace, ...parts].join('\u0000')));
  const bytes = Array.from(hash.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
