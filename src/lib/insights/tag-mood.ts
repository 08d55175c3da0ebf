/**
 * Tags and mood (after Bearable): for each tag, how pleasant and how energetic days *with* it
 * were next to days *without* it. These are side-by-side averages, not causes, and every word
 * here is chosen to say only that ("on days with", never "because" or "improves").
 *
 * - Tags are day-level: a tag is on a day if any entry or check-in that day has it.
 * - Only days with mood data count, and each such day counts once (its mean), however many
 *   check-ins it had.
 * - A tag is compared only with at least MIN_DAYS_WITH_TAG days with it and
 *   MIN_DAYS_WITHOUT_TAG days without: an average of one or two days says nothing.
 * - A difference smaller than ABOUT_THE_SAME_THRESHOLD (between the values as shown, at one
 *   decimal) reads "about the same", so the words always agree with the numbers beside them.
 */
import { resolveIndex, type InsightsSource } from './day-index';
import { formatSigned, roundToTenth } from './format';
import { recordsIn, resolveRange, type DayRange, type RangeOptions } from './period';

export const MIN_DAYS_WITH_TAG = 3;
export const MIN_DAYS_WITHOUT_TAG = 3;
/**
 * Half a point on the −5…+5 scale (5% of its range). People tap whole steps on the grid, so a
 * smaller gap between two averages is within the wobble of a handful of days.
 */
export const ABOUT_THE_SAME_THRESHOLD = 0.5;

export type MoodAxis = 'pleasantness' | 'energy';
export type Direction = 'more' | 'less' | 'about-the-same';

/**
 * A sentence in three parts, so the UI can set the tag in italics without parsing:
 * `{before}<em>{tag}</em>{after}`. `text` is the whole sentence, for plain-text uses.
 */
export interface SentenceParts {
  before: string;
  tag: string;
  after: string;
  text: string;
}

export interface AxisComparison {
  axis: MoodAxis;
  /** Mean of the daily means on days with the tag. */
  withTag: number;
  /** Mean of the daily means on days without it. */
  withoutTag: number;
  /** `withTag − withoutTag`, unrounded. */
  difference: number;
  direction: Direction;
  sentence: SentenceParts;
}

export interface TagMoodInsight {
  tag: string;
  /** Days with mood data that have the tag… */
  daysWith: number;
  /** …and those that do not. */
  daysWithout: number;
  pleasantness: AxisComparison;
  energy: AxisComparison;
  /** The larger of the two absolute differences: the list's sort key. */
  largestDifference: number;
}

export interface TagDayCount {
  tag: string;
  daysWith: number;
  daysWithout: number;
}

export interface TagMood {
  range: DayRange | null;
  /** Days with mood data in the range: what every comparison rests on. */
  daysWithMood: number;
  /** Tags that meet the ≥3 / ≥3 rule, largest difference first, then alphabetical. */
  insights: TagMoodInsight[];
  /** Tags seen on mood days that do not (yet) meet the rule, most days first. */
  notEnoughDays: TagDayCount[];
}

export interface TagMoodOptions extends RangeOptions {
  timeZone?: string;
}

const collator = new Intl.Collator('en');
const byTag = (a: { tag: string }, b: { tag: string }): number =>
  collator.compare(a.tag, b.tag) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);

const PHRASES: Readonly<Record<MoodAxis, Readonly<Record<Direction, string>>>> = {
  pleasantness: {
    more: 'you felt more pleasant',
    less: 'you felt less pleasant',
    'about-the-same': 'pleasantness was about the same',
  },
  energy: {
    more: 'you had more energy',
    less: 'you had less energy',
    'about-the-same': 'energy was about the same',
  },
};

// Rounded values differ by multiples of 0.1, held in binary with a little error.
const EPSILON = 1e-9;

/** Whether `withTag` reads as more, less or about the same as `withoutTag`, as displayed. */
export function directionOf(withTag: number, withoutTag: number): Direction {
  const shown = roundToTenth(withTag) - roundToTenth(withoutTag);
  if (Math.abs(shown) < ABOUT_THE_SAME_THRESHOLD - EPSILON) return 'about-the-same';
  return shown > 0 ? 'more' : 'less';
}

/** "On days with *walk* you felt more pleasant: +1.8 vs −0.2, 14 and 40 days" */
export function tagSentence(
  tag: string,
  axis: MoodAxis,
  withTag: number,
  withoutTag: number,
  daysWith: number,
  daysWithout: number,
): SentenceParts {
  const direction = directionOf(withTag, withoutTag);
  const before = 'On days with ';
  const after =
    ` ${PHRASES[axis][direction]}: ${formatSigned(withTag)} vs ${formatSigned(withoutTag)},` +
    ` ${daysWith} and ${daysWithout} days`;
  return { before, tag, after, text: `${before}${tag}${after}` };
}

function compare(
  tag: string,
  axis: MoodAxis,
  withTag: number,
  withoutTag: number,
  daysWith: number,
  daysWithout: number,
): AxisComparison {
  return {
    axis,
    withTag,
    withoutTag,
    difference: withTag - withoutTag,
    direction: directionOf(withTag, withoutTag),
    sentence: tagSentence(tag, axis, withTag, withoutTag, daysWith, daysWithout),
  };
}

export function tagMood(source: InsightsSource, options: TagMoodOptions = {}): TagMood {
  const index = resolveIndex(source, options.timeZone);
  const range = resolveRange(options, index.timeZone);

  let daysWithMood = 0;
  let totalP = 0;
  let totalE = 0;
  const perTag = new Map<string, { days: number; p: number; e: number }>();
  for (const record of recordsIn(index, range)) {
    const mood = record.mood;
    if (!mood) continue;
    daysWithMood++;
    totalP += mood.pleasantness;
    totalE += mood.energy;
    for (const tag of record.tags) {
      let sums = perTag.get(tag);
      if (!sums) perTag.set(tag, (sums = { days: 0, p: 0, e: 0 }));
      sums.days++;
      sums.p += mood.pleasantness;
      sums.e += mood.energy;
    }
  }

  const insights: TagMoodInsight[] = [];
  const notEnoughDays: TagDayCount[] = [];
  for (const [tag, sums] of perTag) {
    const daysWith = sums.days;
    const daysWithout = daysWithMood - daysWith;
    if (daysWith < MIN_DAYS_WITH_TAG || daysWithout < MIN_DAYS_WITHOUT_TAG) {
      notEnoughDays.push({ tag, daysWith, daysWithout });
      continue;
    }
    const pleasantness = compare(
      tag,
      'pleasantness',
      sums.p / daysWith,
      (totalP - sums.p) / daysWithout,
      daysWith,
      daysWithout,
    );
    const energy = compare(
      tag,
      'energy',
      sums.e / daysWith,
      (totalE - sums.e) / daysWithout,
      daysWith,
      daysWithout,
    );
    insights.push({
      tag,
      daysWith,
      daysWithout,
      pleasantness,
      energy,
      largestDifference: Math.max(Math.abs(pleasantness.difference), Math.abs(energy.difference)),
    });
  }
  // Differences within EPSILON are ties: floating-point noise must not decide the order.
  insights.sort((a, b) => {
    const gap = b.largestDifference - a.largestDifference;
    return Math.abs(gap) > EPSILON ? gap : byTag(a, b);
  });
  notEnoughDays.sort((a, b) => b.daysWith - a.daysWith || byTag(a, b));
  return { range, daysWithMood, insights, notEnoughDays };
}
