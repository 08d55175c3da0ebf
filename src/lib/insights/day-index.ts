/**
 * The one pass over the vault that every figure reads from: entries grouped by the person's
 * local calendar day, with each day's mood points, mean, tags and emotion words.
 *
 * Rules (see README.md):
 * - Trashed entries are left out.
 * - A mood point is any entry with a mood — a check-in, or an ordinary entry where the person
 *   also set a mood. Both are the person saying how they felt at that moment.
 * - A mood value outside −5…+5 (only a buggy or hostile peer could write one) is clamped into it;
 *   a value that is not a finite number means the entry has no mood.
 * - Tags and emotion words count from every entry that day, with or without a mood.
 * - An entry whose `createdAt` is not a date is left out.
 */
import type { EntryKind } from '../vault/schema';
import type { EntrySnapshot, Mood } from '../vault/entries';
import { MOOD_MAX, MOOD_MIN } from '../vault/schema';
import { normalizeTag } from '../vault/tags';
import { dayKeyFromNumber } from '../time/calendar';
import { zoneClock } from '../time/zoned-time';

/** One moment a person said how they felt. */
export interface MoodPoint {
  entryId: string;
  kind: EntryKind;
  /** The instant, as stored (ISO-8601 UTC). */
  at: string;
  /** Local day, `YYYY-MM-DD`. */
  day: string;
  /** Minutes since local midnight on the wall clock (0 ≤ m < 1440): the x of a time-of-day dot. */
  minuteOfDay: number;
  /** Local wall-clock time, `HH:MM` (24-hour). */
  time: string;
  pleasantness: number;
  energy: number;
}

/** One local day with at least one mood point. */
export interface DayMood {
  /** `YYYY-MM-DD` in the person's time zone. */
  day: string;
  /** Mean of the day's points; every point counts equally. */
  pleasantness: number;
  energy: number;
  /** How many mood points (check-ins and entries with a mood) the day has. */
  count: number;
  /** The day's points, earliest first. */
  points: readonly MoodPoint[];
}

/** Everything known about one local day. */
export interface DayRecord {
  day: string;
  dayNumber: number;
  /** The mean position, or null when nothing that day has a mood. */
  mood: Mood | null;
  points: readonly MoodPoint[];
  /** Tags on any entry or check-in that day (day-level: present or not). */
  tags: ReadonlySet<string>;
  /** Every emotion word chosen that day, once per entry that chose it. */
  emotions: readonly string[];
}

export interface DayIndex {
  readonly timeZone: string;
  /** Keyed by day number (../time/calendar.ts); only days with at least one entry are present. */
  readonly days: ReadonlyMap<number, DayRecord>;
}

export interface IndexOptions {
  /** IANA zone that decides where a day begins and ends; default: the device's zone. */
  timeZone?: string;
}

/** Either entries (indexed on the spot) or an index built once with `buildDayIndex`. */
export type InsightsSource = readonly EntrySnapshot[] | DayIndex;

const clampMood = (v: number): number => Math.min(MOOD_MAX, Math.max(MOOD_MIN, v));
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

interface MutableDay {
  dayNumber: number;
  /** With the instant in ms: ISO strings with and without milliseconds do not sort as text. */
  points: { ms: number; point: MoodPoint }[];
  tags: Set<string>;
  emotions: string[];
}

/** Groups entries by local day once; every figure can then be read from the result cheaply. */
export function buildDayIndex(
  entries: readonly EntrySnapshot[],
  options: IndexOptions = {},
): DayIndex {
  const clock = zoneClock(options.timeZone);
  const building = new Map<number, MutableDay>();
  // Vault data is already normalised; memoising keeps the defensive pass nearly free.
  const tagNames = new Map<string, string>();
  const emotionNames = new Map<string, string>();

  for (const entry of entries) {
    if (entry.trashedAt) continue;
    const ms = Date.parse(entry.createdAt);
    if (!Number.isFinite(ms)) continue;
    const { dayNumber, minuteOfDay } = clock.dayAndMinute(ms);
    let day = building.get(dayNumber);
    if (!day) {
      day = { dayNumber, points: [], tags: new Set(), emotions: [] };
      building.set(dayNumber, day);
    }

    for (const raw of entry.tags) {
      let tag = tagNames.get(raw);
      if (tag === undefined) tagNames.set(raw, (tag = normalizeTag(raw)));
      if (tag) day.tags.add(tag);
    }
    const seen = new Set<string>();
    for (const raw of entry.emotions) {
      let word = emotionNames.get(raw);
      if (word === undefined) emotionNames.set(raw, (word = raw.trim().toLowerCase()));
      if (word && !seen.has(word)) {
        seen.add(word);
        day.emotions.push(word);
      }
    }

    const mood = entry.mood;
    if (mood && Number.isFinite(mood.pleasantness) && Number.isFinite(mood.energy)) {
      const hour = Math.floor(minuteOfDay / 60);
      const minute = Math.floor(minuteOfDay % 60);
      day.points.push({
        ms,
        point: {
          entryId: entry.id,
          kind: entry.kind,
          at: entry.createdAt,
          day: '', // filled in below, once per day rather than once per point
          minuteOfDay,
          time: `${pad2(hour)}:${pad2(minute)}`,
          pleasantness: clampMood(mood.pleasantness),
          energy: clampMood(mood.energy),
        },
      });
    }
  }

  const days = new Map<number, DayRecord>();
  for (const day of [...building.values()].sort((a, b) => a.dayNumber - b.dayNumber)) {
    const key = dayKeyFromNumber(day.dayNumber);
    // Earliest first; entries with the same instant keep a stable order by id.
    day.points.sort((a, b) => a.ms - b.ms || (a.point.entryId < b.point.entryId ? -1 : 1));
    const points = day.points.map(({ point }) => point);
    let p = 0;
    let e = 0;
    for (const point of points) {
      point.day = key;
      p += point.pleasantness;
      e += point.energy;
    }
    const n = points.length;
    days.set(day.dayNumber, {
      day: key,
      dayNumber: day.dayNumber,
      mood: n === 0 ? null : { pleasantness: p / n, energy: e / n },
      points,
      tags: day.tags,
      emotions: day.emotions,
    });
  }
  return { timeZone: clock.timeZone, days };
}

/**
 * The index for `source`: built from entries, or the given index after checking it was built
 * for the same zone (a mismatch is a bug that would silently shift every day boundary).
 */
export function resolveIndex(source: InsightsSource, timeZone: string | undefined): DayIndex {
  if (isDayIndex(source)) {
    if (timeZone !== undefined && timeZone !== source.timeZone) {
      throw new RangeError(
        `This index was built for ${source.timeZone}, not ${timeZone}; build it again.`,
      );
    }
    return source;
  }
  return buildDayIndex(source, { timeZone });
}

function isDayIndex(source: InsightsSource): source is DayIndex {
  return !Array.isArray(source);
}

/** The day's figures, or null when it has no mood points. */
export function toDayMood(record: DayRecord | undefined): DayMood | null {
  if (!record?.mood) return null;
  return {
    day: record.day,
    pleasantness: record.mood.pleasantness,
    energy: record.mood.energy,
    count: record.points.length,
    points: record.points,
  };
}

/** 1. Daily aggregation: every local day with a mood point, oldest first. */
export function aggregateDaily(source: InsightsSource, options: IndexOptions = {}): DayMood[] {
  const out: DayMood[] = [];
  for (const record of resolveIndex(source, options.timeZone).days.values()) {
    const day = toDayMood(record);
    if (day) out.push(day);
  }
  return out;
}
