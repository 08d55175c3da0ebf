/**
 * How loud a draft is: capitals, repeated punctuation, swearing. Loudness is not heat by itself
 * ("WE GOT THE HOUSE!!!" is joy), so tone.ts only counts it next to something negative.
 */
import { ACRONYMS, PROFANITY_RE } from './tone-lexicon';

export interface Intensity {
  /** Most of the draft is in capitals. */
  allCaps: boolean;
  /** Single words in capitals inside otherwise normal text ("You ALWAYS …"). */
  shoutedWords: string[];
  /** Sentences written in capitals that speak to the reader ("WHY DIDN'T YOU CALL"). */
  shoutsAtReader: boolean;
  /** Runs such as "!!", "???", "?!" in reading order. */
  punctuationRuns: string[];
  /** Swear words, whoever they are aimed at. */
  profanity: string[];
}

/** At least this many capitalised words, making up at least ALL_CAPS_SHARE of the words. */
const ALL_CAPS_MIN_WORDS = 3;
const ALL_CAPS_SHARE = 0.6;
/** Acronyms are short; an all-consonant word this short (NHS, PDF, BBC) is one. */
const CONSONANT_ACRONYM_MAX_LETTERS = 4;

const WORD_RE = /\p{L}+(?:'\p{L}+)*/gu;
const VOWEL_RE = /[AEIOUY]/;
const SECOND_PERSON_CAPS_RE = /\b(?:YOU|YOUR|YOU'RE|YOURSELF|U|UR)\b/;
const PUNCTUATION_RUN_RE = /[!?]{2,}/g;

function isShouted(word: string): boolean {
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

/**
 * @param original the draft as written (capitals intact), with quoted speech blanked out
 * @param prepared the same draft prepared by tone-text.ts
 */
export function intensityOf(original: string, prepared: string): Intensity {
  const words = original.match(WORD_RE) ?? [];
  const longWords = words.filter((w) => w.replace(/'/g, '').length >= 2);
  const shouted = longWords.filter(isShouted);
  const allCaps =
    shouted.length >= ALL_CAPS_MIN_WORDS && shouted.length / longWords.length >= ALL_CAPS_SHARE;

  const shoutsAtReader = (original.match(/[^.!?\n]+[.!?]*/g) ?? []).some((sentence) => {
    const sentenceWords = (sentence.match(WORD_RE) ?? []).filter((w) => w.length >= 2);
    const loud = sentenceWords.filter(isShouted);
    return (
      loud.length >= 2 &&
      loud.length >= sentenceWords.length * ALL_CAPS_SHARE &&
      SECOND_PERSON_CAPS_RE.test(sentence)
    );
  });

  return {
    allCaps,
    shoutedWords: allCaps ? [] : shouted,
    shoutsAtReader,
    punctuationRuns: original.match(PUNCTUATION_RUN_RE) ?? [],
    profanity: prepared.match(PROFANITY_RE) ?? [],
  };
}
