/**
 * Context for the other signals, weak on its own:
 *
 *   edge    exasperated words in a sentence about the reader or with a harsh word
 *           ("seriously", "literally", "clearly", "even", "again", "unbelievable", "ugh")
 *   aimed   the reader is the one acting ("you …", "your …") in a sentence with no care in it
 *
 * Heated messages are mostly about "you" and full of edge; calm ones about a day, a plan or a
 * feeling. Neither is heat, but the fitted weights learn how much they add to other signs.
 */
import type { ToneContext } from '../context';
import { reasonFor, type Hit } from '../signal';

/** Each edgy word adds this much; each aimed sentence this much. */
export const EDGE_STRENGTH = 0.3;
export const AIMED_STRENGTH = 0.3;
/** Edgy words counted per sentence, at most. */
export const EDGE_MAX_WORDS = 2;

export const EDGE_WORDS: ReadonlySet<string> = new Set([
  'seriously',
  'honestly',
  'literally',
  'clearly',
  'obviously',
  'actually',
  'unbelievable',
  'ugh',
  'ffs',
  'omg',
  'jesus',
  'god',
  'christ',
  'even',
  'again',
  'still',
  'ever',
  'whatever',
  'anyway',
  'anyways',
  'already',
  'bloody',
  'goddamn',
  'wow',
  'pfft',
  'unreal',
  'incredible',
  'typical',
  'apparently',
  'supposedly',
  'exactly',
  'enough',
  'once',
]);

export function edgeHits(ctx: ToneContext, care: readonly Hit[]): Hit[] {
  const cared = new Set(care.filter((h) => h.family !== 'warmth').map((h) => h.sentence));
  const hits: Hit[] = [];
  let aimedAt = -1;
  ctx.draft.sentences.forEach((s, i) => {
    if (cared.has(i)) return;
    const pointed = ctx.youAct[i] === true || (ctx.valence[i]?.harsh ?? 0) > 0;
    const edgy = s.words.filter((w) => EDGE_WORDS.has(w));
    if (pointed && edgy.length > 0) {
      hits.push({
        family: 'edge',
        strength: EDGE_STRENGTH * Math.min(EDGE_MAX_WORDS, edgy.length),
        reason: reasonFor('edge', edgy.join(', ')),
        sentence: i,
      });
    }
    if (ctx.youAct[i] && aimedAt < 0) aimedAt = i;
  });
  // Present or not: a long, kind letter says "you" many times without being any more heated.
  if (aimedAt >= 0) {
    hits.push({ family: 'aimed', strength: AIMED_STRENGTH, reason: '', sentence: aimedAt });
  }
  return hits;
}
