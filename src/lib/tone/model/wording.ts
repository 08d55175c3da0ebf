/**
 * Wording: how often the draft's words and word pairs appeared in heated rather than calm
 * messages of the training file — a naive-Bayes log-count ratio per word or pair ("for once",
 * "your own", "even", "acting like" lean heated; "can we", "a bit", "tomorrow" lean calm).
 *
 * The rule families know the shapes of heated writing; this knows the everyday words around them
 * that no rule names. It is one feature among the others, with a fitted weight, and its pull
 * towards calm is floored so that friendly words cannot cancel an insult.
 *
 * The table is learned by `learnWording` (run by scripts/tone/eval.ts --fit) and lives in
 * model/weights.ts. Punctuation is left out on purpose: loudness is weighed by signals/loudness.ts,
 * only beside something negative, and "!" here would mostly learn that glad messages use it.
 */
import type { ToneContext } from '../context';
import { YOU_WORDS } from '../lexicon/grammar';
import { reasonFor, type Hit } from '../signal';
import type { Draft } from '../text';

/** A word or pair seen fewer times than this in training is too rare to learn from. */
export const WORDING_MIN_COUNT = 3;
/** Add-alpha smoothing of the counts: rare words stay near 0. */
export const WORDING_SMOOTHING = 2;
/** Entries nearer 0 than this are dropped from the table: they hardly move a score. */
export const WORDING_MIN_WEIGHT = 0.15;
/** The summed log ratios are scaled by this into a feature of the usual size (about −0.5 … 2). */
export const WORDING_SCALE = 0.1;
/** The feature never goes below this: calm words soften, but cannot cancel, a clear sign. */
export const WORDING_FLOOR = -0.1;
/** Nor above this: wording tips a close call, it does not make one. */
export const WORDING_MAX = 2;
/** Messages up to this many sentences are summed as they are; longer ones are scaled down. */
export const WORDING_SENTENCES_UNIT = 3;
/** How many heated-leaning words a reason names. */
const REASON_WORDS = 2;

export type WordingTable = ReadonlyMap<string, number>;

/**
 * Words too common to say anything alone: pronouns, articles, auxiliaries. They still count in
 * pairs ("your own", "you're a"), where they do. Second person on its own is the `aimed`
 * family's to weigh, not this table's.
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  "i me my you your you're yours yourself it it's a an the to of and or in on at for is are was were be been do does did don't this that these those we us our he she they him her them his their with so just not no".split(
    ' ',
  ),
);

/** The words and in-sentence word pairs of a draft, each once. */
export function wordingTerms(draft: Draft): string[] {
  const terms = new Set<string>();
  for (const s of draft.sentences) {
    s.words.forEach((w, i) => {
      if (!FUNCTION_WORDS.has(w)) terms.add(w);
      const next = s.words[i + 1];
      if (next !== undefined) terms.add(`${w} ${next}`);
    });
  }
  return [...terms];
}

export interface WordingSample {
  text: string;
  heated: boolean;
}

/** Learns the table from labelled drafts (deterministic: same samples, same table). */
export function learnWording(
  samples: readonly WordingSample[],
  terms: (text: string) => readonly string[],
): Map<string, number> {
  const heatedCounts = new Map<string, number>();
  const calmCounts = new Map<string, number>();
  let heated = 0;
  let calm = 0;
  for (const s of samples) {
    const counts = s.heated ? heatedCounts : calmCounts;
    if (s.heated) heated++;
    else calm++;
    for (const t of terms(s.text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const a = WORDING_SMOOTHING;
  const table = new Map<string, number>();
  const all = [...new Set([...heatedCounts.keys(), ...calmCounts.keys()])].sort();
  for (const term of all) {
    const h = heatedCounts.get(term) ?? 0;
    const c = calmCounts.get(term) ?? 0;
    if (h + c < WORDING_MIN_COUNT) continue;
    const ratio = Math.log((h + a) / (heated + 2 * a)) - Math.log((c + a) / (calm + 2 * a));
    const rounded = Math.round(ratio * 100) / 100;
    if (Math.abs(rounded) >= WORDING_MIN_WEIGHT) table.set(term, rounded);
  }
  return table;
}

/** The wording feature of a draft: the scaled, floored sum of its terms' log ratios. */
export function wordingScore(
  draft: Draft,
  table: WordingTable,
): { value: number; heatedTerms: string[] } {
  let sum = 0;
  const leaning: Array<[string, number]> = [];
  for (const t of wordingTerms(draft)) {
    const w = table.get(t);
    if (w === undefined) continue;
    sum += w;
    // Reasons quote the writer's words, not "you are": they describe, never accuse.
    if (w > 0 && !t.split(' ').some((x) => YOU_WORDS.has(x))) leaning.push([t, w]);
  }
  leaning.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  // A long message has more words to sum: scale by the square root of its length in sentences
  // past the first few, so a kind letter does not drift heated by word count alone.
  const length = Math.sqrt(Math.max(1, draft.sentences.length / WORDING_SENTENCES_UNIT));
  return {
    value: Math.min(WORDING_MAX, Math.max(WORDING_FLOOR, (sum * WORDING_SCALE) / length)),
    heatedTerms: leaning.slice(0, REASON_WORDS).map(([t]) => t),
  };
}

export function wordingHits(ctx: ToneContext, table: WordingTable): Hit[] {
  const { value, heatedTerms } = wordingScore(ctx.draft, table);
  if (value === 0) return [];
  const reason =
    value > 0 && heatedTerms.length > 0
      ? `${reasonFor('wording')}: ${heatedTerms.map((t) => `'${t}'`).join(', ')}`
      : '';
  return [{ family: 'wording', strength: value, reason, sentence: -1 }];
}
