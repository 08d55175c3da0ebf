/**
 * Guilt-tripping and martyrdom: making the reader feel bad by making oneself small ("don't worry
 * about me", "I'll just do it myself", "after everything I've done", "I guess I don't matter").
 */
import type { ToneContext } from '../context';
import { both, guards, scanPatterns, type Hit, type TonePattern } from '../signal';

/** Said flat, in a draft that is not warm: "I'm the only one in jeans 😂" is a joke. */
const flat = both(guards.deadpan, guards.draftNotWarm);

const GUILT_PATTERNS: readonly TonePattern[] = [
  { re: /\bdon't (?:worry|mind) about me\b|\b(?:oh )?don't mind me\b/, strength: 1 },
  {
    re: /\b(?:beg|chase|force|make|remind) you to (?:care|listen|help|call|respect|notice|love|stay|show up|text)\b|\bi'm not (?:going to|gonna) (?:beg|chase|keep (?:asking|chasing|begging))\b/,
    strength: 0.9,
  },
  { re: /\bi'm not (?:going to|gonna) keep \w+ing\b/, strength: 0.8 },
  {
    re: /\bwast(?:ing|e) my (?:breath|time|energy)\b|\bforget i (?:said|asked|mentioned) anything\b/,
    strength: 0.8,
  },
  {
    re: /\b(?:i|we) only (?:cooked|cleaned|waited|drove|spent|worked|planned|organised|organized|paid)\b/,
    strength: 0.8,
    guard: flat,
  },
  {
    re: /\bi'll just (?:do it myself|do everything|sit here|wait|stay home|be alone|figure it out|manage|handle it|deal with it|go|leave|shut up|keep quiet|stop (?:asking|trying|caring)|ask someone else|pretend|get over it)\b/,
    strength: 0.9,
  },
  {
    re: /\b(?:fine|ok),? i'll (?:just )?(?:do it|go|sort it|handle it|figure it out)(?: myself| alone| on my own)?\b/,
    strength: 0.8,
    guard: flat,
  },
  {
    re: /\b(?:do|did|does) (?:it|everything) (?:myself|on my own|alone)\b.*\b(?:always|as usual|like always|again)\b|\blike i always do\b/,
    strength: 0.9,
  },
  {
    re: /\bi guess (?:i'm|i am|i don't|my|i'll|that was my|i should|i'm just)\b/,
    strength: 0.6,
    guard: flat,
  },
  {
    re: /\b(?:i|my \w+) (?:clearly |obviously |just )?(?:don't|doesn't|didn't|never) (?:matter|count)\b|\bnot (?:important|as (?:important|valuable)) (?:to you|as)\b|\bisn't as (?:valuable|important)\b/,
    strength: 1,
  },
  {
    re: /\bafter (?:everything|all) (?:i(?:'ve| have)?|we(?:'ve)?) (?:done|did|gave|been through|sacrificed)\b|\bafter all i\b/,
    strength: 1,
  },
  {
    re: /\b(?:this|that) is (?:the thanks i get|how you repay)\b|\bhow you repay me\b/,
    strength: 1,
  },
  {
    re: /\bi (?:do|did) everything\b|\bi always have to\b|\bi'm always the one\b|\bi'm the only (?:one|adult|person)\b|\bthe only one who (?:ever )?(?:tries|cares|does|bothers|remembers)\b/,
    strength: 0.8,
    guard: flat,
  },
  {
    re: /\b(?:nobody|no one) (?:ever |even )?(?:cares|asks|helps|listens|thinks|remembers|notices|noticed|bothers|bothered|checks|thanked|thanks|helped|asked)\b/,
    strength: 0.6,
    guard: flat,
  },
  { re: /\bi'm used to (?:it|being|this)\b/, strength: 0.8 },
  {
    re: /\bi'm (?:always )?the (?:bad guy|villain|idiot|problem|last to know)\b|\bthe last to know\b/,
    strength: 0.8,
  },
  {
    re: /\bi (?:gave|give) up (?:my|everything|so much)\b|\bi (?:bent|bend) over backwards\b|\bi sacrificed\b|\bi dropped everything\b/,
    strength: 0.7,
  },
  {
    re: /\bi expected (?:nothing|better|more)\b|\bi should have known\b|\bshould've known\b|\bmy mistake for\b|\bthat was my mistake\b/,
    strength: 0.8,
  },
  {
    re: /\b(?:i don't know|not sure|no idea|i wonder) why i (?:even )?(?:bother|try|tried|care|expected|thought|trusted|believed|bothered)\b|\bwhy do i (?:even )?(?:bother|try|care)\b/,
    strength: 1,
  },
  {
    re: /\bi'll (?:just )?stop (?:asking|trying|bothering|caring|texting|calling|making an effort|offering)\b/,
    strength: 0.8,
  },
  {
    re: /\bi (?:wasted|gave you) (?:\w+ )?(?:years|months|my time|my life|my best)\b/,
    strength: 0.9,
  },
  {
    re: /\bnot (?:that|like) (?:you|anyone) (?:care|cares|cared|noticed|asked|listen|listens)\b|\bnot that it matters\b/,
    strength: 1,
  },
  {
    re: /\bmy (?:feelings|time|needs|opinion) (?:just |clearly |obviously )?(?:don't|doesn't|never) (?:count|matter)\b/,
    strength: 1,
  },
  {
    re: /\b(?:i'm|i am) not (?:your|a) (?:\w+ )?(?:maid|servant|slave|mum|mom|mother|therapist|babysitter|butler|cleaner|bank|atm|punching bag|employee|secretary|assistant|taxi|alarm clock|diary|chef|chauffeur|doormat|parent|dad|father|keeper|carer|nanny|cook|driver)\b/,
    strength: 1,
  },
];

export function guiltHits(ctx: ToneContext): Hit[] {
  return scanPatterns(ctx, 'guilt', GUILT_PATTERNS);
}
