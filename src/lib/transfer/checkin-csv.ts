/**
 * Check-ins as CSV, for spreadsheets: one row per check-in, oldest first, with the date and
 * time as the person's clock showed them. Check-ins in the Trash are left out.
 *
 * This file is for looking at, not for backups: it has no ids (so it cannot be merged back
 * without duplicating) and times are to the minute. The JSON export is the faithful copy.
 * `readCheckinCsv` reads it back, which is how the tests prove nothing is mangled on the way.
 */
import { MOOD_MAX, MOOD_MIN, type EntrySnapshot } from '../vault';
import { CSV_NEWLINE, CsvSyntaxError, csvLine, guardFormula, readCsv, unguardFormula } from './csv';
import { snapshotsOf, type ExportSource } from './json-export';
import { lineProblem, ProblemList, type ImportProblem } from './problems';
import { localDateAndTime } from '../time/dates';

export const CHECKIN_CSV_COLUMNS = [
  'date',
  'time',
  'pleasantness',
  'energy',
  'emotions',
  'tags',
  'note',
] as const;

/** Between emotions or tags in one cell; the same separator Daylio uses for activities. */
export const CSV_LIST_SEPARATOR = ' | ';

/**
 * Excel reads a CSV without a byte order mark as the system's legacy code page, mangling every
 * accent and emoji; with one it reads UTF-8. Other tools skip it.
 */
export const CSV_BOM = '\ufeff';

export interface CheckinCsvOptions {
  /** IANA zone for the date and time columns. */
  timeZone: string;
}

/** One row of the CSV, as values. A check-in without a mood has null for both axes. */
export interface CsvCheckin {
  date: string;
  time: string;
  pleasantness: number | null;
  energy: number | null;
  emotions: string[];
  tags: string[];
  note: string;
}

export function checkinToCsvRow(entry: EntrySnapshot, timeZone: string): CsvCheckin {
  const { date, time } = localDateAndTime(entry.createdAt, timeZone);
  return {
    date,
    time,
    pleasantness: entry.mood?.pleasantness ?? null,
    energy: entry.mood?.energy ?? null,
    emotions: [...entry.emotions],
    tags: [...entry.tags],
    note: entry.body,
  };
}

/** The check-ins that go into the CSV, oldest first (ties by id). */
export function csvCheckins(source: ExportSource): EntrySnapshot[] {
  return snapshotsOf(source)
    .filter((e) => e.kind === 'checkin' && e.trashedAt === null)
    .sort((a, b) =>
      a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
}

/** The whole CSV file: byte order mark, header, one CRLF-terminated line per check-in. */
export function exportCheckinCsv(source: ExportSource, { timeZone }: CheckinCsvOptions): string {
  const lines = [csvLine(CHECKIN_CSV_COLUMNS)];
  for (const entry of csvCheckins(source)) {
    const row = checkinToCsvRow(entry, timeZone);
    lines.push(
      csvLine([
        row.date,
        row.time,
        // Numbers are written as numbers ("-3"): a formula guard here would break them.
        row.pleasantness === null ? '' : String(row.pleasantness),
        row.energy === null ? '' : String(row.energy),
        guardFormula(row.emotions.join(CSV_LIST_SEPARATOR)),
        guardFormula(row.tags.join(CSV_LIST_SEPARATOR)),
        guardFormula(row.note),
      ]),
    );
  }
  return CSV_BOM + lines.map((line) => line + CSV_NEWLINE).join('');
}

/** `mull-2026-11-26-check-ins.csv` */
export const checkinCsvFileName = (now: Date): string =>
  `mull-${now.toISOString().slice(0, 10)}-check-ins.csv`;

/** Whether a header row is this file's (so an import can say what it is looking at). */
export const isCheckinCsvHeader = (fields: readonly string[]): boolean =>
  fields.length === CHECKIN_CSV_COLUMNS.length &&
  fields.every((f, i) => f.trim().toLowerCase() === CHECKIN_CSV_COLUMNS[i]);

const splitList = (cell: string): string[] => (cell === '' ? [] : cell.split(CSV_LIST_SEPARATOR));

function readAxis(cell: string, name: string, line: number, problems: ProblemList): number | null {
  if (cell === '') return null;
  const value = Number(cell);
  if (!Number.isFinite(value) || value < MOOD_MIN || value > MOOD_MAX || cell.trim() !== cell) {
    problems.add(lineProblem(line, `${name} must be a number from −${-MOOD_MIN} to ${MOOD_MAX}`));
    return null;
  }
  return value;
}

/** Reads a check-in CSV back into values; problems name the line. */
export function readCheckinCsv(text: string): { checkins: CsvCheckin[]; errors: ImportProblem[] } {
  const problems = new ProblemList();
  const checkins: CsvCheckin[] = [];
  try {
    let header = true;
    for (const { line, fields } of readCsv(text)) {
      if (header) {
        header = false;
        if (!isCheckinCsvHeader(fields)) {
          problems.add(lineProblem(line, `the columns must be ${CHECKIN_CSV_COLUMNS.join(', ')}`));
          break;
        }
        continue;
      }
      if (fields.length !== CHECKIN_CSV_COLUMNS.length) {
        problems.add(
          lineProblem(
            line,
            `expected ${CHECKIN_CSV_COLUMNS.length} columns, found ${fields.length}`,
          ),
        );
        continue;
      }
      const [date = '', time = '', p = '', e = '', emotions = '', tags = '', note = ''] = fields;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        problems.add(lineProblem(line, 'date must be YYYY-MM-DD'));
      if (!/^\d{2}:\d{2}$/.test(time)) problems.add(lineProblem(line, 'time must be HH:MM'));
      checkins.push({
        date,
        time,
        pleasantness: readAxis(p, 'pleasantness', line, problems),
        energy: readAxis(e, 'energy', line, problems),
        emotions: splitList(unguardFormula(emotions)),
        tags: splitList(unguardFormula(tags)),
        note: unguardFormula(note),
      });
    }
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    problems.add(lineProblem(err.line, err.message.replace(/^Line \d+: /, '')));
  }
  return { checkins: problems.count > 0 ? [] : checkins, errors: problems.items };
}
