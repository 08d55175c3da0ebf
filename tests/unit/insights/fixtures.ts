import type { EntrySnapshot } from '../../../src/lib/vault/entries';

let counter = 0;

export interface Moment {
  at: string;
  p?: number;
  e?: number;
  kind?: 'entry' | 'checkin';
  tags?: string[];
  emotions?: string[];
  trashed?: boolean;
  id?: string;
}

/** A vault entry at `at`; a check-in with a mood unless told otherwise. */
export function moment(m: Moment): EntrySnapshot {
  counter++;
  const hasMood = m.p !== undefined && m.e !== undefined;
  return {
    id: m.id ?? `m${String(counter).padStart(6, '0')}`,
    kind: m.kind ?? 'checkin',
    createdAt: m.at,
    updatedAt: m.at,
    body: '',
    mood: hasMood ? { pleasantness: m.p as number, energy: m.e as number } : null,
    emotions: m.emotions ?? [],
    tags: m.tags ?? [],
    trashedAt: m.trashed ? m.at : null,
  };
}

/** A check-in at noon UTC on `day` (YYYY-MM-DD): the same calendar day in UTC and in Europe. */
export function noon(
  day: string,
  p: number,
  e: number,
  extra: Partial<Moment> = {},
): EntrySnapshot {
  return moment({ at: `${day}T12:00:00.000Z`, p, e, ...extra });
}

/** `YYYY-MM-DD` of `day` plus `n` days (UTC calendar arithmetic). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
