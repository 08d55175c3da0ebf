/**
 * Sarcasm: praise that means the opposite. Three shapes:
 *
 *   praise + a wrongdoing     thanks for ruining it · great job ignoring me · congrats on being late
 *   praise, then a complaint  "Great. Another cancelled plan." · "Oh brilliant, you've broken it."
 *   set phrases of the kind   must be nice · thanks for nothing · real mature · how convenient
 *
 * Sincere praise has no complaint beside it: "Great news about the flat!!", "Perfect, thanks for
 * sorting that." stay calm.
 */
import { deedAt } from '../lexicon/deeds';
import { INSULT_NAMES, TRAITS } from '../lexicon/people';
import type { ToneContext } from '../context';
import {
  both,
  guards,
  reasonFor,
  scanPatterns,
  type Guard,
  type Hit,
  type TonePattern,
} from '../signal';
import { isNegated } from '../text';
import { PRAISE_WORDS } from '../lexicon/valence';

/** Flat, and not in a draft that is warm on the whole. */
const sneer: Guard = both(guards.deadpan, guards.draftNotWarm);

/** Words that make a draft a complaint even without a harsh word: "another", "again". */
const COMPLAINT_RE =
  /\b(?:another|again|late|still|never|nothing|no one|nobody|without (?:asking|telling)|instead|finally|while i|left me|stuck|ignor\w*|forgot\w*|cancel\w*|wait(?:ed|ing)|waste\w*|excuse\w*|mess|ruin\w*|broke\w*|lost|lied|lying|blame\w*|behind my back|didn't|couldn't|wouldn't|won't|can't|now|you think|you really|you actually|you even|so we're|so you're|so i'm)\b/;

/** Set phrases of sarcasm. */
const SARCASM_PATTERNS: readonly TonePattern[] = [
  {
    re: /\b(?:thanks|thank you|cheers) (?:a lot |so much )?for (?:nothing|finally|eventually|bothering|noticing)\b/,
    strength: 1,
  },
  {
    re: /\bmust be (?:nice|lovely|great|fun|so nice|exhausting|hard|tough|exciting)\b/,
    strength: 1,
    guard: guards.deadpan,
  },
  {
    re: /\b(?:real|very|so|how|really|that's|that was) (?:mature|grown[- ]up|classy|adult|smooth|subtle|original|convenient|helpful)\b/,
    strength: 0.8,
    guard: sneer,
  },
  { re: /\bhow convenient\b|\bconveniently\b/, strength: 0.9 },
  {
    re: /\b(?:nice|good|kind|sweet|thoughtful|decent|big|generous) of you to (?:finally|eventually|actually|bother|show|join|grace|let me know|tell me|remember|turn up|reply|answer|call)\b/,
    strength: 1,
  },
  {
    re: /\bfinally (?:decided|bothered|showed|remembered|answered|answering|responded|replied|graced|deigned)\b/,
    strength: 0.8,
  },
  {
    re: /\b(?:bold|rich|brave|cute|funny|big|sweet) of you to\b/,
    strength: 1,
    guard: guards.deadpan,
  },
  {
    re: /\b(?:nice|good|glad|great|lovely) to (?:see|know|hear) (?:you|that you) (?:finally |actually |even )?(?:remembered|bothered|decided|found|managed|made it|showed|could|care|still|are alive|exist)\b/,
    strength: 0.9,
  },
  {
    re: /\bdidn't (?:realise|realize|know) (?:i|we) (?:needed|had to|was supposed to|have to)\b/,
    strength: 0.8,
  },
  { re: /\b(cool|great|fine|ok|sure|nice|right) \1 \1\b/, strength: 0.8 },
  { re: /\bwhat a (?:shocker|surprise|shock|twist)\b/, strength: 1 },
  {
    re: /\bsorry (?:i'm|i am) not (?:perfect|as \w+ as you)\b|\b(?:perfect|smart|clever|wonderful|amazing) like you\b/,
    strength: 1,
  },
  { re: /^not$/, strength: 1, guard: (ctx, i) => i > 0 },
  {
    re: /^really$/,
    strength: 0.8,
    guard: (ctx, i) =>
      i > 0 &&
      (ctx.draft.sentences[i]?.end ?? '') === '.' &&
      /\b(?:thanks|thank you|cheers|great|appreciate)\b/.test(
        ctx.draft.sentences[i - 1]?.text ?? '',
      ),
  },
  {
    re: /^so (?:we're|you're|i'm|that's|this is)\b.*\b(?:are we|are you|is it|am i|is that it)$/,
    strength: 0.8,
  },
  {
    re: /\b(?:great|good|nice|brilliant|wonderful|lovely|rich|funny|solid|top) (?:\w+ )?(?:coming )?from (?:someone|somebody|the (?:guy|person|man|woman) who|a (?:man|woman|guy) who|you)\b|\bcoming from you\b/,
    strength: 1,
  },
  {
    re: /^(?:ah|oh) (?:yes|right|sure|ok),? because\b|\bmore important than (?:mine|me|us|my \w+)\b|\bfunny way of showing\b|^so much for\b|\b(?:the|an|such an) expert on\b/,
    strength: 0.9,
  },
  {
    re: /^(?:great|nice|brilliant|lovely|good|fantastic|excellent|top|stellar|amazing|wonderful) \w+ (?:there|again|as always|as usual|mate)\b/,
    strength: 0.9,
    guard: guards.deadpan,
  },
  {
    re: /\b(?:of course|obviously|clearly|naturally),? it's (?:all )?my fault\b|\bit's (?:all )?my fault (?:again|too|as usual|obviously|apparently|somehow)\b/,
    strength: 1,
  },
  { re: /\bgood luck with that\b|\byou'll need it\b/, strength: 0.8, guard: guards.deadpan },
  {
    re: /\byou (?:clearly |obviously |apparently )?know (?:everything|best|it all|better than everyone)\b/,
    strength: 0.7,
    guard: guards.deadpan,
  },
  { re: /\bnice try\b(?! (?:on|at|with|though))/, strength: 0.7, guard: guards.deadpan },
  {
    re: /\bmust (?:be|have been) (?:so |soo |really |terribly |incredibly )?(?:hard|difficult|tough|exhausting) to (?:\w+ )?(?:pick|send|text|call|reply|answer|say|remember|show|find|let|tell|type|lift|take|put|clean|check|be)\b/,
    strength: 1,
  },
  { re: /\b(?:that's|how|bit|a bit|pretty) (?:rich|ironic)\b/, strength: 0.9 },
  {
    re: /\b(?:what a|big|no) surprise\b|\bshocking\b|\bcolou?r me (?:surprised|shocked)\b|\bwho (?:could|would) have (?:guessed|thought|known)\b/,
    strength: 0.8,
    guard: sneer,
  },
  {
    re: /\bof course (?:you (?:did|didn't|would|wouldn't|are|do|don't|can't|forgot)|it (?:is|was)|not)\b/,
    strength: 0.7,
    guard: sneer,
  },
  { re: /\b(?:yeah|sure|oh) right\b|\bsure,? jan\b|\bas if\b|\bif you say so\b/, strength: 0.8 },
  { re: /\bbecause that (?:worked|went|ended) (?:out )?(?:so|really) well\b/, strength: 1 },
  {
    re: /\bi'm sure (?:you (?:were|are|did|had)|it (?:was|is)|that's)\b/,
    strength: 0.6,
    guard: sneer,
  },
  { re: /\b(?:good|nice|glad|great) to know\b/, strength: 0.6, guard: sneer },
  {
    re: /\bkeep (?:telling yourself|lying|it up|pretending|dreaming)\b/,
    strength: 0.8,
    guard: sneer,
  },
  {
    re: /\b(?:hope|hoping) (?:you're|you are) (?:happy|proud|pleased|satisfied)(?: now| with yourself)?$|\b(?:are|were) you proud of yourself\b|\bproud of yourself now\b/,
    strength: 1,
    guard: guards.deadpan,
  },
  { re: /\bhope (?:\w+ ){1,4}(?:was|were|is|are) worth it\b/, strength: 1, guard: guards.deadpan },
  {
    re: /\benjoy (?:your|the)\b.*\bwhile (?:i|we)\b|\bglad (?:you|someone) had fun\b.*\bwhile\b/,
    strength: 1,
  },
  {
    re: /\b(?:love|loving|i love) (?:how|that|the way) you\b|\bloving the\b|\bi (?:just )?love (?:being|how i)\b/,
    strength: 0.7,
    guard: sneer,
  },
  { re: /\blucky (?:me|you)\b/, strength: 0.6, guard: sneer },
  {
    re: /\bfunny (?:how|that)\b|\bit's cute (?:how|that) you\b|\b(?:oh )?how cute\b/,
    strength: 0.8,
    guard: guards.deadpan,
  },
  {
    re: /^oh,? (?:so|sure|great|wonderful|brilliant|perfect|lovely|please|really|look|wait|joy|goody|now|you're|you|i'm so sorry|i see)\b/,
    strength: 0.7,
    guard: sneer,
  },
  {
    re: /\b(?:i'm|i am) (?:so|soo|terribly) sorry (?:that )?(?:my|i|for)\b/,
    strength: 0.6,
    guard: (ctx, i) => /\bSO+\b/.test(ctx.draft.sentences[i]?.raw ?? ''),
  },
  {
    re: /\bsorry (?:for (?:existing|caring|breathing|asking|having feelings|being a burden|wanting|living)|i asked|not sorry)\b|\bexcuse me for (?:living|breathing|caring|asking|existing)\b|^sorry,? (?:did|was|who|what|am)\b/,
    strength: 1,
  },
  {
    re: /\b(?:well done|good job|great job|nice job|nice work|great work|nice going|way to go|bravo|slow clap|round of applause|gold star)\b/,
    strength: 0.5,
    guard: sneer,
  },
  // At the start of a clause: "when's good for you?" is a question about a time.
  { re: /(?:^|, )(?:well,? |oh,? )?good for you\b/, strength: 0.6, guard: guards.deadpan },
  {
    re: /\b(?:congrats|congratulations) on (?:being|making|ruining|managing|finally|another|the worst)\b/,
    strength: 1,
  },
  {
    re: /\bthanks,? (?:i guess|for that i guess)\b|\bthanks a (?:lot|bunch|million)\b/,
    strength: 0.6,
    guard: sneer,
  },
  { re: /^(?:really |i )?(?:really )?appreciate (?:that|it)$/, strength: 0.6, guard: sneer },
];

/** How far after the praise the wrong may sit: "thanks for making me look like a fool". */
const PRAISE_REACH_WORDS = 8;

/** "thanks for ruining …", "great job ignoring me", "congrats on forgetting". */
const praiseThenDeed = (ctx: ToneContext): Hit[] => {
  const hits: Hit[] = [];
  ctx.draft.sentences.forEach((s, i) => {
    const words = s.words;
    words.forEach((w, k) => {
      if (!PRAISE_WORDS.has(w) || isNegated(words, k)) return;
      for (let j = k + 1; j < Math.min(words.length, k + PRAISE_REACH_WORDS + 1); j++) {
        const word = words[j] as string;
        const wrong = deedAt(words, j) !== undefined || INSULT_NAMES.has(word) || TRAITS.has(word);
        if (!wrong || isNegated(words, j)) continue;
        // "thanks for not forgetting" was negated above; "we had fun, the rain ruined it" has no
        // "for/on/you" linking the praise to the deed.
        const linked = words
          .slice(k + 1, j)
          .some((x) => x === 'for' || x === 'on' || x === 'job' || x === 'work');
        if (!linked && j !== k + 1) continue;
        hits.push({
          family: 'sarcasm',
          strength: 1,
          reason: reasonFor('sarcasm', `${w} … ${word}`),
          sentence: i,
        });
        return;
      }
    });
  });
  return hits;
};

/**
 * "Great." / "Oh brilliant," / "Cool, so …" opening a draft that complains: the praise is a
 * sneer. Sincere openers are followed by more warmth, not a complaint.
 */
/** How many sentences after a praise opener may hold the complaint it sneers at. */
const OPENER_REACH_SENTENCES = 3;

const praiseOpener = (ctx: ToneContext): Hit[] => {
  const hits: Hit[] = [];
  const sentences = ctx.draft.sentences;
  sentences.forEach((s, i) => {
    const firstClause = ctx.clauses[i]?.[0] ?? [];
    if (firstClause.length === 0 || firstClause.length > 3) return;
    if (!firstClause.some((w) => PRAISE_WORDS.has(w))) return;
    if (firstClause.some((w) => !PRAISE_WORDS.has(w) && !OPENER_FILLERS.has(w))) return;
    // A sincere opener shouts with joy: "Great!!", "Perfect!".
    const exclaimed = s.end.includes('!') || /^[^.?]{0,40}!/.test(s.raw);
    // What follows: the rest of the sentence and the next few (a sneer has its complaint close).
    const next = sentences.slice(i + 1, i + 1 + OPENER_REACH_SENTENCES);
    const rest = [...(ctx.clauses[i] ?? []).slice(1).flat(), ...next.flatMap((x) => x.words)].join(
      ' ',
    );
    const restHarsh = ctx.valence
      .slice(i, i + 1 + OPENER_REACH_SENTENCES)
      .some((v, k) => v.harsh > 0 && (k > 0 || (ctx.clauses[i]?.length ?? 0) > 1));
    const complaint = restHarsh || COMPLAINT_RE.test(rest);
    // Warmth after the opener makes it sincere, unless that is more bare praise ("Thanks.").
    const warmAfter = ctx.valence
      .slice(i + 1, i + 1 + OPENER_REACH_SENTENCES)
      .some((v) => v.sincereWarm > v.harsh);
    if (complaint && !exclaimed && !warmAfter && rest.length > 0) {
      hits.push({
        family: 'sarcasm',
        strength: 0.9,
        reason: reasonFor('sarcasm', firstClause.join(' ')),
        sentence: i,
      });
    }
  });
  return hits;
};
const OPENER_FILLERS: ReadonlySet<string> = new Set([
  'oh',
  'just',
  'so',
  'well',
  'real',
  'really',
  'very',
  'how',
  'a',
  'lot',
  'yeah',
  'wow',
  'job',
  'for',
  'that',
  "that's",
  'sounds',
]);

/** Eye-rolls and claps: 🙄 🙃 😒 👏, and 👍 after a complaint. */
const EYE_ROLL_RE = /[\u{1F644}\u{1F643}\u{1F612}\u{1F611}]/u;
const CLAP_RE = /\u{1F44F}/u;
const THUMBS_RE = /\u{1F44D}/u;
const sarcasticEmoji = (ctx: ToneContext): Hit[] => {
  const hits: Hit[] = [];
  const raw = ctx.draft.raw;
  const aimed = ctx.youAct.some(Boolean) || ctx.draft.words.length <= 4;
  // An eye-roll at a late train is venting; at the reader, or as the whole reply, it is not.
  if (EYE_ROLL_RE.test(raw) && aimed) {
    hits.push({ family: 'sarcasm', strength: 0.8, reason: 'sarcasm: an eye-roll', sentence: -1 });
  }
  if (CLAP_RE.test(raw) && !ctx.warm) {
    hits.push({ family: 'sarcasm', strength: 0.7, reason: 'sarcasm: slow clapping', sentence: -1 });
  }
  if (
    THUMBS_RE.test(raw) &&
    ctx.harshPoints + (ctx.youAct.some(Boolean) ? 1 : 0) > 0 &&
    !ctx.warm
  ) {
    hits.push({
      family: 'sarcasm',
      strength: 0.6,
      reason: 'sarcasm: a thumbs-up after a complaint',
      sentence: -1,
    });
  }
  return hits;
};

/** Their own word thrown back in quotes: "you were 'busy'", "thanks for the 'help'". */
const scareQuotes = (ctx: ToneContext): Hit[] => {
  const quote = ctx.draft.scareQuotes[0];
  if (quote === undefined || ctx.warm) return [];
  const sentence = ctx.draft.sentences.findIndex((s) => s.text.includes(quote));
  return [
    { family: 'sarcasm', strength: 0.7, reason: `their words in quotes: '${quote}'`, sentence },
  ];
};

/** A closing "Thanks." or "Cheers." after a complaint. */
const closingThanks = (ctx: ToneContext): Hit[] => {
  const sentences = ctx.draft.sentences;
  const last = sentences.at(-1);
  if (
    !last ||
    sentences.length < 2 ||
    !/^(?:thanks|thank you|cheers|thanks a lot|great|perfect|lovely)$/.test(last.text)
  ) {
    return [];
  }
  if (last.end.includes('!')) return [];
  // After a complaint: harsh words ("I never realised how much work you put in. Thank you." is
  // sincere).
  const before = ctx.valence.slice(0, -1);
  const complained = before.some((v) => v.harsh >= 2);
  if (!complained) return [];
  return [
    {
      family: 'sarcasm',
      strength: 0.7,
      reason: reasonFor('sarcasm', last.text),
      sentence: sentences.length - 1,
    },
  ];
};

export function sarcasmHits(ctx: ToneContext): Hit[] {
  return [
    ...closingThanks(ctx),
    ...scanPatterns(ctx, 'sarcasm', SARCASM_PATTERNS),
    ...praiseThenDeed(ctx),
    ...praiseOpener(ctx),
    ...sarcasticEmoji(ctx),
    ...scareQuotes(ctx),
  ];
}
