import type { EntrySnapshot } from '../vault';

/**
 * Entries written on this calendar date (month and day, local time) in earlier years, newest
 * year first. 29 February is remembered on 28 February in other years, so it is not lost.
 */
export function onThisDay(entries: readonly EntrySnapshot[], now: Date): EntrySnapshot[] {
  const month = now.getMonth();
  const day = now.getDate();
  const year = now.getFullYear();
  const isLeap = (y: number): boolean => new Date(y, 1, 29).getDate() === 29;
  return entries.filter((e) => {
    if (e.trashedAt) return false;
    const at = new Date(e.createdAt);
    if (at.getFullYear() >= year) return false;
    if (at.getMonth() !== month) return false;
    if (at.getDate() === day) return true;
    // Today is 28 Feb in a non-leap year: a 29 Feb entry belongs here.
    return month === 1 && day === 28 && !isLeap(year) && at.getDate() === 29;
  });
}
