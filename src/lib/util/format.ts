/** "1.4 MB", "312 KB": storage sizes as a person reads them (decimal units, like the OS). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = (v: number, u: number): number => (u === 0 || v >= 100 ? 0 : 1);
  // 999,999 bytes must read "1.0 MB", not "1000 KB".
  if (Number(value.toFixed(digits(value, unit))) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(digits(value, unit))} ${units[unit]}`;
}
