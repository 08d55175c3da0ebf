/**
 * Text alternatives for the charts: one or two calm sentences each, for screen readers and for
 * anyone who would rather read than look. They report; they do not judge, praise, count streaks
 * or point out missed days.
 */
import type { Mood } from '../vault/entries';
import type { TopEmotions } from './emotions';
import { formatDays } from './format';
import type { MoodOverTime } from './mood-over-time';
import type { DayRange } from './period';
import { QUADRANT_WORDS, QUADRANTS, quadrantOf, type Quadrant } from './quadrant';
import type { TagMood } from './tag-mood';
import { MIN_DAYS_WITH_TAG, MIN_DAYS_WITHOUT_TAG } from './tag-mood';
import type { YearInPixels } from './year-in-pixels';

/** "Over the last 30 days", "Today", "In 2026", or "So far" (all time). */
export function periodPhrase(range: DayRange | null): string {
  if (range === null) return 'So far';
  if (range.kind === 'year') return `In ${range.year}`;
  return range.length === 1 ? 'Today' : `Over the last ${range.length} days`;
}

/** Where a position sits on the grid, in words: "pleasant and calm". */
export function describePosition(mood: Mood): string {
  const quadrant = quadrantOf(mood);
  if (quadrant) return QUADRANT_WORDS[quadrant];
  const { pleasantness: p, energy: e } = mood;
  if (p === 0 && e === 0) return 'right in the middle';
  if (p === 0) return `neither pleasant nor unpleasant, with ${e > 0 ? 'high' : 'low'} energy`;
  return `${p > 0 ? 'pleasant' : 'unpleasant'}, with middling energy`;
}

const joinWords = (words: readonly string[]): string =>
  words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;

/** The second sentence: where the days sat on the grid. */
function whereDaysSat(moods: readonly Mood[]): string {
  const [only] = moods;
  if (moods.length === 1 && only) return `That day was ${describePosition(only)}.`;
  const tally = new Map<Quadrant, number>();
  for (const mood of moods) {
    const q = quadrantOf(mood);
    if (q) tally.set(q, (tally.get(q) ?? 0) + 1);
  }
  const top = Math.max(0, ...tally.values());
  if (top === 0) return 'Most days sat on the middle lines of the grid.';
  if (top > moods.length / 2) {
    const q = QUADRANTS.find((x) => tally.get(x) === top) as Quadrant;
    return `Most days were ${QUADRANT_WORDS[q]}.`;
  }
  const leaders = QUADRANTS.filter((q) => tally.get(q) === top).map((q) => QUADRANT_WORDS[q]);
  return `Days were mixed, most often ${leaders.join(' or ')} (${top} of ${moods.length}).`;
}

function describeDays(range: DayRange, moods: readonly Mood[]): string {
  const phrase = periodPhrase(range);
  if (moods.length === 0) return `${phrase} there are no check-ins.`;
  return `${phrase} you checked in on ${formatDays(moods.length)}. ${whereDaysSat(moods)}`;
}

/** "Over the last 30 days you checked in on 18 days. Most days were pleasant and calm." */
export function describeMoodOverTime(figure: MoodOverTime): string {
  const moods: Mood[] = [];
  for (const day of figure.days) {
    if (day.pleasantness !== null && day.energy !== null) {
      moods.push({ pleasantness: day.pleasantness, energy: day.energy });
    }
  }
  return describeDays(figure.range, moods);
}

/** "In 2026 you checked in on 210 days. Days were mixed, most often pleasant and calm (90 of 210)." */
export function describeYearInPixels(figure: YearInPixels): string {
  const moods: Mood[] = [];
  for (const cell of figure.cells) if (cell.mood) moods.push(cell.mood);
  return describeDays(figure.range, moods);
}

/** "Over the last 30 days the words you chose most often were content (9), tired (6) and calm (4)." */
export function describeTopEmotions(figure: TopEmotions, mention = 3): string {
  const phrase = periodPhrase(figure.range);
  const shown = figure.emotions.slice(0, Math.max(1, mention));
  const [first] = shown;
  if (!first) return `${phrase} no emotion words were chosen.`;
  if (shown.length === 1) {
    return `${phrase} the word you chose most often was ${first.emotion} (${first.count}).`;
  }
  const list = joinWords(shown.map((e) => `${e.emotion} (${e.count})`));
  return `${phrase} the words you chose most often were ${list}.`;
}

/**
 * "2 tags compared over 54 days with a mood. On days with walk you felt more pleasant: +1.8 vs
 * −0.2, 14 and 40 days."
 */
export function describeTagMood(figure: TagMood): string {
  const [first] = figure.insights;
  if (!first) {
    return (
      `No tag has enough days to compare: each needs at least ${MIN_DAYS_WITH_TAG} days ` +
      `with it and ${MIN_DAYS_WITHOUT_TAG} without.`
    );
  }
  const count = figure.insights.length;
  const compared = `${count} ${count === 1 ? 'tag' : 'tags'} compared over ${formatDays(figure.daysWithMood)} with a mood.`;
  const axis =
    Math.abs(first.energy.difference) > Math.abs(first.pleasantness.difference)
      ? first.energy
      : first.pleasantness;
  return `${compared} ${axis.sentence.text}.`;
}
