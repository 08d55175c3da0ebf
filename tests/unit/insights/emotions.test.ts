import { describe, expect, it } from 'vitest';
import { topEmotions } from '../../../src/lib/insights/emotions';
import { moment, noon } from './fixtures';

const now = new Date('2026-06-30T12:00:00.000Z');

describe('topEmotions', () => {
  it('is empty for no data', () => {
    expect(topEmotions([], { timeZone: 'UTC' })).toEqual({ range: null, emotions: [], total: 0 });
  });

  it('counts each word once per entry, most chosen first, ties alphabetical', () => {
    const figure = topEmotions(
      [
        noon('2026-06-01', 1, 1, { emotions: ['tired', 'calm'] }),
        noon('2026-06-02', 1, 1, { emotions: ['calm', 'proud'] }),
        noon('2026-06-02', 1, 1, { emotions: ['tired', 'content'] }),
        moment({ at: '2026-06-03T09:00:00.000Z', kind: 'entry', emotions: ['Proud', 'proud '] }),
        noon('2026-06-04', 1, 1, { emotions: ['anxious'] }),
      ],
      { timeZone: 'UTC' },
    );
    expect(figure.emotions).toEqual([
      { emotion: 'calm', count: 2 },
      { emotion: 'proud', count: 2 },
      { emotion: 'tired', count: 2 },
      { emotion: 'anxious', count: 1 },
      { emotion: 'content', count: 1 },
    ]);
    expect(figure.total).toBe(8);
  });

  it('counts only the chosen period, in local days', () => {
    const figure = topEmotions(
      [
        noon('2026-06-30', 1, 1, { emotions: ['calm'] }),
        noon('2026-06-24', 1, 1, { emotions: ['calm'] }),
        noon('2026-06-23', 1, 1, { emotions: ['drained'] }), // 8 days ago: outside
      ],
      { days: 7, now, timeZone: 'UTC' },
    );
    expect(figure.emotions).toEqual([{ emotion: 'calm', count: 2 }]);
    expect(figure.range?.start).toBe('2026-06-24');
  });

  it('leaves out trashed entries', () => {
    const figure = topEmotions([noon('2026-06-30', 1, 1, { emotions: ['calm'], trashed: true })], {
      timeZone: 'UTC',
    });
    expect(figure.emotions).toEqual([]);
  });

  it('keeps the first few when asked, after sorting', () => {
    const figure = topEmotions(
      [
        noon('2026-06-30', 1, 1, { emotions: ['b', 'a', 'c'] }),
        noon('2026-06-29', 1, 1, { emotions: ['c'] }),
      ],
      { timeZone: 'UTC', limit: 2 },
    );
    expect(figure.emotions.map((e) => e.emotion)).toEqual(['c', 'a']);
    expect(figure.total).toBe(4);
  });

  it('covers a calendar year when given one', () => {
    const figure = topEmotions(
      [
        noon('2025-12-31', 1, 1, { emotions: ['old'] }),
        noon('2026-01-01', 1, 1, { emotions: ['new'] }),
      ],
      { year: 2026, timeZone: 'UTC' },
    );
    expect(figure.emotions).toEqual([{ emotion: 'new', count: 1 }]);
  });

  it('refuses both a number of days and a year', () => {
    expect(() => topEmotions([], { days: 7, year: 2026, timeZone: 'UTC' })).toThrow(RangeError);
  });
});
