/**
 * Caps a string at `max` UTF-16 code units without splitting a surrogate pair: half an emoji
 * would reach other devices as U+FFFD (Yjs encodes UTF-8), and devices would disagree.
 */
export function capText(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
