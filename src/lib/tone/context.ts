/**
 * Everything the signal families read, computed once per draft: the prepared sentences, their
 * clauses and valence, and three facts about each sentence —
 *
 *   addressed    it speaks to the reader at all ("you", "your")
 *   youAct       the reader is the one acting or owning ("you lied", "your excuses"),
 *                not the one helped or thanked ("thank you", "I'm here for you")
 *   imperative   it opens as a command ("Grow up.", "just stop", "please call me")
 */
import {
  COMMAND_OPENERS,
  COMMAND_VERBS,
  PHATIC_AFTER,
  PHATIC_BEFORE,
  YOU_AS_OBJECT_AFTER,
  YOU_WORDS,
} from './lexicon/grammar';
import { prepareDraft, wordsOf, type Draft } from './text';
import { valenceOf, type Valence } from './lexicon/valence';

/** Everything a family may read, computed once per draft. */
export interface ToneContext {
  draft: Draft;
  /** Valence of each sentence (AFINN with negation). */
  valence: Valence[];
  /** Each sentence's clauses, as word lists. */
  clauses: string[][][];
  /** Whether each sentence speaks to the reader at all ("you", "your" …). */
  addressed: boolean[];
  /** Whether each sentence has the reader doing or being something ("you lied", "your excuses"). */
  youAct: boolean[];
  /** Whether each sentence is a command (starts with a verb, "don't", "stop" …). */
  imperative: boolean[];
  /**
   * The draft is warm on the whole: no harsh words, and warm ones that sarcasm does not borrow
   * ("delighted", "relieved"), or praise said gladly ("Great news!!").
   */
  warm: boolean;
  /** Harsh AFINN points over the whole draft. */
  harshPoints: number;
}

const CLAUSE_SPLIT_RE =
  /[,;:\u2014\u2013]|\s-\s|\b(?:but|because|and|when|while|if|although|though|since|until|unless|which|who|whereas)\b/;

function splitClauses(text: string): string[][] {
  return text
    .split(CLAUSE_SPLIT_RE)
    .map(wordsOf)
    .filter((w) => w.length > 0);
}

/** True when some "you" in these words is the one acting or owning ("you lied", "your mess"). */
export function youActsIn(words: readonly string[]): boolean {
  return words.some((w, i) => {
    if (!YOU_WORDS.has(w)) return false;
    const before = words[i - 1];
    if (w === 'you' && before !== undefined && YOU_AS_OBJECT_AFTER.has(before)) return false;
    // "you know", "you see" as fillers at the end of a thought.
    const after = words[i + 1];
    if (w === 'you' && (after === 'know' || after === 'see') && i + 2 >= words.length) return false;
    // "can you believe the council …", "did you see the news": the reader only looks on.
    if (w === 'you' && PHATIC_AFTER.has(after ?? '') && PHATIC_BEFORE.has(before ?? ''))
      return false;
    return true;
  });
}

/** True when a clause opens as a command: an optional filler, then a command verb. */
export function opensAsCommand(words: readonly string[]): boolean {
  let k = 0;
  while (k < words.length - 1 && COMMAND_OPENERS.has(words[k] as string)) k++;
  const first = words[k];
  if (first === undefined || !COMMAND_VERBS.has(first)) return false;
  // "Go cry", "go and get": the verb after "go" leads.
  return !(first === 'do' && (words[k + 1] === 'you' || words[k + 1] === 'i'));
}

export function contextOf(text: string): ToneContext {
  const draft = prepareDraft(text);
  // Words in scare quotes are mocked, not meant: "thanks for 'helping'" is not warm.
  const quoted = new Set(draft.scareQuotes.flatMap(wordsOf));
  const valence = draft.sentences.map((s) =>
    valenceOf(s.words.map((w) => (quoted.has(w) ? '' : w))),
  );
  const clauses = draft.sentences.map((s) => splitClauses(s.text));
  const addressed = draft.sentences.map((s) => s.words.some((w) => YOU_WORDS.has(w)));
  const youAct = clauses.map((cs) => cs.some(youActsIn));
  const imperative = draft.sentences.map((s, i) => {
    const first = clauses[i]?.[0];
    return !s.question && first !== undefined && opensAsCommand(first);
  });
  const sincere = valence.reduce((t, v) => t + v.sincereWarm, 0);
  const praised = valence.reduce((t, v) => t + v.warm, 0) > 0;
  const glad = draft.sentences.some((s) => s.end.includes('!') && !s.question);
  const harshPoints = valence.reduce((t, v) => t + v.harsh, 0);
  return {
    draft,
    valence,
    clauses,
    addressed,
    youAct,
    imperative,
    warm: harshPoints === 0 && (sincere > 0 || (praised && glad)),
    harshPoints,
  };
}
