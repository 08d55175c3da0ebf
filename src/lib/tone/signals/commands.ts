/**
 * Telling them what to do. Most commands between friends are kind ("call me", "take your
 * time", "don't forget your umbrella"); these are the ones that push the reader away or down:
 *
 *   go / stop / leave      shut up · back off · leave me alone · stop lying · quit whining
 *   grow up / get over it  grow up · get a grip · deal with it · figure it out yourself
 *   don't (ever)           don't you dare · don't text me · don't ever speak to me like that
 *   you need to …          you need to grow up · you'd better apologise
 *   a command with a sting "Try actually doing your job for a change"
 */
import type { ToneContext } from '../context';
import { COMMAND_VERBS } from '../lexicon/grammar';
import { both, guards, scanPatterns, type Guard, type Hit, type TonePattern } from '../signal';
import { valenceOf } from '../lexicon/valence';

/** Where a command may start: the start of a sentence or clause, perhaps after a filler. */
const AT = String.raw`(?:^|[,;:]\s*|\b(?:and|so|just|now|then|please|seriously|honestly|oh|ok|k|god|ugh|look|well|yeah|maybe|kindly|actually|instead|go|mate|dude|man|fine|whatever|nah|no)\s+)`;

/** Said kindly: "stop by", "stop worrying", "don't forget", "don't be sorry". */
const KIND_AFTER_STOP = String.raw`(?! by\b| worrying| stressing| apologi[sz]ing| beating yourself| being so (?:nice|kind|hard on yourself|modest|humble|sweet)|(?: it)?,? (?:you're|you are) (?:making|too|so)| overthinking| panicking)`;
const KIND_AFTER_DONT = String.raw`(?:worry|forget|rush|apologi[sz]e|feel|hesitate|mind|stress|panic|be|skip|overthink|stay|work|let|hurt|miss|wait|go to any|get up|bother getting|lose sleep|fret|wake|eat|drink|drive|touch the|leave without|tell (?:mum|mom|dad|anyone|him|her)|spoil|worry|you worry)`;

const HOSTILE_COMMAND_RE = new RegExp(
  AT +
    String.raw`(?:shut (?:up|it|your \w+|the fuck up)|leave me (?:the fuck )?(?:alone|be|out of)|get (?:out|lost|over (?:it|yourself)|a (?:grip|life|clue|job)|your (?:act|shit|stuff|life) together|off my (?:back|case)|the fuck out|fucked)|go (?:away|to hell|cry|whine|complain|moan|run|fuck yourself)|back off|grow (?:up|a (?:spine|pair)|some)|drop it|knock it off|cut it out|give it a rest|deal with it|figure (?:it|this) out|mind your (?:own )?business|spare me|save (?:it|your (?:breath|excuses|tears|apologies|sob story|drama))|(?:lose|delete|forget) my number|(?:piss|fuck|sod|bugger|buzz|bog) off|bite me|stay (?:the (?:hell|fuck) )?(?:away|out)|keep (?:away|your (?:\w+ )?(?:to yourself|away|out of)|out of)|calm down|chill out|man up|toughen up|suck it up|read the room|use your (?:brain|head|eyes|words)|answer (?:me|your (?:damn |bloody |fucking )?phone)|pay up|admit it|own it|move on|get it together|try harder|learn to \w+|think before you|stop (?:it|this|that)\b(?!,? (?:you're|you are)| ur)|leave (?:it(?=$|,| alone| be)|my \w+ (?:alone|out of))|go get|do your (?:job|share|part)|do it yourself|clean up your|quit (?:it|\w+ing))\b`,
);

/**
 * Not a playful command: "Stop! That's hilarious", "STOP IT, that's the cutest photo ever!!",
 * "Just admit it, that was the best pizza": laughter, or warmth with nothing harsh, or the
 * command followed by "that's …"/"you're …" in a glad draft.
 */
const notPlayful: Guard = (ctx, i, m) => {
  if (LAUGHTER_RE.test(ctx.draft.text) || ctx.warm) return false;
  const after = (ctx.draft.sentences[i]?.text ?? '').slice(m.index + m[0].length);
  const glad = ctx.draft.sentences.some((s) => s.end.includes('!'));
  if (glad && ctx.harshPoints === 0 && /^,? (?:that's|you're|this is|it's|i'm)\b/.test(after))
    return false;
  // "Get out of here, that's amazing news!!": a warm clause after the command.
  const later = (ctx.clauses[i] ?? []).slice(1);
  return !later.some(
    (c) =>
      /^(?:that's|you're|this is|it's|that is|what a)$/.test(c[0] ?? '') &&
      valenceOf(c).sincereWarm > 0,
  );
};
const LAUGHTER_RE = /\b(?:ha(?:ha)+|lol|lmao|hilarious|crying laughing|dying)\b/;

/** Asked, not told: "Could you please stop leaving the door open?" */
const notAsked: Guard = (ctx, i, m) =>
  !/\b(?:could|would|can) you (?:please |kindly |maybe |possibly )?$/.test(
    (ctx.draft.sentences[i]?.text ?? '').slice(0, m.index + m[0].indexOf('stop')),
  );

const COMMAND_PATTERNS: readonly TonePattern[] = [
  { re: HOSTILE_COMMAND_RE, strength: 1, guard: notPlayful },
  {
    re: new RegExp(
      `${AT}(?:stop|quit)\\b${KIND_AFTER_STOP}(?: (?:\\w+ing|being|acting|treating|talking|texting|calling|it|that|this|now|already|me))?`,
    ),
    strength: 0.8,
    guard: both(notPlayful, notAsked),
  },
  { re: /\bleave me (?:the fuck )?alone\b/, strength: 0.9, guard: notPlayful },
  {
    re: /^go (?:ahead|on)(?: then)?,? (?:tell|ignore|leave|do|be|say|walk|keep|blame|laugh|make|run|cry|throw|block|delete|unfollow|quit)\b/,
    strength: 0.7,
    guard: both(guards.deadpan, guards.draftNotWarm),
  },
  { re: /\bdon't you (?:dare|ever|even)\b/, strength: 1, guard: notPlayful },
  { re: /\bpick up (?:your|the) (?:damn |bloody |fucking )?phone\b/, strength: 0.8 },
  { re: /^(?:just |now |so )?go(?: away| now| already| home)?$/, strength: 0.9 },
  {
    re: new RegExp(
      `${AT}(?:don't|do not|never) (?:ever |even |you )?(?:(?:talk|speak|text|call|message|contact|touch|email|look at|go near|come near) (?:(?:to |at )?me|us|my)|(?:come back|come round|come over|show your face)(?= ever| again|$))\\b`,
    ),
    strength: 0.9,
    guard: guards.notWarm,
  },
  {
    re: new RegExp(
      `${AT}(?:don't|do not) (?:ever|even|start|tell me|give me|act|pretend|play|lie|push|test|make me|try|bother|bring|expect|go there|get me started|lecture|patroni[sz]e|twist|blame|turn this|turn it|speak|talk|come|think|assume|waste|put this|put that)\\b`,
    ),
    strength: 0.8,
    guard: guards.notWarm,
  },
  {
    re: new RegExp(`${AT}(?:don't|do not) (?!${KIND_AFTER_DONT})\\w+`),
    strength: 0.4,
    guard: both(guards.notWarm, guards.draftNotWarm),
  },
  {
    re: /(?:^|,\s*|\band\s+)(?:don't|never) (?:\w+ ){0,5}again\b/,
    strength: 0.6,
    guard: guards.notWarm,
  },
  {
    re: /^(?:leave|get out|out|go|move|enough|stop|now|leave me alone|go away)$/,
    strength: 0.7,
    guard: guards.notGlad,
  },
  { re: /\bfeel free to (?:leave|go|walk out|find someone else|get out)$/, strength: 0.9 },
  { re: /\bget over yourself\b|^keep \w+ing\b(?= (?:me|my|us|your|the|then))/, strength: 0.8 },
  {
    re: /\byou (?:seriously |really |honestly |just )?(?:need to|have to|must|better|had better|'d better|should|ought to) (?:\w+ )?(?:stop|start|grow|get|learn|apologi[sz]e|leave|back off|calm down|think|listen|fix|pay|move|admit|take responsibility|own|respect|deal|figure|accept|change|realise|realize|understand|quit|sort|check|wake|shut|step)\b/,
    strength: 0.7,
    guard: both(guards.notWarm, guards.draftNotWarm),
  },
  { re: /\bi need you to (?:stop|leave|back off|get out|understand|listen|go)\b/, strength: 0.6 },
  {
    re: /\bkindly (?:stop|refrain|do not|don't|remove|respect|leave|read|reply|answer)\b/,
    strength: 0.8,
  },
];

/** "Treat yourself", "take care of yourself": kind commands that end in "yourself". */
const KIND_YOURSELF_RE =
  /\b(?:treat|enjoy|be|help|pace|look after|take care of|care of|on|proud of|kind to|make) yourself$/;

/** Harsh AFINN points a command needs besides its verb to sting. */
const STING_MIN_POINTS = 2;

/** A command with a sting: its sentence also has harsh words or points at the reader's self. */
const stingingCommand = (ctx: ToneContext): Hit[] => {
  const hits: Hit[] = [];
  if (ctx.warm || LAUGHTER_RE.test(ctx.draft.text)) return hits;
  ctx.draft.sentences.forEach((s, i) => {
    if (!ctx.imperative[i]) return;
    // Harsh words in the command's own clause, besides the verb ("Drop by whenever" is kind;
    // "drop" is AFINN −1; "let me know if I've been needy" is about the writer).
    const clause = ctx.clauses[i]?.[0] ?? [];
    const verb = clause.findIndex((w) => COMMAND_VERBS.has(w) && w !== "don't" && w !== 'never');
    const v = valenceOf(clause.map((w, k) => (k === verb ? '' : w)));
    const sting =
      (v.harsh >= STING_MIN_POINTS && v.harsh >= v.warm) ||
      /\b(?:your own|for once|for a change|already|sometime|just once|actually)\b/.test(s.text) ||
      (/\byourself$/.test(s.text) && !KIND_YOURSELF_RE.test(s.text)) ||
      // Shouted: "Pick up your phone!!!"
      (s.end.length >= 2 && s.end.includes('!'));
    if (sting) {
      hits.push({
        family: 'command',
        strength: 0.5,
        reason: 'telling them what to do',
        sentence: i,
      });
    }
  });
  return hits;
};

export function commandHits(ctx: ToneContext): Hit[] {
  return [...scanPatterns(ctx, 'command', COMMAND_PATTERNS), ...stingingCommand(ctx)];
}
