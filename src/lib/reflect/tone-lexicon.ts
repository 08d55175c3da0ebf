/**
 * Word lists the tone check uses. They are general English, not drawn from any test file: names
 * people call each other, words that are only shouted by accident (acronyms), and swearing.
 */

/**
 * Words that insult a person when aimed at them ("you're pathetic", "you liar"). Aimed at a third
 * party ("my boss is an idiot") they are venting, not heat towards the reader, so the check only
 * counts them next to "you" (see tone-insults.ts).
 */
export const INSULT_WORDS: ReadonlySet<string> = new Set([
  // names
  'idiot',
  'idiots',
  'moron',
  'imbecile',
  'liar',
  'loser',
  'jerk',
  'hypocrite',
  'coward',
  'clown',
  'fool',
  'narcissist',
  'psycho',
  'creep',
  'snake',
  'parasite',
  'leech',
  'disgrace',
  'failure',
  'freak',
  'bully',
  'manipulator',
  'brat',
  'baby',
  'child',
  'joke',
  'waste',
  'embarrassment',
  'disappointment',
  'nightmare',
  'bitch',
  'asshole',
  'arsehole',
  'dick',
  'prick',
  'bastard',
  'cow',
  'pig',
  // judgements of character
  'stupid',
  'stupidest',
  'dumb',
  'dumbest',
  'pathetic',
  'useless',
  'worthless',
  'hopeless',
  'selfish',
  'lazy',
  'laziest',
  'ridiculous',
  'unbelievable',
  'delusional',
  'immature',
  'childish',
  'spineless',
  'clueless',
  'incompetent',
  'insufferable',
  'unbearable',
  'impossible',
  'toxic',
  'fake',
  'manipulative',
  'disgusting',
  'embarrassing',
  'petty',
  'spoiled',
  'spoilt',
  'arrogant',
  'entitled',
  'heartless',
  'cruel',
  'irresponsible',
  'unreliable',
  'ungrateful',
  'rude',
  'nasty',
  'obnoxious',
  'condescending',
  'annoying',
  'exhausting',
  'draining',
  'infuriating',
  'maddening',
  'tiresome',
  'selfcentered',
  'self-centered',
  'self-centred',
  'two-faced',
  'dishonest',
  'disrespectful',
  'inconsiderate',
  'thoughtless',
  'spiteful',
  'vindictive',
  'controlling',
  'judgmental',
  'judgemental',
  'bossy',
  'nosy',
  'mean',
  'dramatic',
  'stubborn',
  'pitiful',
  'cold',
  'vile',
  'awful',
  'terrible',
  'horrible',
]);

/**
 * Words that are mild on their own but an insult in "you're so …" or "you … idiot" position only;
 * kept apart so that "you must be cold" or "your child" do not count.
 */
export const INSULTS_NEEDING_INTENSIFIER: ReadonlySet<string> = new Set([
  'cold',
  'baby',
  'child',
  'joke',
  'waste',
  'nightmare',
  'awful',
  'terrible',
  'horrible',
  'impossible',
  'annoying',
  'embarrassing',
  'mean',
  'dramatic',
  'stubborn',
  'controlling',
  'exhausting',
  'draining',
  'infuriating',
  'maddening',
  'tiresome',
  'cow',
  'pig',
  'snake',
]);

/**
 * Capitalised words that are names and abbreviations, not shouting. Short all-consonant words
 * (NHS, PDF, BBC) are treated as acronyms too, without needing to be listed.
 */
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
  'NASA',
  'NATO',
  'FAQ',
  'GIF',
  'JPEG',
  'AI',
  'UI',
  'OS',
  'PIN',
  'ETA',
  'RSVP',
  'AKA',
  'DIY',
  'IKEA',
  'UNESCO',
  'AIDS',
  'COVID',
  'ICU',
  'ER',
  'GP',
  'A',
  'I',
]);

/** Swearing that is heat in itself when aimed at someone, and an intensifier otherwise. */
export const PROFANITY_RE =
  /\b(?:fuck(?:ing|ed|er|s)?|f\*+k(?:ing)?|f\*+|shit(?:ty)?|bullshit|crap(?:py)?|damn(?:ed|it)?|goddamn|bloody|wtf|ffs|stfu|gtfo|bastard|piss(?:ed)?)\b/g;

/**
 * Verbs of wrongdoing ("ruin", "lie", "ignore"): what a person accuses someone of. AFINN scores
 * few of them, so the check adds them where the reader is the one doing them (tone-criticism.ts)
 * and where they follow praise ("thanks for ruining …", tone-contrast.ts).
 */
export const ACCUSATION_RE =
  /\b(?:ruin(?:ed|ing|s)?|li(?:e|ed|es)|lying|ignor(?:e|ed|es|ing)|forg(?:ot|et|ets|etting|otten)|cancel(?:l?ed|l?ing|s)?|embarrass(?:ed|ing)?|humiliat(?:e|ed|ing)|betray(?:ed|ing|s)?|bail(?:ed|ing)?|flak(?:e|ed|ing)|ditch(?:ed|ing)?|abandon(?:ed|ing)?|cheat(?:ed|ing|s)?|blam(?:e|ed|ing)|pretend(?:ed|ing|s)?|mock(?:ed|ing)?|insult(?:ed|ing)?|interrupt(?:ed|ing|s)?|manipulat(?:e|ed|ing)|disrespect(?:ed|ing)?|neglect(?:ed|ing)?|dump(?:ed|ing)|wreck(?:ed|ing)?|destroy(?:ed|ing)?|gossip(?:ed|ing)?|snoop(?:ed|ing)?|st(?:e|o)al(?:ing)?|stole|snapp(?:ed|ing)|yell(?:ed|ing)|shout(?:ed|ing)|lectur(?:e|ed|ing))\b/g;

/**
 * Praise that sarcasm borrows: said next to a wrongdoing ("great, you forgot the tickets") it
 * means the opposite.
 */
export const SARCASM_PRONE_RE =
  /\b(?:thanks|thank you|great|fun|nice|wonderful|perfect|cool|lovely|brilliant|congrat(?:ulation)?s|best|good at|appreciate|love how|glad|enjoy|bravo|awesome|fantastic|amazing|well done|impressive)\b/g;
