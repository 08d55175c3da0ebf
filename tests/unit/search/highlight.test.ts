import { afterEach, describe, expect, it } from 'vitest';
import {
  SNIPPET_LEAD_CHARS,
  SNIPPET_MAX_CHARS,
  SearchIndex,
  highlightText,
  snippetOf,
  substringMatcher,
  termMatcher,
  type SearchHit,
} from '../../../src/lib/search';
import { foldedText } from '../../../src/lib/search/term-matcher';
import { normalizeTerm, wordSpans } from '../../../src/lib/search/terms';
import { createPrng } from '../../helpers/prng';
import { covered, vaultWith } from './fixtures';

const open: SearchIndex[] = [];
afterEach(() => open.splice(0).forEach((index) => index.destroy()));

function firstHit(
  body: string,
  text: string,
  more: { tags?: string[]; emotions?: string[] } = {},
): SearchHit {
  const index = new SearchIndex(vaultWith({ a: { body, ...more } }));
  open.push(index);
  const hit = index.search({ text }).hits[0];
  if (!hit) throw new Error(`no hit for ${text}`);
  return hit;
}

describe('highlight ranges', () => {
  it('are UTF-16 offsets that slice out exactly the matched words', () => {
    const hit = firstHit('Walked; then a walk, and more walking.', 'walk');
    expect(covered(hit.body)).toEqual(['Walked', 'walk', 'walking']);
    expect(hit.body.ranges[0]).toEqual({ start: 0, end: 6 });
  });

  it('stay right after emoji, which take two or more code units each', () => {
    const body = '🌊🌊 swim at dawn 🏊‍♀️ swim, 👩‍👩‍👧 swim';
    const hit = firstHit(body, 'swim');
    expect(covered(hit.body)).toEqual(['swim', 'swim', 'swim']);
    let from = 0;
    const expected = hit.body.ranges.map(() => {
      const at = body.indexOf('swim', from);
      from = at + 4;
      return { start: at, end: at + 4 };
    });
    expect(hit.body.ranges).toEqual(expected);
  });

  it('cover accented words whole, composed or decomposed', () => {
    expect(covered(firstHit('Un café à Zoë', 'cafe').body)).toEqual(['café']);
    const decomposed = 'Un cafe\u0301 noir';
    const hit = firstHit(decomposed, 'café');
    expect(hit.body.ranges).toEqual([{ start: 3, end: 8 }]);
    expect(covered(hit.body)).toEqual(['cafe\u0301']);
  });

  it('cover words in other scripts', () => {
    expect(covered(firstHit('Привет, мир! Γειά σου κόσμε', 'мир').body)).toEqual(['мир']);
    expect(covered(firstHit('Привет, мир! Γειά σου κόσμε', 'κοσμε').body)).toEqual(['κόσμε']);
  });

  it('leave markdown syntax around a word outside the range', () => {
    const body =
      '# Walk\n\n**walking** and `walk` and ~~walked~~, _walks_ > walk | [walk](https://x.org)';
    const hit = firstHit(body, 'walk');
    expect(covered(hit.body)).toEqual([
      'Walk',
      'walking',
      'walk',
      'walked',
      'walks',
      'walk',
      'walk',
    ]);
  });

  it('mark matched words in tags and emotion words', () => {
    const hit = firstHit('nothing here', 'walk', {
      tags: ['long walk', 'sea'],
      emotions: ['calm'],
    });
    expect(hit.tags).toEqual([
      { text: 'long walk', ranges: [{ start: 5, end: 9 }] },
      { text: 'sea', ranges: [] },
    ]);
    expect(hit.emotions).toEqual([{ text: 'calm', ranges: [] }]);
    expect(hit.body.ranges).toEqual([]);
    expect(hit.body.text).toBe('nothing here');
  });

  it('only mark words in the field where they matched', () => {
    const hit = firstHit('the sea was calm', 'calm', { emotions: ['calm'], tags: ['calm sea'] });
    expect(covered(hit.body)).toEqual(['calm']);
    expect(hit.tags.map(covered)).toEqual([['calm']]);
    expect(hit.emotions.map(covered)).toEqual([['calm']]);
  });
});

describe('never HTML', () => {
  it('returns markup in the text verbatim, as text, with ranges on the words only', () => {
    const body = '<img src=x onerror=alert(1)> walk <script>alert("walk")</script> &amp;';
    const hit = firstHit(body, 'walk');
    expect(hit.body.text).toBe(body);
    expect(covered(hit.body)).toEqual(['walk', 'walk']);
    expect(JSON.stringify(hit)).not.toMatch(/<mark|<\/?em>|<b>/);
  });
});

describe('snippets', () => {
  const filler = (words: number): string =>
    Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

  it('show the opening of a short text whole', () => {
    const snip = snippetOf('A short note about the sea.', termMatcher(new Set(['sea'])));
    expect(snip).toEqual({
      text: 'A short note about the sea.',
      ranges: [{ start: 23, end: 26 }],
      clippedStart: false,
      clippedEnd: false,
    });
  });

  it('centre on the first match in a long text, cut at spaces, and say where they were cut', () => {
    const text = `${filler(60)} the harbour at night ${filler(60)}`;
    const snip = snippetOf(text, termMatcher(new Set(['harbour'])));
    expect(snip.clippedStart).toBe(true);
    expect(snip.clippedEnd).toBe(true);
    expect(snip.text.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
    const at = snip.text.indexOf('harbour');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThanOrEqual(SNIPPET_LEAD_CHARS);
    expect(covered(snip)).toEqual(['harbour']);
    expect(text).toContain(snip.text);
    // Whole words at both edges.
    expect(text.split(' ')).toContain(snip.text.split(' ')[0]);
    expect(text.split(' ')).toContain(snip.text.split(' ').at(-1));
  });

  it('mark every match inside the window and none beyond it', () => {
    const text = `sea ${filler(10)} sea ${filler(80)} sea`;
    const snip = snippetOf(text, termMatcher(new Set(['sea'])));
    expect(covered(snip)).toEqual(['sea', 'sea']);
  });

  it('show the opening when nothing in the text matched', () => {
    const snip = snippetOf(`\n\n  ${filler(100)}`, null);
    expect(snip.text.startsWith('word0 word1')).toBe(true);
    expect(snip.ranges).toEqual([]);
    expect(snip.clippedStart).toBe(false);
    expect(snip.clippedEnd).toBe(true);
  });

  it('turn line breaks and tabs into spaces without moving offsets', () => {
    const text = 'Morning.\n\n## Sea\r\n\tswim';
    const snip = snippetOf(text, termMatcher(new Set(['swim'])));
    expect(snip.text).toBe('Morning.  ## Sea   swim');
    expect(snip.text.length).toBe(text.length);
    expect(covered(snip)).toEqual(['swim']);
  });

  it('never split an emoji when a text has no spaces to cut at', () => {
    const text = '🌊'.repeat(200);
    const snip = snippetOf(text, null);
    expect(snip.text.length % 2).toBe(0);
    expect(snip.text).toBe('🌊'.repeat(snip.text.length / 2));
    const emojiAfterMatch = snippetOf(`sea${'🌊'.repeat(200)}`, substringMatcher('sea'));
    expect(emojiAfterMatch.text.endsWith('\ud83c')).toBe(false);
  });

  it('handle an empty text', () => {
    expect(snippetOf('', null)).toEqual({
      text: '',
      ranges: [],
      clippedStart: false,
      clippedEnd: false,
    });
  });
});

describe('termMatcher', () => {
  /** The definition: every word of the text, normalized as the index does, that is a term. */
  const reference = (text: string, terms: Set<string>): { start: number; end: number }[] =>
    [...wordSpans(text)].filter((w) => terms.has(w.term)).map(({ start, end }) => ({ start, end }));

  const pieces = [
    'walk',
    'Walk',
    'WALKING',
    'walked',
    'sea',
    'Sea2',
    '2026',
    'the',
    'a',
    'then',
    ' ',
    ' ',
    ' ',
    '\n',
    '\n\n',
    '.',
    ',',
    '**',
    '_',
    '`',
    '~~',
    '#',
    '> ',
    '- ',
    '[',
    '](',
    ')',
    "'",
    '🌊',
    '🏊‍♀️',
    '❤️',
    '—',
    '…',
    '©',
  ];

  it('agrees with word-by-word matching on 500 random texts of ASCII words', () => {
    const prng = createPrng(11);
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: prng.int(0, 60) }, () => prng.pick(pieces)).join('');
      const terms = new Set(
        prng
          .shuffle(['walk', 'walking', 'sea', 'sea2', 'the', 'a', '2026'])
          .slice(0, prng.int(1, 4)),
      );
      expect(termMatcher(terms)(text), JSON.stringify({ text, terms: [...terms] })).toEqual(
        reference(text, terms),
      );
    }
  });

  it('folds accented Latin, Greek and Cyrillic in place and still agrees', () => {
    const prng = createPrng(13);
    const safe = [
      ...pieces,
      'café',
      'CAFÉ',
      'Zoë',
      'naïve',
      'Ærø',
      'Łódź',
      'мир',
      'Мир',
      'йод',
      'κόσμε',
      'οδός',
      'ΐ',
      'Việt',
      'ǅ',
    ];
    const terms = new Set(
      [
        'cafe',
        'zoe',
        'naive',
        'ærø',
        'lodz',
        'мир',
        'иод',
        'κοσμε',
        'οδος',
        'ι',
        'viet',
        'ǆ',
        'walk',
        'sea',
      ].map((t) => normalizeTerm(t) ?? t),
    );
    for (let i = 0; i < 1000; i++) {
      const text = Array.from({ length: prng.int(1, 30) }, () => prng.pick(safe)).join(
        prng.pick(['', ' ', '-']),
      );
      const folded = foldedText(text);
      expect(folded, JSON.stringify(text)).not.toBeNull();
      expect(folded?.length).toBe(text.length);
      expect(termMatcher(terms)(text), JSON.stringify(text)).toEqual(reference(text, terms));
    }
  });

  it('takes the word-by-word path for letters it cannot fold in place', () => {
    for (const text of ['cafe\u0301', 'ΟΔΟΣ', 'İstanbul', '東京', 'नमस्ते', '𝐀', 'µ', '\ud83c東']) {
      expect(foldedText(`walk ${text}`), text).toBeNull();
    }
  });

  it('agrees with word-by-word matching on 2,000 random texts in many scripts', () => {
    const prng = createPrng(12);
    const more = [
      ...pieces,
      'café',
      'CAFÉ',
      'Zoë',
      'cafe\u0301',
      'naïve',
      'Ærø',
      'straße',
      'Łódź',
      'İstanbul',
      'ﬁne',
      'мир',
      'Мир',
      'йод',
      'κόσμε',
      'ΟΔΟΣ',
      'οδός',
      'ΐ',
      'Việt',
      'ǅ',
      'µ',
      'ª',
      '東京',
      'नमस्ते',
      'क़',
      '한국',
      '\u1100\u1161',
      '𝐀',
      '😀',
      '\ud83c',
      '\u0301',
      '½',
    ];
    const terms = new Set(
      [
        'cafe',
        'zoe',
        'naive',
        'aero',
        'strasse',
        'straße',
        'lodz',
        'istanbul',
        'fine',
        'mir',
        'иод',
        'κοσμε',
        'οδος',
        'ι',
        'viet',
        'ǆ',
        'μ',
        'a',
        'walk',
        'sea',
        '東京',
        'नमस्ते',
        '한국',
        'µ',
        'ª',
        '1',
      ].map((t) => normalizeTerm(t) ?? t),
    );
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: prng.int(0, 30) }, () => prng.pick(more)).join(
        prng.pick(['', ' ', '-']),
      );
      expect(termMatcher(terms)(text), JSON.stringify(text)).toEqual(reference(text, terms));
    }
  });
});

describe('highlightText', () => {
  it('finds every occurrence of a symbol', () => {
    expect(highlightText('🎂 and 🎂🎂', substringMatcher('🎂')).ranges).toEqual([
      { start: 0, end: 2 },
      { start: 7, end: 9 },
      { start: 9, end: 11 },
    ]);
  });

  it('returns no ranges without a matcher', () => {
    expect(highlightText('text', null)).toEqual({ text: 'text', ranges: [] });
  });
});
