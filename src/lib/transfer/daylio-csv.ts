/**
 * Daylio's CSV export → Mull check-ins.
 *
 * Daylio writes one row per entry, newest first:
 *
 *   full_date,date,weekday,time,mood,activities,note_title,note
 *   2021-09-28,28 September,Tuesday,10:00 pm,good,"reading | friends","","Long walk"
 *
 * Older versions wrote `year,date,weekday,time,mood,activities,note` with dates like "18 May".
 * Times are 24-hour ("22:00") or 12-hour ("10:00 pm") as the phone was set; they are local
 * times with no zone, read in the zone the person says they were in.
 *
 * Daylio has one mood scale of five levels, each with a name the person can change. The CSV
 * holds only the name, so default names are recognised and others need the person to say
 * which level they are (see the mapping table in ./README.md).
 */
import {
  MAX_TAGS_PER_ENTRY,
  MAX_TAG_LENGTH,
  MAX_EMOTION_LENGTH,
  normalizeEmotion,
  normalizeTag,
  type EntrySnapshot,
  type Mood,
} from '../vault';
import { instantAt, isRealWallClock, type WallClock } from '../time/zoned-time';
import type { CsvRecord } from './csv';
import { lineProblem, ProblemList } from './problems';
import { stableId } from './stable-id';

/** Daylio's five mood levels, 5 being the best ("rad"). */
export type DaylioLevel = 1 | 2 | 3 | 4 | 5;

/**
 * Where each level lands on the grid. Daylio records how good a moment felt, not how much
 * energy it had, so energy is 0 ("middling") for all: Mull does not invent the second axis.
 * The top and bottom levels stop at ±4, leaving ±5 for what a person places there themselves.
 */
export const DAYLIO_LEVEL_MOODS: Readonly<Record<DaylioLevel, Mood>> = {
  5: { pleasantness: 4, energy: 0 },
  4: { pleasantness: 2, energy: 0 },
  3: { pleasantness: 0, energy: 0 },
  2: { pleasantness: -2, energy: 0 },
  1: { pleasantness: -4, energy: 0 },
};

/** Daylio's default mood names (English), including "fugly" from its early versions. */
export const DAYLIO_DEFAULT_MOODS: Readonly<Record<string, DaylioLevel>> = {
  rad: 5,
  good: 4,
  meh: 3,
  bad: 2,
  fugly: 2,
  awful: 1,
};

export const isDaylioLevel = (value: unknown): value is DaylioLevel =>
  value === 1 || value === 2 || value === 3 || value === 4 || value === 5;

/** Key for mood names: Daylio pads some with spaces ("sad "), and case is not meaningful. */
export const daylioMoodKey = (name: string): string =>
  name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Namespace of the ids of imported rows; changing it would make old imports look new. */
const ID_NAMESPACE = 'mull/daylio/v1';

interface Columns {
  fullDate: number;
  year: number;
  date: number;
  time: number;
  mood: number;
  activities: number;
  noteTitle: number;
  note: number;
  count: number;
}

/** Where each column is, or null when `fields` is not a Daylio header. */
export function daylioColumns(fields: readonly string[]): Columns | null {
  const names = fields.map((f) => f.trim().toLowerCase());
  const at = (name: string): number => names.indexOf(name);
  const columns: Columns = {
    fullDate: at('full_date'),
    year: at('year'),
    date: at('date'),
    time: at('time'),
    mood: at('mood'),
    activities: at('activities'),
    noteTitle: at('note_title'),
    note: at('note'),
    count: fields.length,
  };
  const hasDate = columns.fullDate >= 0 || (columns.year >= 0 && columns.date >= 0);
  const ok = hasDate && columns.time >= 0 && columns.mood >= 0 && columns.activities >= 0;
  return ok && columns.note >= 0 ? columns : null;
}

export const DAYLIO_HEADER = 'full_date,date,weekday,time,mood,activities,note_title,note';

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

function monthNumber(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]);
  return i + 1;
}

/** `2021-09-28`, or `year` plus `28 September` / `September 28` from older exports. */
function readDate(
  fields: readonly string[],
  columns: Columns,
): { year: number; month: number; day: number } | string {
  if (columns.fullDate >= 0) {
    const raw = (fields[columns.fullDate] ?? '').trim();
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
    if (!m) return `full_date must be a date like 2021-09-28, not "${clip(raw)}"`;
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  const yearRaw = (fields[columns.year] ?? '').trim();
  const raw = (fields[columns.date] ?? '').trim();
  const m = /^(\d{1,2})\s+([A-Za-z]+)\.?$/.exec(raw) ?? /^([A-Za-z]+)\.?\s+(\d{1,2})$/.exec(raw);
  const year = /^\d{4}$/.test(yearRaw) ? Number(yearRaw) : NaN;
  if (!m || Number.isNaN(year)) {
    return `year and date must be like 2018 and "18 May", not "${clip(yearRaw)}" and "${clip(raw)}"`;
  }
  const a = m[1] ?? '';
  const b = m[2] ?? '';
  const day = /^\d/.test(a) ? Number(a) : Number(b);
  const month = monthNumber(/^\d/.test(a) ? b : a);
  if (month === 0) return `date must name a month in English, not "${clip(raw)}"`;
  return { year, month, day };
}

/** `22:15`, `22:15:30`, `10:15 pm`, `10:15 p.m.` */
function readTime(raw: string): { hour: number; minute: number; second: number } | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/i.exec(raw.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const half = m[4]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const clip = (text: string, max = 40): string =>
  text.length > max ? `${text.slice(0, max)}…` : text;

const HTML_TAG = /<\/?(b|strong|i|em|u|s|strike|span|p|div|br|ul|ol|li|h[1-6])(\s[^<>]*)?\/?>/gi;

/**
 * Daylio keeps simple formatting in notes as HTML (`<b>`, `<br>`, lists). Such notes become
 * Markdown; a note without any of those tags is taken exactly as written.
 */
export function daylioNoteToMarkdown(note: string): string {
  HTML_TAG.lastIndex = 0;
  if (!HTML_TAG.test(note)) return note;
  return note
    .replace(HTML_TAG, (tag: string, name: string) => {
      const lower = name.toLowerCase();
      const closing = tag.startsWith('</');
      if (lower === 'br') return '\n';
      if (lower === 'b' || lower === 'strong') return '**';
      if (lower === 'i' || lower === 'em') return '*';
      if (lower === 'li') return closing ? '' : '\n- ';
      if (['p', 'div', 'ul', 'ol'].includes(lower) || lower.startsWith('h')) return '\n';
      return '';
    })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface DaylioOptions {
  /** IANA zone the Daylio times were in. */
  timeZone: string;
  /** Levels for mood names that are not Daylio's defaults (or to override them), by name. */
  moodLevels?: Readonly<Record<string, DaylioLevel>>;
}

export interface DaylioResult {
  entries: EntrySnapshot[];
  errors: ProblemList;
  warnings: ProblemList;
  /** Mood names with no level, and how many rows use each. */
  unknownMoods: Record<string, number>;
}

/**
 * Turns Daylio rows into check-ins, one `add` per data row (the header is given to the
 * constructor), then `finish`. Nothing here touches a vault.
 */
export class DaylioReader {
  readonly #columns: Columns;
  readonly #options: DaylioOptions;
  readonly #levels = new Map<string, DaylioLevel>();
  readonly #occurrences = new Map<string, number>();
  readonly #unknown = new Map<string, { line: number; count: number }>();
  readonly #result: DaylioResult = {
    entries: [],
    errors: new ProblemList(),
    warnings: new ProblemList(),
    unknownMoods: {},
  };

  constructor(columns: Columns, options: DaylioOptions) {
    this.#columns = columns;
    this.#options = options;
    for (const [name, level] of Object.entries(DAYLIO_DEFAULT_MOODS)) this.#levels.set(name, level);
    for (const [name, level] of Object.entries(options.moodLevels ?? {})) {
      if (isDaylioLevel(level)) this.#levels.set(daylioMoodKey(name), level);
    }
  }

  add({ line, fields }: CsvRecord): void {
    const c = this.#columns;
    const { errors, warnings } = this.#result;
    if (fields.length !== c.count) {
      errors.add(lineProblem(line, `expected ${c.count} columns, found ${fields.length}`));
      return;
    }
    const date = readDate(fields, c);
    if (typeof date === 'string') errors.add(lineProblem(line, date));
    const timeRaw = fields[c.time] ?? '';
    const time = readTime(timeRaw);
    if (!time) {
      errors.add(
        lineProblem(line, `time must look like 22:15 or 10:15 pm, not "${clip(timeRaw)}"`),
      );
    }
    const moodRaw = fields[c.mood] ?? '';
    const moodName = daylioMoodKey(moodRaw);
    if (moodName === '') errors.add(lineProblem(line, 'mood is empty'));
    if (typeof date === 'string' || !time || moodName === '') return;

    const wall: WallClock = { ...date, ...time };
    if (!isRealWallClock(wall)) {
      errors.add(
        lineProblem(
          line,
          `the date ${date.year}-${pad2(date.month)}-${pad2(date.day)} does not exist`,
        ),
      );
      return;
    }
    // A time the clocks skipped moves on by the jump; a repeated one is its first occurrence.
    const createdAt = instantAt(wall, this.#options.timeZone).toISOString();

    const level = this.#levels.get(moodName);
    const isDefaultName = moodName in DAYLIO_DEFAULT_MOODS;
    if (level === undefined) {
      const seen = this.#unknown.get(moodName);
      if (seen) seen.count++;
      else this.#unknown.set(moodName, { line, count: 1 });
    }
    const emotion = normalizeEmotion(moodName).slice(0, MAX_EMOTION_LENGTH).trim();

    const activitiesRaw = fields[c.activities] ?? '';
    const activities = activitiesRaw
      .split('|')
      .map((a) => a.trim())
      .filter(Boolean);
    const tags: string[] = [];
    const overflow: string[] = [];
    for (const activity of activities) {
      const tag = normalizeTag(activity);
      if (!tag || tags.includes(tag)) continue;
      if (tags.length >= MAX_TAGS_PER_ENTRY) overflow.push(activity);
      else tags.push(tag);
      if (activity.replace(/^#+/, '').replace(/\s+/g, ' ').length > MAX_TAG_LENGTH) {
        warnings.add(
          lineProblem(
            line,
            `the activity "${clip(activity)}" is shortened to ${MAX_TAG_LENGTH} characters`,
          ),
        );
      }
    }
    if (overflow.length > 0) {
      warnings.add(
        lineProblem(
          line,
          `${activities.length} activities; Mull keeps ${MAX_TAGS_PER_ENTRY} tags per check-in, so the rest are written into the note`,
        ),
      );
    }

    const title = c.noteTitle >= 0 ? daylioNoteToMarkdown(fields[c.noteTitle] ?? '').trim() : '';
    const note = daylioNoteToMarkdown(fields[c.note] ?? '');
    const parts = [
      title && `# ${title}`,
      note,
      overflow.length ? `Activities: ${overflow.join(', ')}` : '',
    ];
    const body = parts.filter(Boolean).join('\n\n');

    // The id comes from the row as written, so the same file gives the same ids every time,
    // whatever zone or mood levels are chosen. Identical rows are told apart by their order.
    const key = [
      fields[c.fullDate] ?? '',
      fields[c.year] ?? '',
      fields[c.date] ?? '',
      timeRaw,
      moodRaw,
      activitiesRaw,
      c.noteTitle >= 0 ? (fields[c.noteTitle] ?? '') : '',
      fields[c.note] ?? '',
    ].join('\u0000');
    const nth = (this.#occurrences.get(key) ?? 0) + 1;
    this.#occurrences.set(key, nth);

    this.#result.entries.push({
      id: stableId(ID_NAMESPACE, key, String(nth)),
      kind: 'checkin',
      createdAt,
      updatedAt: createdAt,
      body,
      mood: level === undefined ? null : { ...DAYLIO_LEVEL_MOODS[level] },
      // A name the person gave a mood is a feeling word worth keeping; "good" or "meh" is not.
      emotions: !isDefaultName && emotion ? [emotion] : [],
      tags,
      trashedAt: null,
    });
  }

  finish(): DaylioResult {
    for (const [name, { line, count }] of this.#unknown) {
      this.#result.unknownMoods[name] = count;
      this.#result.warnings.add(
        lineProblem(
          line,
          `the mood "${clip(name)}" (${count} ${count === 1 ? 'row' : 'rows'}) is not one of Daylio's defaults; ` +
            `without a level those check-ins have no place on the grid and keep "${clip(name)}" as an emotion word`,
        ),
      );
    }
    return this.#result;
  }
}
