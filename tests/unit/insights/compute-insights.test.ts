import { describe, expect, it } from 'vitest';
import { computeInsights, DEFAULT_EMOTION_LIMIT } from '../../../src/lib/insights/compute-insights';
import { describeMoodOverTime } from '../../../src/lib/insights/describe';
import { moodOverTime } from '../../../src/lib/insights/mood-over-time';
import { tagMood } from '../../../src/lib/insights/tag-mood';
import { topEmotions } from '../../../src/lib/insights/emotions';
import { yearInPixels } from '../../../src/lib/insights/year-in-pixels';
import { addDays, noon } from './fixtures';

const now = new Date('2026-06-30T12:00:00.000Z');

describe('computeInsights', () => {
  it('works on an empty vault', () => {
    const all = computeInsights([], { days: 30, timeZone: 'UTC', now });
    expect(all.moodOverTime.days).toHaveLength(30);
    expect(all.yearInPixels.cells).toHaveLength(365);
    expect(all.topEmotions.emotions).toEqual([]);
    expect(all.tagMood.insights).toEqual([]);
    expect(all.text.moodOverTime).toBe('Over the last 30 days there are no check-ins.');
  });

  it('gives what the single figures give, over one period', () => {
    const entries = Array.from({ length: 120 }, (_, i) =>
      noon(addDays('2026-03-01', i), (i % 9) - 4, (i % 5) - 2, {
        tags: i % 3 ? ['walk'] : [],
        emotions: [`word${i % 14}`],
      }),
    );
    const options = { timeZone: 'Europe/Berlin', now };
    const all = computeInsights(entries, { ...options, days: 90, year: 2026 });
    expect(all.moodOverTime).toEqual(moodOverTime(entries, { ...options, days: 90 }));
    expect(all.yearInPixels).toEqual(yearInPixels(entries, { ...options, year: 2026 }));
    expect(all.topEmotions).toEqual(
      topEmotions(entries, { ...options, days: 90, limit: DEFAULT_EMOTION_LIMIT }),
    );
    expect(all.topEmotions.emotions).toHaveLength(DEFAULT_EMOTION_LIMIT);
    expect(all.tagMood).toEqual(tagMood(entries, { ...options, days: 90 }));
    expect(all.text.moodOverTime).toBe(describeMoodOverTime(all.moodOverTime));
  });
});
