/**
 * Insults aimed at the reader. A name or a judgement of character counts only when it is aimed
 * at "you":
 *
 *   you're so selfish      you idiot       how rude of you      your excuses      Pathetic.
 *   ─── counts ──────────────────────────────────────────────────────────────────────────
 *   my boss is an idiot    you're not stupid     sorry you had to deal with that jerk
 *   ─── venting about someone else, negated, or sympathy ── do not count ────────────────
 */
import {
  INSULT_NAMES,
  INTENSIFIERS,
  MILD_NAMES,
  MILD_TRAITS,
  SCORNED_THINGS,
  TRAITS,
} from '../lexicon/people';
import type { ToneContext } from '../context';
import { reasonFor, type Hit } from '../signal';
import { isNegated } from '../text';

export const NAME_STRENGTH = 1;
export const TRAIT_STRENGTH = 0.9;
export const MILD_STRENGTH = 0.8;
/** "That's the dumbest idea", "what a selfish thing to do": judging what they did. */
export const DEED_JUDGED_STRENGTH = 0.7;

/** "You" as the one described: "you", "you're", and "your" as the common slip for "you're". */
const YOU_SUBJECT: ReadonlySet<string> = new Set(['you', "you're", "you've", "you'd", 'your']);
/**
 * Words that may stand between "you" and what they are called without changing who is meant:
 * "you are such a", "you've always been the most", "you look like a complete".
 */
const LINKS: ReadonlySet<string> = new Set([
  'are',
  'were',
  'been',
  'be',
  'is',
  'look',
  'looks',
  'looked',
  'sound',
  'sounded',
  'seem',
  'seemed',
  'act',
  'acted',
  'acting',
  'behaving',
  'become',
  'became',
  'get',
  'getting',
  'like',
  'a',
  'an',
  'the',
  'one',
  'of',
  'more',
  'than',
  'no',
  'better',
  'still',
  'even',
  'ever',
  'officially',
  'clearly',
  'obviously',
  'seriously',
  'absolutely',
  'completely',
  'utterly',
  'such',
  'lowkey',
  'kinda',
  'sort',
  'fr',
  'now',
  'being',
  'simply',
  'frankly',
]);
const OBJECTS: ReadonlySet<string> = new Set([
  'me',
  'us',
  'him',
  'her',
  'them',
  'everyone',
  'people',
]);

/** Mild words that judge even said flatly ("You're unbelievable."); "you're cold" may be the weather. */
const FLAT_VERDICTS: ReadonlySet<string> = new Set([
  'unbelievable',
  'unreal',
  'impossible',
  'unbearable',
  'exhausting',
  'draining',
  'awful',
  'terrible',
  'horrible',
  'stubborn',
  'dramatic',
]);

/** What a person is to someone: "a terrible friend", "an even worse listener". */
const ROLES: ReadonlySet<string> = new Set([
  'friend',
  'person',
  'partner',
  'parent',
  'mother',
  'mum',
  'mom',
  'father',
  'dad',
  'listener',
  'boyfriend',
  'girlfriend',
  'husband',
  'wife',
  'brother',
  'sister',
  'son',
  'daughter',
  'roommate',
  'flatmate',
  'housemate',
  'colleague',
  'boss',
  'manager',
  'human',
  'influence',
  'driver',
  'liar',
  'example',
  'teammate',
  'neighbour',
  'neighbor',
  'host',
  'guest',
  'adult',
]);

/** Someone else is being described: "he's such an idiot, you wouldn't believe it". */
const OTHERS: ReadonlySet<string> = new Set([
  'he',
  'she',
  'they',
  'him',
  'her',
  'them',
  'his',
  'their',
  "he's",
  "she's",
  "they're",
  'it',
  "it's",
  'this',
  'that',
  'these',
  'those',
  'my',
  'i',
  "i'm",
  'me',
  'we',
  'our',
  'who',
  'which',
  'is',
  'was',
  'people',
  'everyone',
  'someone',
  'somebody',
]);
/** Nouns for what someone did or said: "a selfish thing to do", "the dumbest idea". */
const DEED_NOUNS: ReadonlySet<string> = new Set([
  'behaviour',
  'behavior',
  'attitude',
  'thing',
  'move',
  'idea',
  'excuse',
  'comment',
  'decision',
  'choice',
  'stunt',
  'response',
  'reply',
  'answer',
  'remark',
  'apology',
  'effort',
  'logic',
  'argument',
  'question',
  'text',
  'message',
  'email',
]);
/** Sympathy: "sorry you had to deal with that jerk", "the way he treated you was cruel". */
const SYMPATHY_RE =
  /\b(?:sorry(?!,? but)|so unfair|feel for you|poor (?:you|thing)|you had to|you've been through|you went through|happened to you|to you|treated you|about you)\b/;
/** A sentence this short that is only a verdict ("Pathetic." "So rude.") is aimed at the reader. */
const VERDICT_MAX_WORDS = 3;
const VERDICT_FILLERS: ReadonlySet<string> = new Set([
  'so',
  'just',
  'how',
  'what',
  'a',
  'an',
  'absolutely',
  'totally',
  'utterly',
  'completely',
  'real',
  'really',
  'such',
  'honestly',
  'seriously',
  'actually',
  'wow',
  'oh',
  'that',
  "that's",
  'is',
  'was',
  'you',
  "you're",
  'are',
  'truly',
]);

/** "Today was awful" is a verdict on the day: a subject or verb means it is not a bare verdict. */
const VERDICT_NOT_ALONE: ReadonlySet<string> = new Set(['is', 'was', 'that', "that's", 'this']);

const kindOf = (
  word: string,
): { strength: number; needsIntensifier: boolean; name: boolean } | undefined => {
  const singular =
    word.endsWith('s') && INSULT_NAMES.has(word.slice(0, -1)) ? word.slice(0, -1) : word;
  if (INSULT_NAMES.has(singular))
    return { strength: NAME_STRENGTH, needsIntensifier: false, name: true };
  if (MILD_NAMES.has(word)) return { strength: MILD_STRENGTH, needsIntensifier: true, name: true };
  if (MILD_TRAITS.has(word))
    return { strength: MILD_STRENGTH, needsIntensifier: true, name: false };
  if (TRAITS.has(word)) return { strength: TRAIT_STRENGTH, needsIntensifier: false, name: false };
  return undefined;
};

export function insultHits(ctx: ToneContext): Hit[] {
  const hits: Hit[] = [];
  ctx.draft.sentences.forEach((s, i) => {
    const sympathy = SYMPATHY_RE.test(s.text);
    const found = new Map<string, number>();
    for (const clause of ctx.clauses[i] ?? []) {
      const words = joinCompounds(clause);
      words.forEach((word, k) => {
        const kind = kindOf(word);
        if (!kind || isNegated(words, k) || sympathy) return;
        // "you're embarrassing me", "you're annoying him": a verb, not a trait.
        if (OBJECTS.has(words[k + 1] ?? '')) return;
        const strength =
          aimedFromBefore(words, k, kind.needsIntensifier, kind.name) ??
          aimedFromAfter(words, k, kind.needsIntensifier) ??
          judgesDeed(words, k, ctx.addressed[i] === true || ctx.youAct[i] === true) ??
          verdict(words, kind.needsIntensifier, ctx, i);
        if (strength !== undefined) found.set(word, Math.max(found.get(word) ?? 0, strength));
      });
      scorned(words, found);
    }
    for (const [word, strength] of found) {
      hits.push({ family: 'insult', strength, reason: reasonFor('insult', word), sentence: i });
    }
  });
  return hits;
}

/** "you're (so) X", "you X", "your X" (for "you're"), "you're acting like a X". */
function aimedFromBefore(
  words: readonly string[],
  k: number,
  needsIntensifier: boolean,
  name: boolean,
): number | undefined {
  let intensified = false;
  for (let p = k - 1; p >= Math.max(0, k - 7); p--) {
    const w = words[p] as string;
    if (YOU_SUBJECT.has(w)) {
      const between = k - p - 1;
      // Bare "you X" is a name called ("you idiot"), not a trait ("you mean …" is a verb).
      if (between === 0 && !name && w === 'you') return undefined;
      // A mild word needs an intensifier ("you're so dramatic") or a role after it ("you're a
      // terrible friend"); "your child" and "you must be cold" do not count.
      // "You're unbelievable." — a mild word said flatly of the reader, ending the sentence.
      const flat =
        between === 0 && w !== 'you' && k === words.length - 1 && FLAT_VERDICTS.has(words[k] ?? '');
      if (needsIntensifier && !intensified && !flat && !ROLES.has(words[k + 1] ?? ''))
        return undefined;
      const strength = kindStrength(words[k] as string);
      return w === 'your' && between === 0 ? strength * 0.8 : strength;
    }
    if (INTENSIFIERS.has(w)) {
      intensified = true;
      continue;
    }
    if (LINKS.has(w)) continue;
    // "your cooking is genuinely terrible": their thing, then a link, then the judgement.
    if (
      words[p - 1] === 'your' &&
      LINKS.has(words[p + 1] ?? '') &&
      (intensified || !needsIntensifier || k === words.length - 1)
    ) {
      return kindStrength(words[k] as string) * YOUR_THING_FACTOR;
    }
    return undefined;
  }
  return undefined;
}
/** Judging the reader's cooking or plan is a little less than judging the reader. */
const YOUR_THING_FACTOR = 0.8;

function kindStrength(word: string): number {
  if (INSULT_NAMES.has(word) || INSULT_NAMES.has(word.replace(/s$/, ''))) return NAME_STRENGTH;
  if (MILD_NAMES.has(word) || MILD_TRAITS.has(word)) return MILD_STRENGTH;
  return TRAIT_STRENGTH;
}

/** "how selfish of you", "how rude you are", "the stupidest thing you said", "X like you". */
function aimedFromAfter(
  words: readonly string[],
  k: number,
  needsIntensifier: boolean,
): number | undefined {
  for (let p = k - 1; p >= Math.max(0, k - 3); p--) {
    if (OTHERS.has(words[p] as string) && words[p] !== 'that') return undefined;
  }
  const next = words.slice(k + 1, k + 4);
  const strength = kindStrength(words[k] as string);
  if (next[0] === 'of' && next[1] === 'you') return strength;
  // "how selfish that was", "how rude is that" — about what the reader did.
  if (
    words[k - 1] === 'how' &&
    (next.join(' ').startsWith('that was') || next.join(' ').startsWith('is that'))
  ) {
    return strength;
  }
  if (next[0] === 'like' && next[1] === 'you') return strength;
  if (words[k - 1] === 'how' && (next[0] === 'you' || next[0] === "you're")) return strength;
  if (needsIntensifier) return undefined;
  // "the stupidest thing you said": a word or two, then "you" doing something.
  const youAt = next.findIndex((w) => w === 'you' || w === "you've" || w === "you'd");
  if (youAt >= 0 && next.slice(0, youAt).every((w) => DEED_NOUNS.has(w) || w === 'thing')) {
    const after = next[youAt + 1];
    if (after !== 'know' && after !== 'see') return strength;
  }
  return undefined;
}

/** "That's the dumbest idea", "what a selfish thing to do", in a sentence to the reader. */
function judgesDeed(words: readonly string[], k: number, addressed: boolean): number | undefined {
  const next = words[k + 1];
  if (next === undefined || !DEED_NOUNS.has(next)) return undefined;
  // "the dumbest thing I've ever seen" is about something seen, not something they did.
  if (next === 'thing' && /^(?:i|i've|i'd|we|we've)$/.test(words[k + 2] ?? '')) return undefined;
  const before = words.slice(Math.max(0, k - 4), k);
  if (before.some((w) => w === 'he' || w === 'she' || w === 'they' || w === 'his' || w === 'her')) {
    return undefined;
  }
  const pointing = before.some(
    (w) => w === 'that' || w === "that's" || w === 'what' || w === 'such',
  );
  return pointing || addressed ? DEED_JUDGED_STRENGTH : undefined;
}

/** A sentence that is only a verdict: "Pathetic." "So rude." "Unbelievable." */
function verdict(
  words: readonly string[],
  needsIntensifier: boolean,
  ctx: ToneContext,
  i: number,
): number | undefined {
  const sentence = ctx.draft.sentences[i];
  if (!sentence || sentence.words.length !== words.length) return undefined;
  const content = words.filter((w) => !VERDICT_FILLERS.has(w));
  if (words.length > VERDICT_MAX_WORDS || content.length !== 1) return undefined;
  if (words.some((w) => VERDICT_NOT_ALONE.has(w))) return undefined;
  // "Ugh, the landlord ignored me again. So annoying." is about the landlord.
  const others = ctx.draft.sentences.length > 1;
  if (others && !ctx.youAct.some((acts, k) => acts && k !== i)) return undefined;
  // A mild verdict ("Unbelievable.") is aimed only when the draft has something else harsh.
  if (needsIntensifier && ctx.harshPoints < 3 && ctx.draft.sentences.length < 2) return undefined;
  return needsIntensifier ? MILD_STRENGTH : TRAIT_STRENGTH;
}

/** Names of more than one word become one: "drama queen" → "drama-queen". */
function joinCompounds(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const three = words.slice(k, k + 3).join('-');
    const two = words.slice(k, k + 2).join('-');
    if (INSULT_NAMES.has(three)) {
      out.push(three);
      k += 2;
    } else if (INSULT_NAMES.has(two)) {
      out.push(two);
      k += 1;
    } else out.push(words[k] as string);
  }
  return out;
}

/** "your excuses", "your constant complaining", "your pathetic little speech". */
function scorned(words: readonly string[], found: Map<string, number>): void {
  words.forEach((w, k) => {
    if (w !== 'your') return;
    for (let p = k + 1; p <= Math.min(words.length - 1, k + 3); p++) {
      const strength = SCORNED_THINGS.get(words[p] as string);
      if (strength === undefined) continue;
      const key = `your ${words[p] as string}`;
      found.set(key, Math.max(found.get(key) ?? 0, strength));
      return;
    }
  });
}
