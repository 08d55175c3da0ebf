import { describe, expect, it } from 'vitest';
import { TopK } from '../../../src/lib/search/top-k';
import { createPrng } from '../../helpers/prng';

describe('TopK', () => {
  const byScoreThenName = (a: string, as: number, b: string, bs: number): number =>
    bs - as || (a < b ? -1 : a > b ? 1 : 0);

  it.each([0, 1, 7, 50, 500])('keeps the same best %i as a full sort would', (k) => {
    const prng = createPrng(k + 1);
    const items = Array.from({ length: 300 }, (_, i) => ({
      name: `n${i}`,
      score: prng.int(0, 40),
    }));
    const top = new TopK<string>(k, byScoreThenName);
    for (const item of items) top.offer(item.name, item.score);
    const expected = [...items]
      .sort((a, b) => byScoreThenName(a.name, a.score, b.name, b.score))
      .slice(0, k)
      .map((i) => i.name);
    expect(top.take().map((t) => t.item)).toEqual(expected);
    expect(top.count).toBe(300);
  });

  it('returns scores alongside items', () => {
    const top = new TopK<string>(2, byScoreThenName);
    top.offer('low', 1);
    top.offer('high', 9);
    top.offer('mid', 5);
    expect(top.take()).toEqual([
      { item: 'high', score: 9 },
      { item: 'mid', score: 5 },
    ]);
  });
});
