/**
 * The four regions of the mood grid (pleasantness across, energy up), as in the Mood Meter.
 * A position exactly on an axis (pleasantness 0 or energy 0) lies between two regions and has
 * no quadrant: calling a neutral day "pleasant" or "low energy" would be a guess.
 */
import type { Mood } from '../vault/entries';

export type Quadrant = 'pleasant-high' | 'pleasant-low' | 'unpleasant-high' | 'unpleasant-low';

export const QUADRANTS: readonly Quadrant[] = [
  'pleasant-high',
  'pleasant-low',
  'unpleasant-high',
  'unpleasant-low',
];

/** Plain words for a quadrant, used in sentences ("Most days were pleasant and calm."). */
export const QUADRANT_WORDS: Readonly<Record<Quadrant, string>> = {
  'pleasant-high': 'pleasant and energetic',
  'pleasant-low': 'pleasant and calm',
  'unpleasant-high': 'unpleasant and high in energy',
  'unpleasant-low': 'unpleasant and low in energy',
};

export function quadrantOf(mood: Mood | null): Quadrant | null {
  if (!mood || mood.pleasantness === 0 || mood.energy === 0) return null;
  if (mood.pleasantness > 0) return mood.energy > 0 ? 'pleasant-high' : 'pleasant-low';
  return mood.energy > 0 ? 'unpleasant-high' : 'unpleasant-low';
}
