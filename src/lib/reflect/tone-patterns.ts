/**
 * Patterns of heated writing, grouped by family. Each is a general shape of English ("you always
 * …", "… or we're done", "nice of you to finally …"), not a sentence from any test file.
 *
 * Patterns read the prepared text of tone-text.ts: lower case, straight quotes, quoted speech
 * blanked. A weight of 1 or more is a strong signal that reads as heated on its own; a smaller one
 * only counts together with others (see tone.ts).
 */

export type ToneFamily =
  | 'absolute'
  | 'blame'
  | 'command'
  | 'sarcasm'
  | 'pointed'
  | 'dismissive'
  | 'threat'
  | 'question'
  | 'swearing'
  | 'exasperation'
  | 'reproach'
  | 'anger';

/**
 * When a pattern only counts in some sentences:
 * - `not-positive`: the sentence's words are not, on balance, warm ("you always make me laugh"
 *   is praise, "you always interrupt" is not);
 * - `addressed`: the sentence speaks to the reader (has "you", "your" …), which separates
 *   "I'm tired of this rain" from "I'm tired of your excuses";
 * - `text-not-positive`: the whole draft is not, on balance, warm — for one-word sentences whose
 *   meaning is in the next one ("Stop! That's hilarious").
 */
export type ToneGuard = 'not-positive' | 'addressed' | 'text-not-positive';

export interface TonePattern {
  family: ToneFamily;
  re: RegExp;
  weight: number;
  guard?: ToneGuard;
}

/** How each family is named in a reason; absolutes are quoted bare, as in "'you always'". */
export const FAMILY_LABEL: Record<ToneFamily, string> = {
  absolute: '',
  blame: 'blame',
  command: 'telling them to stop or go',
  sarcasm: 'sarcasm',
  pointed: 'pointed phrase',
  dismissive: 'dismissive',
  threat: 'threat or ultimatum',
  question: 'accusing question',
  swearing: 'swearing at them',
  exasperation: 'exasperation',
  reproach: 'reproach',
  anger: 'anger at them',
};

/** The start of a sentence or clause, optionally after a filler word ("Just stop.", "Oh, so …"). */
const S = String.raw`(?:^|(?<=[.!?\n,;:\u2014\u2013(-]\s*)|(?<=\b(?:just|so|now|and|then|oh|ok|okay|seriously|honestly|please|well)\s+))`;
/** The end of a sentence: terminal punctuation or the end of the text. */
const END = String.raw`(?=\s*(?:[.!?]|$))`;
const YOU_ARE = String.raw`(?:you're|youre|you are|ur|u r)`;
/** "Not", "never" or a "…n't" shortly before: "I'm not angry with you" is not anger. */
const NOT_NEGATED = String.raw`(?<!(?:\bnot|\bnever|n't)\s+(?:\w+\s+)?)`;

function pattern(
  family: ToneFamily,
  weight: number,
  source: string,
  guard?: ToneGuard,
): TonePattern {
  return { family, weight, re: new RegExp(source, 'g'), ...(guard ? { guard } : {}) };
}

const absolutes: TonePattern[] = [
  // "you always/never", but not the question "do you always…?" nor "you never know/guess".
  pattern(
    'absolute',
    0.6,
    String.raw`(?<!\b(?:do|did|does|are|were|have|has|will|would|can|could|should|why|if|when)\s)\byou(?:'re| are)?\s+(?:just\s+|literally\s+|honestly\s+)?(?:always|never|constantly|forever)\b(?!\s+(?:know|guess|believe|fail to|cease to|disappoint))`,
    'not-positive',
  ),
  pattern('absolute', 0.5, String.raw`\byou (?:keep|kept) (?:on )?\w+ing\b`, 'not-positive'),
  pattern('absolute', 0.5, String.raw`\bevery (?:single )?time\b`, 'addressed'),
  pattern('absolute', 0.4, String.raw`\bevery single\b(?! time)`, 'not-positive'),
  pattern('absolute', 0.5, String.raw`\b(?:not (?:even )?once|never once)\b`),
  pattern('absolute', 0.6, String.raw`\bfor once\b`, 'not-positive'),
  pattern('absolute', 0.5, String.raw`\bas (?:usual|always)\b`, 'not-positive'),
  pattern('absolute', 0.4, String.raw`\b(?:once|yet) again\b`, 'not-positive'),
  pattern('absolute', 0.6, String.raw`${S}typical\b`),
  pattern('absolute', 0.5, String.raw`\b(?:like|as) (?:i )?always(?: do)?${END}`, 'not-positive'),
  pattern(
    'absolute',
    0.8,
    String.raw`\b(?:everything|it)(?:'s| is)? (?:always )?(?:all )?about you\b`,
  ),
  pattern(
    'absolute',
    0.8,
    String.raw`\byou only (?:ever )?(?:\w+ )?(?:text|call|message|care|think|show up|come|remember|talk|want|reach out)\b`,
  ),
  pattern('absolute', 0.6, String.raw`\byou (?:don't|didn't|do not|did not) even\b`),
  pattern(
    'absolute',
    0.4,
    String.raw`\b(?:nobody|no one|everyone|everybody) (?:\w+ ){0,2}(?:knows|thinks|wants|likes|cares|agrees|sees)\b`,
    'addressed',
  ),
];

const BLAME_VERBS = String.raw`(?:ruin|ruined|ruins|wreck|wrecked|destroy|destroyed|betray|betrayed|humiliate|humiliated|embarrass(?:ed)? me|lie|lied|lies|ignore(?:d)? me|abandon(?:ed)? me|use(?:d)? me|manipulate(?:d)? me|let me down|screw(?:ed)? (?:\w+ )?up|mess(?:ed)? (?:\w+ )?up|blew it|broke (?:your|my|our|every) (?:promise|word|trust|heart)|started (?:this|it|all this)|bail(?:ed)?(?: on me)?|flaked(?: on me)?|ditched me|dumped me|blew me off|stood me up|walked out on|went behind my back|threw me under the bus)`;

const blame: TonePattern[] = [
  pattern(
    'blame',
    1,
    String.raw`\b(?:it's|it is|this is|that's|that is|its)(?: all| entirely| totally| completely| always)? (?:your|ur) (?:own )?fault\b`,
  ),
  pattern(
    'blame',
    1,
    String.raw`\b(?:always|apparently|somehow|of course) my fault\b|\bmy fault (?:with|according to|to) you\b`,
  ),
  pattern('blame', 0.6, String.raw`\bbecause of you\b`, 'not-positive'),
  pattern('blame', 0.6, String.raw`\bthanks to you\b`, 'not-positive'),
  pattern(
    'blame',
    0.6,
    String.raw`\byou made me (?!(?:so |very |really )?(?:happy|smile|laugh|proud|cry happy|feel (?:better|good|loved|seen|safe|welcome))\b)`,
    'not-positive',
  ),
  pattern(
    'blame',
    1,
    String.raw`\byou make me (?:sick|want to (?:scream|cry|leave)|so (?:angry|mad)|feel (?:stupid|small|worthless|like (?:an idiot|nothing|crap|garbage)))\b`,
  ),
  pattern(
    'blame',
    1,
    String.raw`\byou(?:'ve| have)?(?: just| really| totally| completely| literally| always| even| actually| once again| again)?(?: managed to| had to| chose to| decided to| went and)? ${BLAME_VERBS}\b`,
  ),
  pattern(
    'blame',
    1,
    String.raw`\byou(?:'ve| have)? been (?:lying|cheating|ignoring me|avoiding me|using me|hiding things)\b`,
  ),
  pattern('blame', 1, String.raw`\byou had no (?:right|business)\b`),
  pattern(
    'blame',
    1,
    String.raw`\byou treat (?:me|everyone|everybody|people|us|her|him|them) like\b`,
  ),
  pattern('blame', 0.5, String.raw`\bwithout (?:even )?asking\b`, 'addressed'),
  pattern('blame', 0.6, String.raw`\b(?:enough|so much) damage\b`, 'addressed'),
  pattern('blame', 0.8, String.raw`\byou owe me\b`, 'not-positive'),
  pattern(
    'blame',
    1,
    String.raw`\byou know (?:exactly |full well )?what you did\b|\bthrew (?:it|that|everything) (?:back )?in my face\b|\bmak(?:e|es|ing) me look (?:like )?(?:a |an )?(?:fool|idiot|stupid|bad|terrible|crazy|ridiculous)\b`,
  ),
  pattern('blame', 0.8, String.raw`\bno excuse for\b|\bthere(?:'s| is) no excuse\b`),
  pattern('blame', 0.5, String.raw`\band you know it${END}`, 'not-positive'),
  pattern('blame', 1, String.raw`\blook (?:at )?what you(?:'ve)? (?:did|done|made|caused)\b`),
  pattern('blame', 1, String.raw`\b(?:this|that)(?:'s| is) (?:all )?on you\b`),
  pattern('blame', 0.8, String.raw`\byou (?:did this|caused this|brought this on)\b`),
  pattern('blame', 1, String.raw`\b${YOU_ARE} the problem\b`, 'not-positive'),
  pattern('blame', 0.6, String.raw`\b${YOU_ARE} the (?:reason|one who)\b`, 'not-positive'),
];

const commands: TonePattern[] = [
  pattern('command', 1, String.raw`\bshut (?:the (?:hell|fuck|heck) )?up\b`, 'not-positive'),
  pattern(
    'command',
    1,
    String.raw`\b(?:back off|leave me (?:the (?:hell|fuck) )?alone|get lost|go away|get out of (?:my|here|this)|get over (?:it|yourself)|get a (?:grip|life|clue)|grow up|grow a (?:spine|pair|backbone)|mind your own business|deal with it|figure it out (?:yourself|on your own)|knock it off|cut it out|don't you dare)\b`,
  ),
  pattern('command', 1, String.raw`${S}(?:get out|stay out|drop it|leave)${END}`),
  pattern('command', 1, String.raw`\b(?:stay|keep) (?:out of|away from) (?:my|me)\b`),
  pattern('command', 1, String.raw`\bdon't (?:even )?(?:start|go there)(?= with me|${END})`),
  pattern('command', 0.8, String.raw`\bdon't (?:you )?ever\b`, 'addressed'),
  pattern(
    'command',
    1,
    String.raw`\b(?:don't|do not|never) (?:ever )?(?:text|call|message|contact|email|speak to|talk to|write to|come near)(?: me)?(?:\s+(?:again|ever|anymore)\b|${END})`,
  ),
  // Imperative "Stop …" at the start of a sentence; not "stop by", nor kind "stop worrying".
  pattern(
    'command',
    1,
    String.raw`${S}stop(?!\s+(?:by|in|over|at|for|to|and|worrying|apologi[sz]ing|stressing|overthinking|beating yourself)\b)\s+(?:\w+ing|it|that|this|now)\b`,
    'text-not-positive',
  ),
  // A bare "Stop." leans on what follows: "Just stop." vs "Stop! That's hilarious".
  pattern('command', 0.6, String.raw`${S}stop${END}`, 'text-not-positive'),
  pattern(
    'command',
    1,
    String.raw`(?<!\b(?:to|i|we|should|must|gonna|never|can't|cannot|will|i'll|we'll)\s)\b(?:quit|stop) (?:lying|whining|complaining|pretending|acting like|texting me|calling me|bothering me|messaging me|making excuses|blaming)\b`,
  ),
  pattern(
    'command',
    0.6,
    String.raw`\b(?:can|could|will|would) you (?:please )?(?:just )?stop\b`,
    'not-positive',
  ),
  pattern(
    'command',
    0.8,
    String.raw`\bdon't bother(?= (?:replying|answering|responding|apologi[sz]ing|explaining|coming|calling|texting|trying|pretending)|${END})`,
  ),
  pattern('command', 0.6, String.raw`\b(?:do|say) whatever (?:you|u) (?:want|like)${END}`),
  pattern('command', 0.6, String.raw`${S}forget it${END}`),
  pattern(
    'command',
    1,
    String.raw`\blose my number\b|\b(?:keep|save) (?:your|the) (?:\w+ ){0,4}to yourself\b`,
  ),
  pattern('command', 0.8, String.raw`\bdon't (?:you )?(?:even )?pretend\b`),
  pattern(
    'command',
    1,
    String.raw`\bspare me\b|\bgo (?:cry|whine|complain|moan|run) (?:to|about|back|somewhere)\b`,
  ),
  pattern(
    'command',
    0.6,
    String.raw`${S}(?:answer|pick up) (?:your|the) (?:damn |bloody |fucking )?phone\b`,
  ),
  // Sarcastic permission: "Keep pretending …", "Go on, keep lying."
  pattern(
    'command',
    0.6,
    String.raw`${S}keep (?:on )?(?:pretending|ignoring me|lying|making excuses|blaming)\b`,
  ),
];

const sarcasm: TonePattern[] = [
  pattern('sarcasm', 1, String.raw`\bthanks for (?:nothing|finally|eventually|bothering)\b`),
  pattern('sarcasm', 0.5, String.raw`\bthanks a (?:lot|bunch|million)\b`),
  pattern(
    'sarcasm',
    0.6,
    String.raw`\boh,? (?:great|wonderful|perfect|brilliant|lovely|fantastic|joy|goody|sure|really|please)\b`,
  ),
  pattern('sarcasm', 0.6, String.raw`\bjust what i (?:needed|wanted)\b`),
  pattern('sarcasm', 1, String.raw`\b(?:yeah|yea|ya),? right\b(?=\s*(?:[.!,]|$|like\b))`),
  pattern(
    'sarcasm',
    1,
    String.raw`${S}sure,? you (?:did|do|were|are|will|would|have|had|can|could)${END}`,
  ),
  pattern('sarcasm', 1, String.raw`\b(?:must be nice|how convenient)\b`),
  pattern('sarcasm', 0.8, String.raw`\b(?:real|very|so|how) mature\b`, 'not-positive'),
  pattern(
    'sarcasm',
    0.8,
    String.raw`\b(?:what a (?:surprise|shock|shocker)|big surprise|colou?r me (?:surprised|shocked))\b`,
  ),
  pattern(
    'sarcasm',
    1,
    String.raw`\b(?:nice|kind|good|sweet|big|generous|thoughtful) of you to (?:finally|bother|show|grace|remember|notice|let me know|join|reply|answer|turn up)\b`,
  ),
  pattern(
    'sarcasm',
    1,
    String.raw`\bcongrat(?:ulation)?s,? you(?:'ve)? (?:managed|finally|really|actually|outdid|did it again)\b`,
  ),
  pattern('sarcasm', 0.6, String.raw`\bwow[,.!]*\s+(?:just\s+)?wow\b`),
  pattern(
    'sarcasm',
    1,
    String.raw`\b(?:that's|thats|that is) rich${END}|\b(?:that's|thats|that is) rich coming from\b|\bsays the (?:person|one|guy|girl|man|woman) who\b`,
  ),
  // Not "that means a lot coming from you".
  pattern(
    'sarcasm',
    0.6,
    String.raw`(?<!\bmeans (?:a lot|so much|everything|the world) )\bcoming from you\b`,
    'not-positive',
  ),
  pattern('sarcasm', 1, String.raw`\b(?:good|glad|nice|great) to know where i stand\b`),
  pattern('sarcasm', 0.6, String.raw`\bconveniently\b`, 'addressed'),
  // A compliment on something bad ("you're good at that") is warm to AFINN, so no guard.
  pattern(
    'sarcasm',
    0.6,
    String.raw`\b${YOU_ARE} (?:so |really )?(?:good|great|best) at (?:that|it|this)${END}`,
  ),
  pattern('sarcasm', 0.4, String.raw`\bgood for you${END}`),
  pattern(
    'sarcasm',
    0.5,
    String.raw`\blike you (?:were|are|ever|would|care|cared|even|actually)\b`,
    'not-positive',
  ),
  pattern(
    'sarcasm',
    0.6,
    String.raw`${S}(?:great|perfect|wonderful|fantastic|brilliant|lovely)[.!]+\s+(?:just (?:great|perfect|wonderful|brilliant)|another|thanks)\b`,
  ),
  pattern(
    'sarcasm',
    0.8,
    String.raw`\bof course you (?:did|would|do|are|were|didn't|don't|wouldn't|forgot|can't|couldn't)\b`,
    'not-positive',
  ),
  pattern('sarcasm', 0.8, String.raw`\b(?:so|oh) now you\b`),
  pattern('sarcasm', 0.4, String.raw`\byou finally\b`, 'not-positive'),
  pattern('sarcasm', 1, String.raw`\b(?:classic|typical) you\b`),
  pattern('sarcasm', 1, String.raw`\bfunny how\b`, 'addressed'),
  pattern('sarcasm', 1, String.raw`\b(?:real|very|how|so) classy\b|${S}classy${END}`),
  // Mock sympathy for a trivial effort: "must have been so hard to pick up a phone".
  pattern(
    'sarcasm',
    1,
    String.raw`\bmust (?:have )?been (?:so |really |very |such )?(?:hard|difficult|tough|exhausting|an effort) (?:for you )?to (?:pick up|answer|send|reply|text|call|say|type|write|remember|show up|be on time|tell me|let me know|lift a finger|help|check)\b`,
  ),
  pattern(
    'sarcasm',
    0.5,
    String.raw`\b(?:aren't|don't|didn't|won't|isn't|can't|weren't|wasn't) you${END}`,
    'not-positive',
  ),
  pattern('sarcasm', 0.5, String.raw`\bwhat,? exactly\s*\?`),
  pattern(
    'sarcasm',
    1,
    String.raw`\bi hope (?:it was|it's|you're|you are|that was) (?:worth it|happy now|proud of yourself)\b|\bhope you're happy\b`,
  ),
  // Belittling "your little trip", but not "your little one/sister".
  pattern(
    'sarcasm',
    0.6,
    String.raw`\byour (?:little|precious) (?!(?:one|ones|boy|girl|sister|brother|baby|guy|man|kid|kids|cousin)\b)\w+`,
    'not-positive',
  ),
];

const pointed: TonePattern[] = [
  pattern('pointed', 1, String.raw`\bper my (?:last|previous|earlier)\b`),
  pattern(
    'pointed',
    0.5,
    String.raw`\bas i(?:'ve)? (?:already |previously |clearly )?(?:said|mentioned|stated|explained|told you)\b|\blike i (?:said|told you)\b`,
  ),
  pattern('pointed', 0.8, String.raw`\bno offen[cs]e,? but\b`),
  pattern('pointed', 0.6, String.raw`\bwith (?:all )?due respect\b|\bnot to be rude,? but\b`),
  pattern('pointed', 0.4, String.raw`\bjust saying${END}`),
  pattern(
    'pointed',
    0.8,
    String.raw`\b(?:i'm|i am) sorry (?:that )?you (?:feel|felt|think|see it|took it)\b(?! (?:so |really )?(?:low|sad|unwell|sick|ill|bad|down|lonely|awful|rough|overwhelmed))|\bsorry (?:that )?you(?:'re| are) so (?:upset|sensitive|offended)\b`,
  ),
  pattern('pointed', 0.6, String.raw`\bsorry if you (?:were|felt|feel|got|took)\b`),
  pattern('pointed', 0.8, String.raw`\bif you say so\b`),
  pattern('pointed', 0.6, String.raw`${S}noted${END}`),
  pattern('pointed', 0.4, String.raw`${S}(?:k|kk|fine)[.]`),
  pattern('pointed', 0.6, String.raw`\bi'll (?:just )?do it myself\b`),
  pattern(
    'pointed',
    1,
    String.raw`\bi guess i'm (?:just )?not (?:important|good|worth|a priority|enough)\b`,
  ),
  pattern('pointed', 0.6, String.raw`\bwhere i stand\b`, 'addressed'),
  pattern('pointed', 0.6, String.raw`\bno wonder\b`, 'addressed'),
  pattern(
    'pointed',
    1,
    String.raw`\byou (?:clearly|obviously) (?:don't|do not|can't|have no|never|didn't)\b`,
  ),
  pattern('pointed', 0.5, String.raw`\bnot (?:even )?surprised\b`, 'not-positive'),
  pattern(
    'pointed',
    0.8,
    String.raw`\b(?:exactly|that's|this is|shows) (?:who|what) you (?:really )?are\b`,
  ),
  pattern('pointed', 1, String.raw`\b(?:i )?expected (?:better|more) (?:from|of) you\b`),
  pattern(
    'pointed',
    0.8,
    String.raw`\bi thought you were (?:better|different|my friend|smarter|above)\b`,
  ),
  pattern('pointed', 1, String.raw`\bshame on you\b|\byou should be ashamed\b`),
];

const dismissive: TonePattern[] = [
  pattern('dismissive', 0.8, String.raw`${S}whatever(?=\s*(?:[.!,]|$))`),
  pattern(
    'dismissive',
    1,
    String.raw`\bi (?:just )?(?:don't|do not) care(?= anymore| what (?:you|your)| about (?:you|your|it|this|that)| how you|${END})`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\bi couldn't care less\b|\bnot that you(?:'d)? (?:care|cared|asked|noticed|notice)\b|\b(?:nobody|no one|who) asked\b`,
  ),
  pattern(
    'dismissive',
    0.8,
    String.raw`\b(?:says it all|speaks volumes|tells me (?:all|everything) i need to know)\b`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:that's|that is|it's|sounds like) (?:your|a you) problem\b`,
  ),
  pattern('dismissive', 0.8, String.raw`\bnot my problem\b`),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:i'm|i am|we're|we are)\s+(?:so\s+|just\s+|really\s+|completely\s+)?(?:done|finished|through)(?:\s+with\s+(?:you|this|us|your\s+\w+|it all|all of this|everything))?${END}`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:i'm|i am) (?:so |just |really )?done with (?:you|your|this|us|it all|all of)\b`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:i'm|i am) (?:so |really |just )?(?:sick|tired) of (?:you|your|the way you|how you)\b`,
  ),
  pattern(
    'dismissive',
    0.6,
    String.raw`\b(?:i'm|i am) (?:so |really |just )?(?:sick|tired) of (?:this|it|hearing|always|being|everything)\b`,
    'addressed',
  ),
  pattern('dismissive', 1, String.raw`\bsick and tired\b`),
  pattern(
    'dismissive',
    0.8,
    String.raw`\b(?:i'm|i am|i've|i have) (?:so |really )?(?:fed up|had (?:it|enough))\b`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\bi (?:can't|cannot) stand (?:you|your|it when you|how you|the way you|that you|being around you)\b`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\bi hate (?:you|your (?:guts|attitude|excuses|lies|lying|tone)|it when you|how you|the way you|when you|that you (?:always|never|keep|can't|won't))\b`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:you disgust me|i'm ashamed of you|i'm better off without you|you mean nothing)\b`,
  ),
  pattern(
    'dismissive',
    0.6,
    String.raw`\b(?:is|was) (?:so )?(?:pointless|hopeless|a waste of (?:time|breath|energy))\b`,
    'addressed',
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:nothing (?:left )?to say to you|means nothing to me|i don't need you)\b`,
    'addressed',
  ),
  pattern('dismissive', 0.5, String.raw`\bcan't be bothered\b`, 'addressed'),
  pattern('dismissive', 0.8, String.raw`\bnot interested\b`, 'addressed'),
  pattern(
    'dismissive',
    1,
    String.raw`\bwhy do i (?:even |still )?bother\b|\b(?:can't|cannot) (?:even )?(?:look at|stand to look at|be around) you\b|\b(?:can't|cannot|don't|won't|never) trust (?:you|a (?:single )?word)\b`,
  ),
  pattern(
    'dismissive',
    0.8,
    String.raw`\bnot (?:even )?a (?:single )?(?:text|call|message|word|sorry|thank you|thanks|phone call)\b`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:i'm|i am) (?:so |just |really )?(?:done|finished|through) (?:explaining|trying|talking|arguing|caring|waiting|listening|pretending|begging|apologi[sz]ing|asking|helping|making (?:plans|an effort|excuses))\b`,
  ),
  pattern(
    'dismissive',
    1,
    String.raw`\b(?:is|are|was|were) (?:worth nothing|worthless|meaningless)\b`,
    'addressed',
  ),
  pattern('dismissive', 0.5, String.raw`\bsomeone (?:else|who cares)\b`, 'addressed'),
  pattern('dismissive', 0.6, String.raw`\bi can't believe you\b`, 'not-positive'),
  // Regret at having trusted or loved someone reads warm to AFINN ("trusted"), so no guard.
  pattern('dismissive', 1, String.raw`\bi can't believe i (?:ever|actually|once)\b`),
];

const threats: TonePattern[] = [
  pattern(
    'threat',
    1,
    String.raw`\bor else\b|\bor (?:we're|we are|i'm|i am|i'll be|it's) (?:done|finished|through|over|out|leaving|gone|blocking you)\b`,
  ),
  pattern('threat', 1, String.raw`\b(?:your|the|my) (?:last|final) (?:chance|warning)\b`),
  pattern('threat', 0.8, String.raw`\b(?:this is|that's|that was|it's) the last time (?:i|you)\b`),
  pattern(
    'threat',
    1,
    String.raw`\byou(?:'ll| will| are going to|'re going to|'re gonna) (?:regret|be sorry|pay for)\b`,
  ),
  pattern(
    'threat',
    1,
    String.raw`\b(?:i'm warning you|consider this (?:a|your) warning|don't make me|don't test me|don't push me|watch (?:your (?:mouth|back|tone|step)|yourself))\b`,
  ),
  pattern('threat', 1, String.raw`${S}try me${END}`),
  pattern('threat', 1, String.raw`\bi swear(?: to god)?,? (?:if|i'll|i will)\b`),
  pattern('threat', 0.6, String.raw`\bi swear to god\b`),
  pattern(
    'threat',
    1,
    String.raw`\b(?:we're|we are|it's|this is) (?:so )?(?:over|done|finished|through)${END}`,
    'not-positive',
  ),
  pattern(
    'threat',
    1,
    String.raw`\bif you (?:\w+ ){0,8}(?:again|one more time|ever)\b,? (?:i|we)(?:'ll| will|'m| am| are|'re)\b`,
  ),
  pattern('threat', 0.8, String.raw`\byou can forget (?:about )?\b`, 'not-positive'),
  pattern(
    'threat',
    1,
    String.raw`\b(?:i'm|i am|i'll be) (?:walking out|leaving you|blocking you|calling (?:a|my) lawyer)\b|\bi'll (?:tell everyone|report you|block you|make you (?:regret|pay|sorry))\b`,
  ),
  pattern(
    'threat',
    1,
    String.raw`\bone more (?:word|time|thing|chance|comment|remark)\b[^.!?\n]{0,60}\b(?:and|or) (?:i'm|i am|i'll|i will|we're|we are|you're|you'll|it's)\b`,
  ),
  pattern(
    'threat',
    1,
    String.raw`\b(?:i'm|i am|i'll be|i will be|i'll|i will) (?:blocking|block|unfriending|unfollowing|deleting) (?:you|your)\b`,
  ),
  pattern(
    'threat',
    0.8,
    String.raw`\bnever (?:asking|helping|trusting|lending|doing|covering for|calling|texting|forgiving) you\b`,
  ),
  pattern(
    'threat',
    1,
    String.raw`\bi (?:never|don't) want to (?:see|hear from|talk to|speak to) you\b`,
  ),
];

const questions: TonePattern[] = [
  pattern(
    'question',
    1,
    String.raw`\bwhat(?:'s| is| the hell is| the fuck is) (?:wrong|the matter) with you\b|\bwhat(?:'s| is) your (?:problem|deal|issue)\b|\bhow dare you\b|\bwho (?:the hell |the fuck )?do you think you are\b`,
  ),
  pattern('question', 0.8, String.raw`\bwhat were you thinking\b`),
  pattern('question', 0.8, String.raw`\bwhat the (?:hell|fuck|heck)\b`, 'not-positive'),
  pattern(
    'question',
    0.6,
    String.raw`\bare you (?:serious|kidding|joking|for real|insane|crazy|deaf|blind|out of your mind)\b`,
    'not-positive',
  ),
  pattern(
    'question',
    1,
    String.raw`\bhow (?:many times|hard|difficult) (?:do i|have i|must i|is it|can it be|would it be)\b|\bis it (?:too much|so hard|that hard|really that hard) to\b|\bwhy is it so (?:hard|difficult) for you\b`,
  ),
  pattern(
    'question',
    0.6,
    String.raw`\bwhy (?:is it so hard|can't you|won't you|couldn't you|would you|must you|do you (?:always|never|keep|even|insist)|are you (?:always|so|being|like this)|did you even)\b`,
  ),
  pattern('question', 0.6, String.raw`\b(?:do|did|are|can|were) you even\b`),
  pattern('question', 0.4, String.raw`\bwhy didn't you\b`, 'not-positive'),
  pattern(
    'question',
    0.8,
    String.raw`\b(?:do|did) you (?:really |honestly |seriously |actually )?think (?:you can|you could|you're|you are|i'm|i am|i'd|i would|i will|this is|that's|it's (?:ok|okay|fine|funny|acceptable))\b|${S}you (?:really |honestly |seriously |actually )?think (?:you can|you could|i'm|i am|i'd|i would|i'll)\b`,
  ),
  pattern('question', 0.6, String.raw`\bdon't you think you(?:'ve|'re| have| are)?\b`),
  pattern(
    'question',
    0.8,
    String.raw`\bwhat kind of (?:a )?(?:person|friend|partner|parent|mother|father|mum|mom|dad|husband|wife|boyfriend|girlfriend|son|daughter|brother|sister|human being|adult|man|woman)\b`,
    'not-positive',
  ),
  pattern(
    'question',
    0.8,
    String.raw`\bwho (?:even )?(?:does|says|forgets|treats|acts like) (?:that|this)\b`,
  ),
  // "You told everyone?!" — a statement turned into a question is incredulity.
  pattern(
    'question',
    0.5,
    String.raw`${S}you(?:'re| are)? (?:really |actually |seriously |honestly |just )?(?:going to|gonna|\w+ed)\b[^.!?\n]*\?`,
    'not-positive',
  ),
];

const swearing: TonePattern[] = [
  pattern(
    'swearing',
    1,
    String.raw`\b(?:fuck|screw|damn|f\*+k|f\*+) (?:you|u|off|yourself)\b|\bgo (?:fuck|screw) yourself\b|\b(?:piss|bugger|sod) off\b|\bgo to hell\b|\bstfu\b|\bgtfo\b|\bbite me\b|\bkiss my (?:ass|arse)\b`,
  ),
  pattern('swearing', 1, String.raw`\byou (?:fucking|bloody|damn|goddamn) \w+`),
  pattern('swearing', 0.8, String.raw`\byour (?:fucking|bloody|damn|goddamn) \w+`),
];

const exasperation: TonePattern[] = [
  pattern(
    'exasperation',
    0.4,
    String.raw`${S}(?:really|seriously|honestly|unreal|unbelievable|incredible|wow|are you serious)\s*[?!]+`,
  ),
  pattern('exasperation', 0.4, String.raw`${S}(?:unreal|incredible|figures)${END}`),
  pattern(
    'exasperation',
    0.8,
    String.raw`\bfor (?:god's|christ's|heaven's|pete's|fuck's|goodness'?) sake\b|\bfor crying out loud\b`,
  ),
  pattern('exasperation', 0.4, String.raw`\bugh\b`, 'addressed'),
];

/** Set phrases of reproach: English idioms people reach for when hurt or angry with someone. */
const reproach: TonePattern[] = [
  pattern(
    'reproach',
    1,
    String.raw`\byou(?:'ve)? (?:have |got )?(?:some|a lot of) nerve\b|\bhow could you\b|\bthis is the thanks i get\b|\bafter (?:everything|all) (?:i've|i have|i) (?:done|did|gave|given)\b|\bsome (?:friend|partner|husband|wife|boyfriend|girlfriend|brother|sister|mother|father|mum|mom|dad|son|daughter) you are\b|\byou're one to talk\b|\blook who's talking\b|\bwho are you to\b|\bact your age\b|\bget your act together\b|\benough is enough\b`,
  ),
  pattern(
    'reproach',
    0.8,
    String.raw`\bact (?:like it|your age|like an adult|like a grown)\b|\blike an adult\b|\bgrown (?:man|woman|adult)\b|\bif that's how you (?:feel|want it)\b`,
  ),
  pattern(
    'threat',
    1,
    String.raw`\b(?:i'm|i am) not (?:asking|telling you|saying (?:it|this)) again\b`,
  ),
  pattern(
    'reproach',
    1,
    String.raw`\bi'm not your (?:maid|mother|mom|mum|servant|therapist|babysitter|slave|secretary|assistant|punching bag|doormat|cleaner|cook|nanny|bank|atm)\b`,
  ),
  pattern(
    'reproach',
    1,
    String.raw`\b(?:put up with|deal with|cope with|handle|stand) you\b`,
    'not-positive',
  ),
  pattern('reproach', 0.8, String.raw`\b(?:i'm|i am|i'm so|i am so) over (?:you|this|it|us)\b`),
  pattern(
    'reproach',
    1,
    String.raw`\b(?:your (?:mother|mum|mom|dad|father|friends|ex|sister|brother|family)|everyone|everybody|people) (?:was|were) right about you\b|\b(?:everyone|everybody|people) (?:warned me|told me) about you\b|\byou're just like your (?:mother|father|dad|mum|mom)\b|\byou never change\b`,
  ),
  pattern(
    'reproach',
    0.8,
    String.raw`\bfor a change\b|\bdon't lecture me\b|\bdon't tell me (?:what to|how to)\b|\bdon't (?:you )?talk to me like\b|\b(?:when|once|after) you(?:'ve| have)? grown? up\b`,
  ),
  pattern(
    'reproach',
    1,
    String.raw`\b(?:anyone|anything|anybody|someone) (?:but|except|other than|besides) yourself\b|\bonly (?:ever )?think (?:of|about) yourself\b`,
  ),
  // Counterfactual blame: "you could have called", "you could at least …".
  pattern(
    'reproach',
    0.5,
    String.raw`\byou (?:could|should|would)(?:n't)? (?:have|'ve|of) (?:at least |even |just )?\w+`,
    'not-positive',
  ),
  pattern('reproach', 0.8, String.raw`\byou (?:could|can) at least\b`),
  pattern('reproach', 1, String.raw`\bsince when (?:do|did|does|are|is|can|have) you\b`),
  pattern(
    'reproach',
    0.8,
    String.raw`\b(?:so )?you (?:just )?(?:weren't|were not|didn't|did not|wouldn't) (?:going to |gonna )?(?:tell|ask|say|mention|bother|think)\b|\bwere you (?:ever )?(?:going to|gonna) tell me\b`,
  ),
];

const ANGER_WORDS = String.raw`(?:furious|livid|fuming|seething|enraged|pissed(?: off)?|raging|disgusted|outraged|mad|angry)`;

const anger: TonePattern[] = [
  // Anger the writer feels now ("I'm furious"), not anger they felt ("I was so angry"), nor
  // anger at someone else ("I'm furious at the insurance company").
  pattern(
    'anger',
    0.6,
    String.raw`\b(?:i'm|i am|i've been|i have been|i feel|i'm feeling)\s+(?:(?:so|really|absolutely|very|fucking|bloody|honestly|beyond)\s+)*${ANGER_WORDS}\b(?!\s+(?:at|with|about|over|by)\s+(?!you\b))`,
  ),
  pattern(
    'anger',
    0.6,
    String.raw`${NOT_NEGATED}\b(?:${ANGER_WORDS}|disappointed|exhausted|fed up|upset)\s+(?:at|with|by|in)\s+you\b`,
  ),
  // Both at once, "I'm furious with you", is one strong signal rather than two overlapping ones.
  pattern(
    'anger',
    1,
    String.raw`\b(?:i'm|i am|i've been|i have been|i feel)\s+(?:(?:so|really|absolutely|very|fucking|bloody|honestly|beyond)\s+)*(?:${ANGER_WORDS}|disappointed|fed up)\s+(?:at|with|by|in)\s+you\b`,
  ),
];

export const TONE_PATTERNS: readonly TonePattern[] = [
  ...absolutes,
  ...blame,
  ...commands,
  ...sarcasm,
  ...pointed,
  ...dismissive,
  ...threats,
  ...questions,
  ...swearing,
  ...exasperation,
  ...reproach,
  ...anger,
];
