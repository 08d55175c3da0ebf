import { describe, expect, it } from 'vitest';
import { MAX_TERM_LENGTH, normalizeTerm, tokenize } from '../../../src/lib/search';

describe('tokenize', () => {
  it('splits on spaces, punctuation, markdown syntax and emoji', () => {
    expect(
      tokenize('# Title\n**bold** `code` ~~gone~~ > quote | cell _it_ [link](http://a.b/c)'),
    ).toEqual([
      'Title',
      'bold',
      'code',
      'gone',
      'quote',
      'cell',
      'it',
      'link',
      'http',
      'a',
      'b',
      'c',
    ]);
    expect(tokenize('sea🌊swim')).toEqual(['sea', 'swim']);
  });

  it('keeps letters of any script, digits and combining marks inside a word', () => {
    expect(tokenize('नमस्ते 東京 café 10km cafe\u0301')).toEqual([
      'नमस्ते',
      '東京',
      'café',
      '10km',
      'cafe\u0301',
    ]);
  });
});

describe('normalizeTerm', () => {
  it('lower-cases and folds Latin accents, composed or not', () => {
    expect(normalizeTerm('Walk')).toBe('walk');
    expect(normalizeTerm('Café')).toBe('cafe');
    expect(normalizeTerm('cafe\u0301')).toBe('cafe');
    expect(normalizeTerm('ZOË')).toBe('zoe');
  });

  it('keeps marks that are letters of their script', () => {
    expect(normalizeTerm('नमस्ते')).toBe('नमस्ते');
  });

  it(`drops tokens longer than ${MAX_TERM_LENGTH} characters`, () => {
    expect(normalizeTerm('a'.repeat(MAX_TERM_LENGTH))).toBe('a'.repeat(MAX_TERM_LENGTH));
    expect(normalizeTerm('a'.repeat(MAX_TERM_LENGTH + 1))).toBeNull();
  });
});

describe('emoji modifiers', () => {
  it('are not words, and do not join a word they touch', () => {
    expect(tokenize('❤️ love 1️⃣ first🌧️rain')).toEqual(['love', '1', 'first', 'rain']);
  });
});
