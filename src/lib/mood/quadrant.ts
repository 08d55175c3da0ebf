/**
 * The mood grid of the Mood Meter: pleasantness across (−5…+5), energy up (−5…+5). Its four
 * quadrants have names a person recognises. A position exactly on an axis (pleasantness 0 or
 * energy 0) lies between two regions and has no quadrant: calling a neutral moment "pleasant"
 * or "low energy" would be a guess. The one definition for the grid, insights and search.
 */
import type { Mood } from '../vault';

export type Quadrant = 'pleasant-high' | 'pleasant-low' | 'unpleasant-high' | 'unpleasant-low';

export const QUADRANTS: readonly Quadrant[] = [
  'pleasant-high',
  'pleasant-low',
  'unpleasant-high',
  'unpleasant-low',
];

export const QUADRANT_LABEL: Record<Quadrant, string> = {
  'pleasant-high': 'pleasant, high energy',
  'pleasant-low': 'pleasant, low energy',
  'unpleasant-high': 'unpleasant, high energy',
  'unpleasant-low': 'unpleasant, low energy',
};

/** Plain words for a quadrant, used in sentences ("Most days were pleasant and calm."). */
export const QUADRANT_WORDS: Readonly<Record<Quadrant, string>> = {
  'pleasant-high': 'pleasant and energetic',
  'pleasant-low': 'pleasant and calm',
  'unpleasant-high': 'unpleasant and high in energy',
  'unpleasant-low': 'unpleasant and low in energy',
};

/** The quadrant a mood falls in, or null on a centre line (neither side is true). */
export function quadrantOf(mood: Mood | null): Quadrant | null {
  if (!mood || mood.pleasantness === 0 || mood.energy === 0) return null;
  const side = mood.pleasantness > 0 ? 'pleasant' : 'unpleasant';
  return `${side}-${mood.energy > 0 ? 'high' : 'low'}`;
}

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** What a screen reader says for a point: "Pleasantness +2, energy −3: pleasant, low energy". */
export function describeMood(mood: Mood): string {
  const q = quadrantOf(mood);
  const where = q
    ? QUADRANT_LABEL[q]
    : mood.pleasantness === 0 && mood.energy === 0
      ? 'right in the middle'
      : mood.pleasantness === 0
        ? `neither pleasant nor unpleasant, ${mood.energy > 0 ? 'high' : 'low'} energy`
        : `${mood.pleasantness > 0 ? 'pleasant' : 'unpleasant'}, middling energy`;
  return `Pleasantness ${signed(mood.pleasantness)}, energy ${signed(mood.energy)}: ${where}`;
}
