/**
 * A deterministic, realistic vault for benchmarks: by default ten years of one journal entry a
 * day (~1,000 characters each) and one mood check-in a day.
 *
 * Entries are not pasted in. Each is TYPED the way the editor writes it: runs of characters
 * (one transaction per run, as the editor commits them), typos noticed and backspaced, now and
 * then a word slipped into an earlier sentence, the end of a sentence deleted and rewritten,
 * `updatedAt` touched every few seconds as `JournalState.noteEdited` does, tags added after
 * writing, and on some days an older entry reopened and changed. That history — not just the
 * final text — is what storage and load benchmarks pay for, so it is reproduced.
 *
 * Same seed, same options → the same bytes: ids, times, text and the doc's client id all come
 * from one seeded PRNG. Nothing reads the clock.
 *
 *   const doc = generateSyntheticVault();                          // 10 years
 *   const small = generateSyntheticVault({ days: 30, entryChars: 300 });
 *   generateSyntheticVault({ days: 365, onUpdate: (u) => rows.push(u) }); // the update stream
 */
import * as Y from 'yjs';
import {
  ENTRY,
  ORIGIN,
  TOUCH_INTERVAL_MS,
  entriesOf,
  type EntryMap,
  type Mood,
} from '../src/lib/vault';

export interface SyntheticVaultOptions {
  /** Any integer; the same seed always gives the same vault. Default 1. */
  seed?: number;
  /** Days of journaling, ending the day before `firstDay + days`. Default 3,650. */
  days?: number;
  /** Target length of a day's entry, in characters (each varies ±30 %). Default 1,000. */
  entryChars?: number;
  /** Check-ins per day, spread over waking hours. Default 1. */
  checkinsPerDay?: number;
  /** The first day, `YYYY-MM-DD`. Default 2016-01-01. */
  firstDay?: string;
  /** The writer's wall clock relative to UTC, in minutes (fixed; no daylight saving). Default 60. */
  utcOffsetMinutes?: number;
  /** Chance per day of reopening an entry from the last 60 days and changing it. Default 0.08. */
  laterEditRate?: number;
  /** Chance per day that an older entry is moved to the Trash. Default 0 (all entries live). */
  trashRate?: number;
  /** Write into this doc instead of a new one (its client id is then left alone). */
  doc?: Y.Doc;
  /** Receives every update as the editor would emit it, in order: the stream to store. */
  onUpdate?: (update: Uint8Array) => void;
}

/**
 * Words the generator writes with, for benchmarks that need realistic queries. (Packed by hand:
 * a list of words reads better than one word a line.)
 */
// prettier-ignore
export const SYNTHETIC_WORDS = {
  people: [
    'Maya', 'Tom', 'Grandma', 'Dad', 'Mum', 'Lena', 'Jonas', 'Priya', 'Alex', 'Noor', 'Ben', 'Rosa',
    'Kai', 'Elif', 'Marco', 'Sam', 'Ines', 'Yusuf', 'Hana', 'Oskar',
  ],
  places: [
    'the park', 'the beach', 'the office', 'the kitchen', 'the garden', 'the station',
    'the library', 'the market', 'the lake', 'the hills', 'the café', 'town', 'the river',
    'the forest', 'the gym', 'the clinic', 'the bakery', 'the harbour', 'school', 'the studio',
    'the bookshop', 'the allotment', 'the pool', 'the square', 'the museum',
  ],
  pastVerbs: [
    'walked', 'cooked', 'read', 'wrote', 'ran', 'swam', 'cleaned', 'painted', 'worked', 'slept',
    'called', 'visited', 'talked', 'laughed', 'argued', 'waited', 'planned', 'baked', 'played',
    'listened', 'watched', 'danced', 'cycled', 'rested', 'practised', 'studied', 'repaired',
    'wandered', 'shopped', 'travelled',
  ],
  activities: [
    'walking', 'cooking', 'reading', 'writing', 'running', 'swimming', 'cleaning', 'painting',
    'working', 'sleeping', 'meditating', 'journaling', 'baking', 'cycling', 'stretching',
    'gardening', 'knitting', 'climbing', 'hiking', 'studying', 'singing', 'drawing', 'shopping',
    'travelling', 'dancing', 'playing', 'listening', 'resting', 'planning', 'learning',
  ],
  objects: [
    'coffee', 'tea', 'rain', 'sun', 'wind', 'snow', 'book', 'letter', 'phone', 'email', 'dinner',
    'lunch', 'breakfast', 'bread', 'soup', 'dog', 'cat', 'bike', 'train', 'bus', 'car', 'window',
    'door', 'music', 'song', 'film', 'game', 'project', 'deadline', 'meeting', 'report',
    'presentation', 'bills', 'laundry', 'dishes', 'flowers', 'tomatoes', 'apples', 'candles',
    'blanket', 'jacket', 'shoes', 'map', 'camera', 'photo', 'notebook', 'pen', 'piano', 'guitar',
    'plants', 'birds', 'clouds', 'stars', 'moon', 'sea', 'waves', 'sand', 'stones', 'leaves',
    'podcast',
  ],
  adjectives: [
    'quiet', 'tired', 'calm', 'bright', 'grey', 'warm', 'cold', 'heavy', 'light', 'slow', 'busy',
    'strange', 'lovely', 'difficult', 'easy', 'long', 'short', 'soft', 'loud', 'gentle', 'restless',
    'hopeful', 'anxious', 'happy', 'sad', 'grateful', 'proud', 'lonely', 'cheerful', 'nervous',
    'content', 'sleepy', 'hungry', 'messy', 'fresh', 'odd', 'tender', 'awkward', 'patient',
    'stubborn', 'curious', 'ordinary', 'golden', 'foggy', 'windy', 'sunny', 'rainy', 'chilly',
    'humid', 'peaceful',
  ],
  feelings: [
    'relief', 'worry', 'joy', 'patience', 'fear', 'hope', 'guilt', 'gratitude', 'frustration',
    'calmness', 'excitement', 'boredom', 'sadness', 'pride', 'tension', 'comfort', 'doubt',
    'energy', 'focus', 'peace',
  ],
  thoughts: [
    'the future', 'work', 'money', 'health', 'family', 'friendship', 'the move', 'the holidays',
    'my plans', 'the new job', 'the old house', 'the trip', 'sleep', 'exercise', 'habits',
    'boundaries', 'change', 'routine', 'the past', 'decisions', 'priorities', 'time', 'rest',
    'the weekend', 'childhood', 'home', 'the city', 'the winter', 'the summer', 'my birthday',
  ],
  times: [
    'this morning', 'in the afternoon', 'tonight', 'after lunch', 'before work', 'at dawn',
    'around noon', 'late at night', 'on the way home', 'during the meeting', 'after dinner',
    'early', 'later', 'all day', 'at the weekend', 'on the bus', 'before bed', 'at breakfast',
  ],
  adverbs: [
    'slowly', 'quietly', 'finally', 'almost', 'really', 'maybe', 'again', 'still', 'suddenly',
    'carefully', 'briefly', 'gently', 'honestly', 'mostly', 'barely', 'already', 'probably',
    'somehow', 'together', 'alone',
  ],
  durations: [
    'an hour', 'twenty minutes', 'most of the evening', 'a while', 'the whole morning',
  ],
  emoji: [
    '🙂', '☕', '🌧️', '🌿', '❤️', '😴', '🎉', '🌊',
  ],
  tags: [
    'walk', 'work', 'family', 'friends', 'run', 'reading', 'cooking', 'rain', 'sea', 'garden',
    'music', 'yoga', 'travel', 'coffee', 'therapy', 'kids', 'cycling', 'movie', 'home', 'office',
    'slept badly', 'early night', 'doctor', 'baking', 'swim', 'hike', 'meditation', 'date night',
    'deadline', 'holiday',
  ],
  emotions: {
    pleasantHigh: [
      'excited', 'joyful', 'proud', 'energetic', 'inspired', 'playful', 'hopeful', 'cheerful',
    ],
    pleasantLow: [
      'calm', 'content', 'relaxed', 'grateful', 'peaceful', 'cosy', 'relieved', 'tender',
    ],
    unpleasantHigh: [
      'anxious', 'stressed', 'angry', 'frustrated', 'jittery', 'irritated', 'overwhelmed',
      'nervous',
    ],
    unpleasantLow: [
      'tired', 'sad', 'drained', 'lonely', 'bored', 'disappointed', 'gloomy', 'numb',
    ],
  },
} as const;

const W = SYNTHETIC_WORDS;

/** Sentence shapes; `{slot}` names a word list, a capital first letter is kept. */
const TEMPLATES = [
  '{time}, I {past} to {place}.',
  'I {past} with {person} and we talked about {thought}.',
  'It was a {adj} day, {adj} and {adj}.',
  '{person} called about {thought}, which left me {adj}.',
  'I keep thinking about {thought}.',
  'There was {object} everywhere {time}.',
  'Felt {adj} {time}, then {adj} after {activity}.',
  'I spent {duration} {activity} and it helped with the {feeling}.',
  'Note to self: less {object}, more {activity}.',
  '{person} brought {object} and we {past} {adverb}.',
  'The {object} was {adj}, the {object} even more so.',
  'Not much to say about {thought} today.',
  'I noticed the {object} near {place} and felt a little {feeling}.',
  'Tomorrow I want to try {activity} before {thought} takes over.',
  '{adverb}, {thought} seems {adj} now.',
  'We {past} to {place} {time}, {adverb} {adj}.',
  'Why does {thought} always feel so {adj}?',
  'A {adj} {object}, a {adj} {object}, and some {feeling}.',
  '{time} the {object} was {adj} again.',
  'Mostly {activity}, some {activity}, a bit of {activity}.',
  'I am {adj} that {person} {past} {adverb}.',
  'Grateful for the {object}, the {object} and {person}.',
  'So much {feeling} about {thought}, and underneath it {feeling}.',
  'I {past} for {duration} and then {past} {adverb}.',
  'The {object} at {place} reminded me of {thought}.',
  'Honestly I {past} too little and worried too much about {thought}.',
  '{person} said I seemed {adj}; {adverb} true.',
  'If I am {adj} tomorrow, {activity} first, then {object}.',
] as const;

type Slot = keyof typeof SLOT_LISTS;
const SLOT_LISTS = {
  time: W.times,
  past: W.pastVerbs,
  place: W.places,
  person: W.people,
  thought: W.thoughts,
  adj: W.adjectives,
  object: W.objects,
  activity: W.activities,
  duration: W.durations,
  feeling: W.feelings,
  adverb: W.adverbs,
} as const;

/** mulberry32: tiny, fast and good enough to make text; the same as tests/helpers/prng.ts. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  /** Cumulative Zipf weights per list, so a few words of each list are common, most rare. */
  readonly #zipf = new Map<readonly string[], number[]>();

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks with weight 1/(rank+1): how word use is spread in real writing. */
  zipf(items: readonly string[]): string {
    let cumulative = this.#zipf.get(items);
    if (!cumulative) {
      let sum = 0;
      cumulative = items.map((_, i) => (sum += 1 / (i + 1)));
      this.#zipf.set(items, cumulative);
    }
    const target = this.next() * (cumulative[cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as string;
  }

  /** A random-v4-shaped id, from the seeded stream. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 8; i++) hex += ((this.next() * 0x10000) | 0).toString(16).padStart(4, '0');
    const v = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${v}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function sentence(rng: Rng): string {
  const template = rng.pick(TEMPLATES);
  let out = template.replace(/\{(\w+)\}/g, (_, slot: string) => rng.zipf(SLOT_LISTS[slot as Slot]));
  out = capitalize(out);
  if (rng.chance(0.04)) {
    // A word stressed in markdown, as people do.
    out = out.replace(/ (\w{4,}) /, rng.chance(0.5) ? ' **$1** ' : ' _$1_ ');
  }
  if (rng.chance(0.03)) out += ` ${rng.pick(W.emoji)}`;
  return out;
}

/** About `target` characters of journal: paragraphs of sentences, sometimes a heading or list. */
function entryText(rng: Rng, target: number): string {
  let text = rng.chance(0.1) ? `## ${capitalize(rng.zipf(W.thoughts))}\n\n` : '';
  let inParagraph = 0;
  let paragraphLength = rng.int(2, 6);
  while (text.length < target) {
    let next: string;
    if (inParagraph === paragraphLength) {
      // A paragraph break, now and then a short list instead of the next paragraph.
      next = '\n\n';
      if (rng.chance(0.08)) {
        const items = Array.from({ length: rng.int(2, 4) }, () => `- ${rng.zipf(W.objects)}`);
        next += `${items.join('\n')}\n\n`;
      }
      inParagraph = 0;
      paragraphLength = rng.int(2, 6);
    } else {
      next = (inParagraph > 0 ? ' ' : '') + sentence(rng);
      inParagraph++;
    }
    // Stop near the target rather than always past it.
    if (text.length + next.length > target && text.length > target * 0.9) break;
    text += next;
  }
  return text.trimEnd();
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

function emotionsFor(rng: Rng, mood: Mood): string[] {
  const side = (v: number): boolean => (v === 0 ? rng.chance(0.5) : v > 0);
  const pleasant = side(mood.pleasantness);
  const high = side(mood.energy);
  const list = pleasant
    ? high
      ? W.emotions.pleasantHigh
      : W.emotions.pleasantLow
    : high
      ? W.emotions.unpleasantHigh
      : W.emotions.unpleasantLow;
  return [...new Set(Array.from({ length: rng.int(0, 3) }, () => rng.zipf(list)))];
}

function pickTags(rng: Rng, max: number): string[] {
  return [...new Set(Array.from({ length: rng.int(0, max) }, () => rng.zipf(W.tags)))];
}

const DAY_MS = 86_400_000;
/** A steady typist; pauses between runs are added on top. */
const CHARS_PER_SECOND = 4;

/**
 * Writes one synthetic vault: ten years in ≈2.5 s on the benchmark machine (≈4 s with
 * `onUpdate`, which makes Yjs encode every update); bench/search.ts reports it as
 * `vault_generate_ms`.
 */
export function generateSyntheticVault(options: SyntheticVaultOptions = {}): Y.Doc {
  const seed = options.seed ?? 1;
  const days = options.days ?? 3650;
  const entryChars = options.entryChars ?? 1000;
  const checkinsPerDay = options.checkinsPerDay ?? 1;
  const offsetMs = (options.utcOffsetMinutes ?? 60) * 60_000;
  const laterEditRate = options.laterEditRate ?? 0.08;
  const trashRate = options.trashRate ?? 0;
  const firstDayMs = Date.parse(`${options.firstDay ?? '2016-01-01'}T00:00:00.000Z`);
  if (Number.isNaN(firstDayMs)) throw new RangeError('firstDay must be YYYY-MM-DD');

  const rng = new Rng(seed);
  const doc = options.doc ?? new Y.Doc();
  if (!options.doc) doc.clientID = 1 + (Math.abs(seed) % 0x3fffffff);
  const entries = entriesOf(doc);
  const onUpdate = options.onUpdate;
  const listener = onUpdate ? (update: Uint8Array): void => onUpdate(update) : null;
  if (listener) doc.on('update', listener);

  const iso = (ms: number): string => new Date(ms).toISOString();
  const write = (fn: () => void): void => doc.transact(fn, ORIGIN.local);
  const written: string[] = [];
  // Mood drifts slowly around a mildly pleasant baseline; days and tags push it about.
  let drift = { pleasantness: 1, energy: 0 };

  /** Types `text` at the end of `body`, run by run, with typos; returns when it was done. */
  const type = (entry: EntryMap, body: Y.Text, text: string, startMs: number): number => {
    let clock = startMs;
    let lastTouch = startMs;
    let pos = 0;
    while (pos < text.length) {
      let runEnd = Math.min(text.length, pos + rng.int(3, 28));
      // A keystroke never types half an emoji (Yjs would store a lone surrogate as U+FFFD).
      if (isHighSurrogate(text.charCodeAt(runEnd - 1))) runEnd++;
      const run = text.slice(pos, runEnd);
      const typo = rng.chance(0.07) ? rng.pick(['e', 'r', 'n', 'a', 'st', 'hte']) : '';
      write(() => body.insert(body.length, run + typo));
      if (typo) write(() => body.delete(body.length - typo.length, typo.length));
      pos += run.length;
      clock += (run.length / CHARS_PER_SECOND) * 1000 + rng.int(200, 6000);
      if (rng.chance(0.02) && body.length > 80) {
        // A word slipped into an earlier sentence.
        const current = body.toString();
        const space = current.indexOf(' ', rng.int(0, current.length - 1));
        if (space > 0) write(() => body.insert(space, ` ${rng.zipf(W.adverbs)}`));
      } else if (rng.chance(0.015) && pos > 40) {
        // The end of a sentence deleted and written again.
        let back = Math.min(rng.int(5, 30), pos);
        if (isHighSurrogate(text.charCodeAt(pos - back - 1))) back++;
        write(() => body.delete(body.length - back, back));
        pos = Math.max(0, pos - back);
      }
      if (clock - lastTouch >= TOUCH_INTERVAL_MS) {
        lastTouch = clock;
        write(() => entry.set(ENTRY.updatedAt, iso(clock)));
      }
    }
    write(() => entry.set(ENTRY.updatedAt, iso(clock)));
    return clock;
  };

  const newEntry = (init: {
    kind: 'entry' | 'checkin';
    createdMs: number;
    body: string;
    mood: Mood | null;
    emotions: string[];
    tags: string[];
  }): { id: string; map: EntryMap; body: Y.Text } => {
    const id = rng.uuid();
    const map: EntryMap = new Y.Map();
    const body = new Y.Text(init.body);
    write(() => {
      entries.set(id, map);
      map.set(ENTRY.id, id);
      map.set(ENTRY.kind, init.kind);
      map.set(ENTRY.createdAt, iso(init.createdMs));
      map.set(ENTRY.updatedAt, iso(init.createdMs));
      map.set(ENTRY.body, body);
      map.set(ENTRY.mood, init.mood);
      map.set(ENTRY.emotions, init.emotions);
      map.set(ENTRY.tags, init.tags);
    });
    return { id, map, body };
  };

  for (let day = 0; day < days; day++) {
    const localMidnightUtc = firstDayMs + day * DAY_MS - offsetMs;
    const weekend = [0, 6].includes(new Date(firstDayMs + day * DAY_MS).getUTCDay());
    drift = {
      pleasantness: clamp(drift.pleasantness * 0.9 + 0.1 + (rng.next() - 0.5) * 1.2, -4, 4),
      energy: clamp(drift.energy * 0.9 + (rng.next() - 0.5) * 1.2, -4, 4),
    };

    // Check-ins over waking hours, created in one go as the check-in form submits them.
    const times = Array.from({ length: checkinsPerDay }, () => rng.int(7 * 60, 22 * 60)).sort(
      (a, b) => a - b,
    );
    for (const minute of times) {
      const tags = pickTags(rng, 3);
      const mood: Mood = {
        pleasantness: clamp(
          Math.round(
            drift.pleasantness +
              (weekend ? 0.7 : 0) +
              (tags.includes('walk') ? 1.2 : 0) -
              (tags.includes('slept badly') ? 1.5 : 0) +
              (rng.next() - 0.5) * 3,
          ),
          -5,
          5,
        ),
        energy: clamp(
          Math.round(
            drift.energy +
              (tags.includes('work') ? 0.8 : 0) -
              (tags.includes('slept badly') ? 1.5 : 0) +
              (rng.next() - 0.5) * 3,
          ),
          -5,
          5,
        ),
      };
      const note = rng.chance(0.5)
        ? ''
        : Array.from({ length: rng.int(1, 2) }, () => sentence(rng)).join(' ');
      newEntry({
        kind: 'checkin',
        createdMs: localMidnightUtc + minute * 60_000,
        body: note,
        mood,
        emotions: emotionsFor(rng, mood),
        tags,
      });
    }

    // The day's entry, typed in the evening; tags added when done.
    const startMs = localMidnightUtc + rng.int(19 * 60, 23 * 60) * 60_000;
    const target = Math.round(entryChars * (0.7 + rng.next() * 0.6));
    const entryMood = rng.chance(0.2)
      ? {
          pleasantness: clamp(Math.round(drift.pleasantness), -5, 5),
          energy: clamp(Math.round(drift.energy), -5, 5),
        }
      : null;
    const { id, map, body } = newEntry({
      kind: 'entry',
      createdMs: startMs,
      body: '',
      mood: entryMood,
      emotions: [],
      tags: [],
    });
    const endMs = type(map, body, entryText(rng, target), startMs);
    const tags = pickTags(rng, 4);
    if (tags.length > 0) {
      write(() => {
        map.set(ENTRY.tags, tags);
        map.set(ENTRY.updatedAt, iso(endMs + 5000));
      });
    }
    written.push(id);

    // Now and then an older entry is reopened: a line added at its end, or a word changed.
    if (written.length > 1 && rng.chance(laterEditRate)) {
      const oldId = written[Math.max(0, written.length - 1 - rng.int(1, 60))] as string;
      const old = entries.get(oldId);
      const oldBody = old?.get(ENTRY.body);
      if (old && oldBody instanceof Y.Text) {
        if (rng.chance(0.6)) {
          type(old, oldBody, `\n\nLater: ${sentence(rng)}`, endMs + 60_000);
        } else {
          const text = oldBody.toString();
          const at = text.indexOf(' ', rng.int(0, Math.max(0, text.length - 20)));
          const end = at < 0 ? -1 : text.indexOf(' ', at + 1);
          if (at >= 0 && end > at) {
            write(() => {
              oldBody.delete(at + 1, end - at - 1);
              oldBody.insert(at + 1, rng.zipf(W.adjectives));
              old.set(ENTRY.updatedAt, iso(endMs + 60_000));
            });
          }
        }
      }
    }
    if (written.length > 30 && rng.chance(trashRate)) {
      const victim = entries.get(written[rng.int(0, written.length - 30)] as string);
      if (victim && victim.get(ENTRY.trashedAt) == null) {
        write(() => victim.set(ENTRY.trashedAt, iso(endMs + 120_000)));
      }
    }
  }

  if (listener) doc.off('update', listener);
  return doc;
}
