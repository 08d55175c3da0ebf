/**
 * Verbs of wrongdoing: what one person accuses another of ("you ruined", "you've been lying").
 * AFINN scores few of them, and none is heated in itself ("the rain ruined the picnic"); they
 * count where the reader is the one doing them (signals/blame.ts) or next to praise, as sarcasm
 * ("thanks for ruining it", signals/sarcasm.ts).
 *
 * Listed in the base form; `deedOf` finds the base of an inflected form ("lied", "ditching",
 * "forgotten") with a few regular rules and a table of irregular forms.
 */

/** How pointed each deed is: 1 for betrayal and contempt, less for the everyday lapses. */
export const DEEDS: ReadonlyMap<string, number> = new Map([
  ['ruin', 1],
  ['wreck', 1],
  ['destroy', 1],
  ['lie', 1],
  ['cheat', 1],
  ['betray', 1],
  ['ignore', 0.8],
  ['ditch', 0.8],
  ['bail', 0.7],
  ['flake', 0.7],
  ['abandon', 1],
  ['dump', 0.7],
  ['ghost', 0.8],
  ['embarrass', 1],
  ['humiliate', 1],
  ['insult', 1],
  ['mock', 1],
  ['belittle', 1],
  ['disrespect', 1],
  ['manipulate', 1],
  ['gaslight', 1],
  ['screw', 0.8],
  ['mess', 0.6],
  ['hurt', 0.6],
  ['waste', 0.7],
  ['steal', 1],
  ['snoop', 0.8],
  ['spy', 0.8],
  ['blame', 0.8],
  ['twist', 0.8],
  ['interrupt', 0.7],
  ['yell', 0.8],
  ['shout', 0.7],
  ['scream', 0.7],
  ['snap', 0.6],
  ['lecture', 0.8],
  ['patronize', 1],
  ['patronise', 1],
  ['criticize', 0.7],
  ['criticise', 0.7],
  ['judge', 0.6],
  ['nag', 0.7],
  ['whine', 0.8],
  ['moan', 0.6],
  ['sulk', 0.7],
  ['sabotage', 1],
  ['undermine', 1],
  ['dismiss', 0.7],
  ['neglect', 0.8],
  ['exclude', 0.7],
  ['forget', 0.5],
  ['break', 0.5],
  ['lose', 0.4],
  ['cancel', 0.4],
  ['pretend', 0.7],
  ['exaggerate', 0.7],
  ['overreact', 0.7],
  ['abuse', 1],
  ['bully', 1],
  ['threaten', 1],
  ['badmouth', 1],
  ['backstab', 1],
  ['trash', 0.7],
  ['sneak', 0.7],
  ['hide', 0.5],
  ['leak', 0.7],
  ['gossip', 0.7],
  ['swear', 0.5],
  ['curse', 0.6],
  ['slam', 0.6],
  ['storm', 0.5],
  ['disappear', 0.6],
  ['vanish', 0.6],
  ['stand', 1],
  ['blow', 0.7],
  ['let', 1],
  ['throw', 1],
  ['skip', 0.4],
  ['miss', 0.3],
]);

/**
 * Deeds whose base alone is too common ("let me know", "throw a party"): they count only when
 * the next two words start with their particle ("let me down", "threw me under the bus").
 */
export const DEED_PARTICLES: ReadonlyMap<string, RegExp> = new Map([
  ['screw', /^(?:up|over|around|me|us|it|everything|this)\b/],
  ['mess', /^(?:up|with|around|me|us|it|everything|this)\b/],
  ['stand', /^(?:me|us|her|him|them) up\b/],
  ['blow', /^(?:off|it|me off|us off|up at)\b/],
  ['let', /^(?:down|(?:me|us|her|him|them|everyone) down)\b/],
  ['throw', /^(?:me|us|her|him|them) under\b/],
  ['break', /^(?:my|your|our|the|it|everything|another|promise|promises|a|every)\b/],
  ['lose', /^(?:my|our|the|it|another)\b/],
  ['hide', /^(?:it|things|this|that|stuff|from|my)\b/],
  ['storm', /^(?:off|out)\b/],
  ['skip', /^(?:my|our|the|it|another|dinner|class|work|out)\b/],
  ['miss', /^(?:my|our|the|another|it|dinner|every)\b/],
  ['swear', /^at\b/],
]);

const IRREGULAR: Readonly<Record<string, string>> = {
  lied: 'lie',
  lying: 'lie',
  lies: 'lie',
  forgot: 'forget',
  forgotten: 'forget',
  forgetting: 'forget',
  broke: 'break',
  broken: 'break',
  stole: 'steal',
  stolen: 'steal',
  threw: 'throw',
  thrown: 'throw',
  lost: 'lose',
  hid: 'hide',
  hidden: 'hide',
  stood: 'stand',
  blew: 'blow',
  blown: 'blow',
  snuck: 'sneak',
  swore: 'swear',
  sworn: 'swear',
  hurt: 'hurt',
  let: 'let',
};

/**
 * The deed at words[k] with its particle checked ("let me down", not "let me know"), or
 * undefined when there is none.
 */
export function deedAt(words: readonly string[], k: number): string | undefined {
  const base = deedOf(words[k] as string);
  if (base === undefined) return undefined;
  const particle = DEED_PARTICLES.get(base);
  return particle && !particle.test(words.slice(k + 1, k + 3).join(' ')) ? undefined : base;
}

/** The base form of a deed ("ditched" → "ditch"), or undefined when the word is not one. */
export function deedOf(word: string): string | undefined {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (DEEDS.has(word)) return word;
  for (const base of candidateBases(word)) if (DEEDS.has(base)) return base;
  return undefined;
}

function candidateBases(word: string): string[] {
  const bases: string[] = [];
  const undouble = (stem: string): string =>
    /([^aeiou])\1$/.test(stem) && !/(?:ss|ll)$/.test(stem) ? stem.slice(0, -1) : stem;
  if (word.endsWith('ing')) {
    const stem = word.slice(0, -3);
    bases.push(stem, `${stem}e`, undouble(stem));
  }
  if (word.endsWith('ed')) {
    const stem = word.slice(0, -2);
    bases.push(stem, word.slice(0, -1), undouble(stem));
    if (stem.endsWith('i')) bases.push(`${stem.slice(0, -1)}y`);
  }
  if (word.endsWith('es')) bases.push(word.slice(0, -2));
  if (word.endsWith('ies')) bases.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('s')) bases.push(word.slice(0, -1));
  return bases;
}
