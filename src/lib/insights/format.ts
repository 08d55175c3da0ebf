/** Numbers as the insights show them. */

/** U+2212, the real minus sign: a hyphen reads badly next to "+" and screen readers say "dash". */
export const MINUS_SIGN = '\u2212';

/** Rounds half away from zero, so −0.25 and +0.25 show as −0.3 and +0.3 alike. */
export function roundToTenth(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;
}

/**
 * One decimal, with a sign: "+1.8", "−0.2", "0.0". A value that rounds to zero is "0.0", never
 * "−0.0" or "+0.0".
 */
export function formatSigned(value: number): string {
  const rounded = roundToTenth(value);
  if (rounded === 0) return '0.0';
  const digits = Math.abs(rounded).toFixed(1);
  return rounded > 0 ? `+${digits}` : `${MINUS_SIGN}${digits}`;
}

/** "1 day", "14 days". */
export function formatDays(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}
