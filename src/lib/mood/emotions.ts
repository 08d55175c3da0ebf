/**
 * Emotion words, each placed where it sits on the mood grid (pleasantness, energy), after the
 * Mood Meter and How We Feel. Words near the chosen point are offered first, so a strong
 * feeling finds strong words and a mild one finds mild words. At least 15 per quadrant.
 */
import type { Mood } from '../vault';
import { quadrantOf, type Quadrant } from './quadrant';

export interface EmotionWord {
  word: string;
  pleasantness: number;
  energy: number;
}

const w = (word: string, pleasantness: number, energy: number): EmotionWord => ({
  word,
  pleasantness,
  energy,
});

export const EMOTION_WORDS: readonly EmotionWord[] = [
  // Pleasant, high energy
  w('excited', 4, 4),
  w('joyful', 4, 3),
  w('proud', 3, 2),
  w('energised', 3, 4),
  w('inspired', 4, 3),
  w('hopeful', 2, 1),
  w('playful', 3, 3),
  w('thrilled', 5, 5),
  w('motivated', 2, 3),
  w('confident', 3, 2),
  w('amused', 2, 2),
  w('curious', 2, 2),
  w('eager', 2, 3),
  w('optimistic', 3, 1),
  w('focused', 1, 2),
  w('cheerful', 3, 2),
  w('surprised', 1, 4),
  w('connected', 3, 1),
  // Pleasant, low energy
  w('calm', 2, -2),
  w('content', 3, -1),
  w('relaxed', 3, -3),
  w('grateful', 4, -1),
  w('peaceful', 3, -3),
  w('at ease', 2, -2),
  w('cosy', 3, -3),
  w('serene', 4, -4),
  w('relieved', 2, -1),
  w('satisfied', 3, -1),
  w('tender', 2, -2),
  w('safe', 2, -2),
  w('mellow', 1, -3),
  w('rested', 2, -3),
  w('balanced', 1, -1),
  w('loved', 4, -1),
  w('thoughtful', 1, -2),
  w('sleepy', 1, -5),
  // Unpleasant, high energy
  w('anxious', -3, 3),
  w('angry', -4, 4),
  w('stressed', -3, 3),
  w('frustrated', -3, 2),
  w('jittery', -2, 4),
  w('overwhelmed', -4, 3),
  w('irritated', -2, 2),
  w('nervous', -2, 3),
  w('tense', -2, 2),
  w('worried', -3, 2),
  w('restless', -1, 3),
  w('panicked', -5, 5),
  w('annoyed', -2, 1),
  w('furious', -5, 5),
  w('on edge', -3, 3),
  w('resentful', -3, 1),
  w('defensive', -2, 2),
  w('scared', -4, 3),
  // Unpleasant, low energy
  w('sad', -3, -2),
  w('tired', -1, -4),
  w('drained', -3, -4),
  w('lonely', -3, -2),
  w('disappointed', -3, -1),
  w('bored', -1, -2),
  w('down', -2, -2),
  w('discouraged', -3, -2),
  w('numb', -2, -4),
  w('exhausted', -3, -5),
  w('hopeless', -5, -4),
  w('withdrawn', -2, -3),
  w('guilty', -3, -1),
  w('ashamed', -4, -2),
  w('empty', -4, -4),
  w('gloomy', -3, -3),
  w('hurt', -4, -1),
  w('homesick', -2, -2),
];

/** How many words to offer before "More words". */
export const EMOTIONS_OFFERED = 12;

const distance = (a: Mood, b: EmotionWord): number =>
  Math.hypot(a.pleasantness - b.pleasantness, a.energy - b.energy);

/**
 * Words for a point: those of its quadrant (both neighbours' on a centre line), nearest first.
 */
export function wordsFor(mood: Mood): EmotionWord[] {
  const q = quadrantOf(mood);
  const inRegion = (e: EmotionWord): boolean => {
    if (q) return quadrantOf(e) === q;
    const sameP =
      mood.pleasantness === 0 || Math.sign(e.pleasantness) === Math.sign(mood.pleasantness);
    const sameE = mood.energy === 0 || Math.sign(e.energy) === Math.sign(mood.energy);
    return sameP && sameE;
  };
  return EMOTION_WORDS.filter(inRegion).sort(
    (a, b) => distance(mood, a) - distance(mood, b) || a.word.localeCompare(b.word),
  );
}

export function wordsInQuadrant(q: Quadrant): EmotionWord[] {
  return EMOTION_WORDS.filter((e) => quadrantOf(e) === q);
}
