/**
 * The on-device tone check: does a draft read as heated? It is a gentle note beside the draft,
 * never a block — nothing here stops a message, and the person always decides.
 *
 * How it decides (README.md has the table):
 *
 *   strong signals   (weight ≥ 1: an insult aimed at "you", "shut up", "or we're done" …)
 *   + max(0, weak signals − signs of care)
 *   ≥ HEATED_THRESHOLD  →  heated
 *
 * Weak signals are the milder patterns, negative words (AFINN), and loudness (capitals, "!!!",
 * swearing, clipped sentences) — loudness only beside something negative, so excitement in
 * capitals stays calm. Signs of care (apologies, thanks, "can we talk") soften weak signals only.
 */
import { repairKindsIn } from './tone-repair';
import {
  contrastSignals,
  insultSignals,
  loudnessSignals,
  patternSignals,
  scareQuoteSignals,
  wordSignals,
  type Signal,
} from './tone-signals';
import { prepareText, splitSentences, type Sentence } from './tone-text';
import { valenceOf, type Valence } from './tone-valence';

export interface ToneCheck {
  /** True when the draft reads as heated: worth a gentle note, never a block. */
  heated: boolean;
  /** 0 when nothing was noticed; HEATED_THRESHOLD or more reads as heated. Two decimals. */
  score: number;
  /** What was noticed, strongest first, in plain words ("insult: 'pathetic'", "all capitals"). */
  reasons: string[];
}

/** A score at or above this reads as heated: one strong signal, or several weak ones together. */
export const HEATED_THRESHOLD = 1;
/** Each kind of care shown (an apology, thanks, a gentle request …) takes this off weak signals. */
export const REPAIR_WEIGHT = 0.4;
export const REPAIR_MAX_WEIGHT = 1;
/**
 * Only the first this many characters are read: a letter-length draft is still checked in a few
 * milliseconds, and a pasted book cannot stall typing.
 */
export const MAX_CHECKED_CHARS = 20_000;

export function checkTone(text: string): ToneCheck {
  const original = text.slice(0, MAX_CHECKED_CHARS);
  const { text: prepared, unquoted, quotes } = prepareText(original);
  const sentences = splitSentences(prepared);
  const valences = new Map<Sentence, Valence>();
  const valence = (s: Sentence): Valence => {
    let v = valences.get(s);
    if (!v) valences.set(s, (v = valenceOf(s.text)));
    return v;
  };

  const words = wordSignals(sentences);
  const hostile = [
    ...patternSignals(prepared, sentences, valence),
    ...insultSignals(sentences),
    ...contrastSignals(sentences),
    ...scareQuoteSignals(quotes, sentences, valence),
  ];
  const aimed = hostile.length > 0 || words.some((s) => s.reason.startsWith('harsh'));
  const loud = loudnessSignals(unquoted, prepared, sentences, valence, aimed);
  const signals = [...hostile, ...words, ...loud];

  const strong = sum(signals.filter((s) => s.weight >= HEATED_THRESHOLD));
  const weak = sum(signals.filter((s) => s.weight < HEATED_THRESHOLD));
  const repair = Math.min(REPAIR_MAX_WEIGHT, repairKindsIn(prepared).length * REPAIR_WEIGHT);
  const score = Math.round((strong + Math.max(0, weak - repair)) * 100) / 100;

  const byWeight = [...signals].sort((a, b) => b.weight - a.weight);
  return {
    heated: score >= HEATED_THRESHOLD,
    score,
    reasons: [...new Set(byWeight.map((s) => s.reason))],
  };
}

const sum = (signals: readonly Signal[]): number => signals.reduce((t, s) => t + s.weight, 0);
