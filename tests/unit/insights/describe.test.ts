import { describe, expect, it } from 'vitest';
import {
  describeMoodOverTime,
  describePosition,
  describeTagMood,
  describeTopEmotions,
  describeYearInPixels,
  periodPhrase,
} from '../../../src/lib/insights/describe';
import { topEmotions } from '../../../src/lib/insights/emotions';
import { moodOverTime } from '../../../src/lib/insights/mood-over-time';
import { tagMood } from '../../../src/lib/insights/tag-mood';
import { yearInPixels } from '../../../src/lib/insights/year-in-pixels';
import { addDays, noon } from './fixtures';

const now = new Date('2026-06-30T12:00:00.000Z');
const opts = { timeZone: 'UTC', now };
/** Words that judge, praise, scold or count streaks; none belongs in a description. */
const JUDGEMENT =
  /streak|in a row|missed|only|great|good job|well done|bad|should|keep it up|congrat|!|because|improve/i;

describe('describeMoodOverTime', () => {
  it('says calmly that there is nothing yet', () => {
    const text = describeMoodOverTime(moodOverTime([], { ...opts, days: 30 }));
    expect(text).toBe('Over the last 30 days there are no check-ins.');
  });

  it('describes a single day', () => {
    const text = describeMoodOverTime(
      moodOverTime([noon('2026-06-29', 2, -3)], { ...opts, days: 7 }),
    );
    expect(text).toBe(
      'Over the last 7 days you checked in on 1 day. That day was pleasant and calm.',
    );
  });

  it('says "most days" when more than half share a quadrant', () => {
    const entries = [
      ...Array.from({ length: 12 }, (_, i) => noon(addDays('2026-06-01', i), 2, -2)),
      ...Array.from({ length: 6 }, (_, i) => noon(addDays('2026-06-20', i), -2, 3)),
    ];
    expect(describeMoodOverTime(moodOverTime(entries, { ...opts, days: 30 }))).toBe(
      'Over the last 30 days you checked in on 18 days. Most days were pleasant and calm.',
    );
  });

  it('says days were mixed when no quadrant has more than half', () => {
    const entries = [
      noon('2026-06-25', 2, 2),
      noon('2026-06-26', 2, 2),
      noon('2026-06-27', -2, -2),
      noon('2026-06-28', -2, -2),
      noon('2026-06-29', 0, 3),
    ];
    expect(describeMoodOverTime(moodOverTime(entries, { ...opts, days: 7 }))).toBe(
      'Over the last 7 days you checked in on 5 days. Days were mixed, most often ' +
        'pleasant and energetic or unpleasant and low in energy (2 of 5).',
    );
  });
});

describe('describeYearInPixels', () => {
  it('names the year', () => {
    const text = describeYearInPixels(
      yearInPixels([noon('2026-03-01', -1, 4), noon('2026-03-02', -2, 1)], {
        year: 2026,
        timeZone: 'UTC',
      }),
    );
    expect(text).toBe(
      'In 2026 you checked in on 2 days. Most days were unpleasant and high in energy.',
    );
  });

  it('says so when a year has no check-ins', () => {
    expect(describeYearInPixels(yearInPixels([], { year: 2024, timeZone: 'UTC' }))).toBe(
      'In 2024 there are no check-ins.',
    );
  });
});

describe('describeTopEmotions', () => {
  it('lists the most chosen words with their counts', () => {
    const entries = [
      noon('2026-06-28', 1, 1, { emotions: ['content', 'tired'] }),
      noon('2026-06-29', 1, 1, { emotions: ['content', 'calm'] }),
      noon('2026-06-30', 1, 1, { emotions: ['content', 'tired', 'proud'] }),
    ];
    expect(describeTopEmotions(topEmotions(entries, { ...opts, days: 30 }))).toBe(
      'Over the last 30 days the words you chose most often were content (3), tired (2) and calm (1).',
    );
    expect(describeTopEmotions(topEmotions(entries, { ...opts, days: 30 }), 1)).toBe(
      'Over the last 30 days the word you chose most often was content (3).',
    );
  });

  it('says so when no words were chosen', () => {
    expect(describeTopEmotions(topEmotions([], { ...opts, days: 7 }))).toBe(
      'Over the last 7 days no emotion words were chosen.',
    );
  });
});

describe('describeTagMood', () => {
  it('explains the rule when no tag can be compared', () => {
    expect(describeTagMood(tagMood([], opts))).toBe(
      'No tag has enough days to compare: each needs at least 3 days with it and 3 without.',
    );
  });

  it('gives the count and the largest difference in plain words', () => {
    const entries = [
      ...Array.from({ length: 3 }, (_, i) => noon(addDays('2026-06-01', i), 0, 0)),
      ...Array.from({ length: 3 }, (_, i) =>
        noon(addDays('2026-06-10', i), 0.5, -2, { tags: ['late night'] }),
      ),
    ];
    expect(describeTagMood(tagMood(entries, opts))).toBe(
      '1 tag compared over 6 days with a mood. ' +
        'On days with late night you had less energy: \u22122.0 vs 0.0, 3 and 3 days.',
    );
  });
});

describe('text alternatives in general', () => {
  it('never judge or count streaks', () => {
    const entries = Array.from({ length: 40 }, (_, i) =>
      noon(addDays('2026-05-20', i), (i % 11) - 5, (i % 7) - 3, {
        tags: i % 2 ? ['walk'] : ['work'],
        emotions: ['calm'],
      }),
    );
    const texts = [
      describeMoodOverTime(moodOverTime(entries, { ...opts, days: 30 })),
      describeMoodOverTime(moodOverTime([], { ...opts, days: 30 })),
      describeYearInPixels(yearInPixels(entries, { year: 2026, timeZone: 'UTC' })),
      describeTopEmotions(topEmotions(entries, { ...opts, days: 30 })),
      describeTagMood(tagMood(entries, opts)),
      describeTagMood(tagMood([], opts)),
    ];
    for (const text of texts) expect(text).not.toMatch(JUDGEMENT);
  });

  it('phrase periods plainly', () => {
    expect(periodPhrase(null)).toBe('So far');
    expect(periodPhrase(moodOverTime([], { ...opts, days: 1 }).range)).toBe('Today');
    expect(periodPhrase(moodOverTime([], { ...opts, days: 90 }).range)).toBe(
      'Over the last 90 days',
    );
  });

  it.each([
    [{ pleasantness: 0, energy: 0 }, 'right in the middle'],
    [{ pleasantness: 0, energy: 2 }, 'neither pleasant nor unpleasant, with high energy'],
    [{ pleasantness: 0, energy: -2 }, 'neither pleasant nor unpleasant, with low energy'],
    [{ pleasantness: 3, energy: 0 }, 'pleasant, with middling energy'],
    [{ pleasantness: -3, energy: 0 }, 'unpleasant, with middling energy'],
    [{ pleasantness: 1, energy: 1 }, 'pleasant and energetic'],
  ])('places %o as "%s"', (mood, words) => {
    expect(describePosition(mood)).toBe(words);
  });
});
