/**
 * How loud a draft is: capitals, repeated punctuation, clipped one-word sentences, angry emoji.
 * Loudness is not heat by itself ("WE GOT THE HOUSE!!!" is joy), so model/score.ts counts it
 * only beside something negative.
 */
import type { ToneContext } from '../context';
import { reasonFor, type Hit } from '../signal';

/** Capitalised words that are names and abbreviations, not shouting. */
export const ACRONYMS: ReadonlySet<string> = new Set([
  'OK',
  'OKAY',
  'USA',
  'US',
  'UK',
  'EU',
  'UN',
  'ASAP',
  'FYI',
  'BTW',
  'LOL',
  'LMAO',
  'ROFL',
  'OMG',
  'IMO',
  'IMHO',
  'TBH',
  'IDK',
  'AM',
  'PM',
  'ID',
  'IT',
  'TV',
  'CEO',
  'HR',
  'NASA',
  'NATO',
  'FAQ',
  'GIF',
  'JPEG',
  'PDF',
  'AI',
  'UI',
  'OS',
  'PIN',
  'ETA',
  'RSVP',
  'AKA',
  'DIY',
  'IKEA',
  'COVID',
  'ICU',
  'ER',
  'GP',
  'NHS',
  'DM',
  'PS',
  'BBQ',
  'NYC',
  'LA',
  'XX',
  'XO',
  'XOXO',
  'YAY',
  'OMFG',
]);

/** At least this many words in capitals, making up at least ALL_CAPS_SHARE of the words. */
export const ALL_CAPS_MIN_WORDS = 2;
export const ALL_CAPS_SHARE = 0.6;
/** Short all-consonant words (NHS, PDF, BBC) are acronyms without needing to be listed. */
const CONSONANT_ACRONYM_MAX_LETTERS = 4;
/** Three or more one-word sentences in a row: "Every. Single. Time." */
export const ONE_WORD_RUN = 3;
/** Sentences of at most this many words, ending in a full stop, read as clipped. */
export const CLIPPED_MAX_WORDS = 2;

const WORD_RE = /\p{L}+(?:'\p{L}+)*/gu;
const VOWEL_RE = /[AEIOUY]/;
const PUNCTUATION_RUN_RE = /[!?]{2,}/g;
const ANGRY_EMOJI_RE = /[\u{1F621}\u{1F92C}\u{1F624}\u{1F595}\u{1F620}\u{1F47F}\u{1F4A2}]/u;

export function isShouted(word: string): boolean {
  const letters = word.replace(/'/g, '');
  if (
    letters.length < 2 ||
    letters !== letters.toUpperCase() ||
    letters === letters.toLowerCase()
  ) {
    return false;
  }
  const bare = word.replace(/'S$/, '');
  if (ACRONYMS.has(bare)) return false;
  return !(bare.length <= CONSONANT_ACRONYM_MAX_LETTERS && !VOWEL_RE.test(bare));
}

export function loudnessHits(ctx: ToneContext): Hit[] {
  const hits: Hit[] = [];
  const words = (ctx.draft.raw.match(WORD_RE) ?? []).filter((w) => w.replace(/'/g, '').length >= 2);
  const shouted = words.filter(isShouted);
  if (shouted.length >= ALL_CAPS_MIN_WORDS && shouted.length >= words.length * ALL_CAPS_SHARE) {
    hits.push({ family: 'shouting', strength: 1, reason: 'all capitals', sentence: -1 });
  } else {
    for (const word of new Set(shouted).values()) {
      hits.push({
        family: 'shouting',
        strength: 0.4,
        reason: `a word in capitals: '${word}'`,
        sentence: -1,
      });
    }
  }

  const runs = ctx.draft.raw.match(PUNCTUATION_RUN_RE) ?? [];
  const loudest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (loudest) {
    const strength = loudest.length >= 3 ? 0.7 : loudest.includes('?') ? 0.5 : 0.4;
    hits.push({
      family: 'punctuation',
      strength,
      reason: `repeated punctuation (${loudest})`,
      sentence: -1,
    });
  }

  const sentences = ctx.draft.sentences;
  let run = 0;
  let longestRun = 0;
  for (const s of sentences) {
    run = s.words.length === 1 && s.end.startsWith('.') ? run + 1 : 0;
    longestRun = Math.max(longestRun, run);
  }
  if (longestRun >= ONE_WORD_RUN) {
    hits.push({ family: 'clipped', strength: 1, reason: 'one word at a time', sentence: -1 });
  } else if (sentences.length >= 2) {
    sentences.forEach((s, i) => {
      if (s.words.length <= CLIPPED_MAX_WORDS && s.end.startsWith('.')) {
        hits.push({ family: 'clipped', strength: 0.3, reason: reasonFor('clipped'), sentence: i });
      }
    });
  }

  if (ANGRY_EMOJI_RE.test(ctx.draft.raw)) {
    hits.push({ family: 'shouting', strength: 0.8, reason: 'an angry emoji', sentence: -1 });
  }
  return hits;
}
