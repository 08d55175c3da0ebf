/**
 * Signs of calm: owning a mistake, care for the reader, gentle requests and "I" statements,
 * laughter, and warm words. They lower the score, so a hard subject said kindly ("I was hurt
 * when you didn't call. Can we talk?") stays calm.
 *
 * A sign counts only in a sentence with nothing hostile in it: "Thanks for nothing" is not
 * thanks, and "sorry, but you're pathetic" is not an apology.
 */
import type { ToneContext } from '../context';
import { scanPatterns, type Hit, type TonePattern } from '../signal';

/** Warm AFINN points that make one unit of warmth. */
export const WARM_POINTS_PER_UNIT = 4;

const APOLOGY_PATTERNS: readonly TonePattern[] = [
  {
    re: /\b(?:i'm|i am) (?:so |really |very |truly |terribly |deeply )?sorry\b(?!,? (?:but|you feel|if you|that you feel|for existing|i asked|not sorry))|^sorry\b(?!,? (?:but|for existing|i asked|not sorry|did|was|who|what))/,
    strength: 1,
  },
  {
    re: /\bi apologi[sz]e\b|\bmy (?:bad|fault|mistake)\b|\bi was wrong\b|\bi shouldn't have\b|\bi should(?:'ve| have)\b|\bthat wasn't fair\b|\bi didn't mean\b|\bi messed up\b|\bi overreacted\b|\bforgive me\b|\bi take (?:it|that) back\b|\bmy part\b|\bi was (?:being )?(?:unfair|defensive|harsh|rude|short|out of line|stubborn|a mess)\b|\bi got (?:defensive|snappy|short)\b|\bsorry for (?:snapping|the|being|my)\b/,
    strength: 1,
  },
];

const CARE_PATTERNS: readonly TonePattern[] = [
  {
    re: /\bare you (?:ok|alright|all right|doing ok|feeling)\b|\bis everything (?:ok|alright|all right)\b|\bhow are you\b|\bhow (?:was|is|did) (?:your|the|it)\b|\bhope you(?:'re| are| feel| had| have| get)\b|\bhope (?:it|everything|the day|today|the|all)\b/,
    strength: 1,
  },
  {
    re: /\btake (?:care|your time|it easy)\b|\bno (?:rush|pressure|stress|worries|problem|need to (?:apologi[sz]e|worry|rush))\b|\bnot a (?:problem|big deal)\b|\bdon't (?:worry(?! about me)|rush|feel bad|apologi[sz]e)\b|\b(?:it's|that's) (?:totally |really |honestly |completely )?(?:ok|fine|alright|all right|no big deal)\b(?=,| honestly| really| i promise| no worries| don't worry| seriously| though| by me| with me| if| to)|\bit happens\b|\bnot your fault\b|\byou did (?:everything|nothing wrong|your best|all you could|great|so well)\b|\byou've done nothing wrong\b|\bnothing to (?:apologi[sz]e|be sorry) for\b|\bthese things happen\b/,
    strength: 1,
  },
  {
    re: /\bhappy to\b|\bhere for you\b|\bi'm here\b|\blet me know\b|\bif you need\b|\bthinking of you\b|\b(?:love|miss|adore) you\b|\bproud of you\b|\bgood luck\b|\byou deserve(?:d)?\b|\byou(?:'ve)? got this\b|\byou'll be (?:great|fine|amazing|brilliant)\b|\bfeel better\b|\bget well\b|\bsleep well\b|\bsweet dreams\b|\bsafe (?:travels|trip|flight|journey)\b|\bhome safe\b/,
    strength: 1,
  },
  {
    re: /\bi (?:understand|get (?:it|why)|hear you)\b|\bthat (?:sounds|must (?:have been|be)) (?:\w+ )?(?:hard|awful|rough|tough|exhausting|frustrating|stressful|difficult|scary|painful|lonely)\b|\bsorry (?:to hear|for your loss|you had to|that happened|about)\b|\bi'm listening\b|\byou have every right\b|\b(?:have you|did you) eat(?:en)?\b|\byou sound (?:tired|exhausted|stressed|down|low|unwell|ill|poorly|sad|upset)\b|\bwhat can i do\b|\banything i can do\b|\bcan i help\b|\bdo you need anything\b|\bwant me to\b/,
    strength: 1,
  },
  {
    re: /\bmeans? (?:a lot|so much|everything|the world)\b|\bmeant (?:a lot|so much)\b|\byou're (?:the best|amazing|a star|a lifesaver|so kind|so sweet|a legend)\b|\bso (?:kind|sweet|thoughtful) of you\b|\bcouldn't have done it without you\b/,
    strength: 1,
  },
  {
    re: /\bhappy (?:birthday|anniversary|new year|holidays)\b|\bcongrat(?:ulation)?s\b(?! on (?:being|making|ruining|managing|finally))|\bcan't wait\b|\bwish you were here\b|<3|\bhugs?\b|\bxx*$/,
    strength: 1,
  },
  {
    re: /\bi (?:feel|felt|'m feeling|was hurt)\b|\bit hurt\b|\bi(?:'d| would) (?:like|love|prefer|rather|appreciate)\b|\b(?:can|could|shall) we\b|\blet's\b|\bcould you (?:please )?\b|\bwould you (?:mind|be (?:ok|okay|able|free))\b|\bis it (?:ok|alright) if\b|\bwould it be (?:ok|possible)\b|\bwhen you (?:get|have) a (?:chance|moment|minute|sec)\b|\bwhenever\b|\bif you(?:'re| are)? (?:free|up for|around|able|have time|get a chance|want|like|don't mind)\b/,
    strength: 0.6,
  },
  {
    re: /\bjust (?:checking|wanted to|a (?:reminder|heads up))\b|\b(?:gentle|friendly|quick) (?:reminder|question)\b|\bheads up\b|\bnot (?:because of|about) you\b|\bnothing personal\b|\bit's not you\b|\bnothing (?:bad|serious|is wrong)\b/,
    strength: 0.6,
  },
];

/** Thanks: usually kind, but sarcasm borrows it ("Thanks so much for that."), so it is weighed apart. */
const THANKS_PATTERNS: readonly TonePattern[] = [
  {
    re: /\bthank you\b|\bthanks\b|\bcheers\b|\bi (?:really )?appreciate (?:you|it|that|your)\b|\bty\b/,
    strength: 1,
  },
];

const LAUGHTER_RE =
  /\b(?:ha(?:ha)+h?|hehe+|lol|lmao|rofl|jk|just kidding|kidding)\b|[\u{1F602}\u{1F923}\u{1F606}\u{1F604}\u{1F601}\u{1F605}\u{1F60A}\u{1F970}\u{1F618}\u{1F642}\u{1F600}\u{1F60D}\u{2764}\u{1F495}\u{1F49B}\u{1F499}\u{1F49A}\u{1F49C}\u{1F917}\u{1F973}\u{1F389}\u{1F60E}\u{1F648}]/u;

/** Signs of calm in the sentences that have no hostile hit (`hostile` holds their indexes). */
export function careHits(ctx: ToneContext, hostile: ReadonlySet<number>): Hit[] {
  const calm = (h: Hit): boolean => !hostile.has(h.sentence);
  const hits = [
    ...scanPatterns(ctx, 'apology', APOLOGY_PATTERNS).filter(calm),
    ...scanPatterns(ctx, 'care', CARE_PATTERNS).filter(calm),
    ...scanPatterns(ctx, 'thanks', THANKS_PATTERNS).filter(calm),
  ];
  ctx.draft.sentences.forEach((s, i) => {
    if (LAUGHTER_RE.test(s.raw.toLowerCase())) {
      hits.push({ family: 'laughter', strength: 1, reason: '', sentence: i });
    }
    // Only warmth sarcasm does not borrow: "delighted", "relieved", not "great" or "thanks".
    const v = ctx.valence[i];
    if (v && v.sincereWarm > 0 && !hostile.has(i)) {
      hits.push({
        family: 'warmth',
        strength: v.sincereWarm / WARM_POINTS_PER_UNIT,
        reason: '',
        sentence: i,
      });
    }
  });
  return hits.map((h) => ({ ...h, reason: '' }));
}
