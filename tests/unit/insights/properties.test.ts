import { describe, expect, it } from 'vitest';
import type { EntrySnapshot } from '../../../src/lib/vault/entries';
import { computeInsights } from '../../../src/lib/insights/compute-insights';
import { aggregateDaily, buildDayIndex } from '../../../src/lib/insights/day-index';
import { moodOverTime } from '../../../src/lib/insights/mood-over-time';
import { tagMood } from '../../../src/lib/insights/tag-mood';
import { topEmotions } from '../../../src/lib/insights/emotions';
import { yearInPixels } from '../../../src/lib/insights/year-in-pixels';
import { createPrng, type Prng } from '../../helpers/prng';

const ZONES = ['UTC', 'America/New_York', 'Pacific/Auckland', 'Asia/Kathmandu', 'Europe/London'];
const TAGS = ['walk', 'work', 'friends', 'rain', 'gym', 'family'];
const EMOTIONS = ['calm', 'content', 'drained', 'jittery', 'proud', 'tired'];
const NOW = new Date('2026-06-30T12:00:00.000Z');
const YEAR_MS = 366 * 86_400_000;

function randomVault(random: Prng, size: number): EntrySnapshot[] {
  return Array.from({ length: size }, (_, i) => {
    const at = new Date(NOW.getTime() - Math.floor(random.next() * YEAR_MS)).toISOString();
    const withMood = random.next() < 0.85;
    // Mostly whole steps as the grid gives them, sometimes fractions, sometimes out of range.
    const value = (): number =>
      random.next() < 0.1
        ? (random.next() - 0.5) * 30
        : random.int(-5, 5) + (random.next() < 0.2 ? 0.5 : 0);
    return {
      id: `r${i}`,
      kind: random.next() < 0.8 ? 'checkin' : 'entry',
      createdAt: at,
      updatedAt: at,
      body: '',
      mood: withMood ? { pleasantness: value(), energy: value() } : null,
      emotions: random.shuffle(EMOTIONS).slice(0, random.int(0, 3)),
      tags: random.shuffle(TAGS).slice(0, random.int(0, 2)),
      trashedAt: random.next() < 0.05 ? at : null,
    } satisfies EntrySnapshot;
  });
}

const inRange = (v: number): boolean => v >= -5 && v <= 5;

describe('insights on seeded random vaults', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`keeps means within −5…+5 and makes the counts add up (seed ${seed})`, () => {
      const random = createPrng(seed);
      const timeZone = random.pick(ZONES);
      const entries = randomVault(random, random.int(0, 1500));
      const live = entries.filter((e) => !e.trashedAt);
      const withMood = live.filter((e) => e.mood);
      const index = buildDayIndex(entries, { timeZone });

      const daily = aggregateDaily(index);
      expect(daily.reduce((n, d) => n + d.count, 0)).toBe(withMood.length);
      for (const day of daily) {
        expect(inRange(day.pleasantness) && inRange(day.energy)).toBe(true);
        expect(day.points.length).toBe(day.count);
        expect(day.points.every((p) => p.day === day.day && inRange(p.pleasantness))).toBe(true);
        expect(day.points.every((p) => p.minuteOfDay >= 0 && p.minuteOfDay < 1440)).toBe(true);
        const mean = day.points.reduce((s, p) => s + p.pleasantness, 0) / day.count;
        expect(day.pleasantness).toBeCloseTo(mean, 10);
      }

      const overTime = moodOverTime(index, { days: 365, now: NOW });
      expect(overTime.days).toHaveLength(365);
      expect(overTime.days.filter((d) => d.hasData)).toHaveLength(overTime.daysWithData);
      expect(overTime.days.reduce((n, d) => n + d.count, 0)).toBe(overTime.pointCount);
      if (overTime.average) {
        expect(inRange(overTime.average.pleasantness) && inRange(overTime.average.energy)).toBe(
          true,
        );
      }

      const pixels = yearInPixels(index, { year: 2026 });
      expect(pixels.cells.filter((c) => c.mood).length).toBe(pixels.daysWithData);
      expect(
        pixels.cells.every(
          (c) => !c.mood || (inRange(c.mood.pleasantness) && inRange(c.mood.energy)),
        ),
      ).toBe(true);

      const emotions = topEmotions(index, {});
      expect(emotions.emotions.reduce((n, e) => n + e.count, 0)).toBe(emotions.total);
      expect(emotions.total).toBe(live.reduce((n, e) => n + new Set(e.emotions).size, 0));
      for (let i = 1; i < emotions.emotions.length; i++) {
        const [a, b] = [emotions.emotions[i - 1], emotions.emotions[i]];
        expect(
          (a?.count ?? 0) > (b?.count ?? 0) ||
            (a?.count === b?.count && (a?.emotion ?? '') < (b?.emotion ?? '')),
        ).toBe(true);
      }

      const tags = tagMood(index, {});
      expect(tags.daysWithMood).toBe(daily.length);
      for (const t of [...tags.insights, ...tags.notEnoughDays]) {
        expect(t.daysWith + t.daysWithout).toBe(tags.daysWithMood);
      }
      for (const t of tags.insights) {
        expect(t.daysWith).toBeGreaterThanOrEqual(3);
        expect(t.daysWithout).toBeGreaterThanOrEqual(3);
        for (const axis of [t.pleasantness, t.energy]) {
          expect(inRange(axis.withTag) && inRange(axis.withoutTag)).toBe(true);
          expect(axis.sentence.before + axis.sentence.tag + axis.sentence.after).toBe(
            axis.sentence.text,
          );
        }
      }
      for (let i = 1; i < tags.insights.length; i++) {
        expect((tags.insights[i - 1]?.largestDifference ?? 0) + 1e-9).toBeGreaterThanOrEqual(
          tags.insights[i]?.largestDifference ?? 0,
        );
      }
    });
  }

  it('gives the same answers whatever order the entries come in', () => {
    const random = createPrng(42);
    const entries = randomVault(random, 600);
    const a = computeInsights(entries, { days: 90, timeZone: 'America/New_York', now: NOW });
    const b = computeInsights(random.shuffle(entries), {
      days: 90,
      timeZone: 'America/New_York',
      now: NOW,
    });
    expect(b).toEqual(a);
  });
});
