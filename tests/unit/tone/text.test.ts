import { describe, expect, it } from 'vitest';
import { contextOf, youActsIn } from '../../../src/lib/tone/context';
import { deedAt, deedOf } from '../../../src/lib/tone/lexicon/deeds';
import { isNegated, normalise, prepareDraft } from '../../../src/lib/tone/text';
import { valenceOf } from '../../../src/lib/tone/lexicon/valence';

describe('normalise', () => {
  it('spells out chat spellings, straightens quotes and shortens elongations', () => {
    expect(normalise('U R so LATE')).toBe('you are so late');
    expect(normalise('ur right, dont worry')).toBe("your right, don't worry");
    expect(normalise('You\u2019re sooooo late')).toBe("you're soo late");
  });
});

describe('prepareDraft', () => {
  it('splits sentences, keeping their final punctuation apart from the text', () => {
    const { sentences } = prepareDraft('Seriously?! You LIED. ok');
    expect(sentences.map((s) => [s.text, s.end, s.question])).toEqual([
      ['seriously', '?!', true],
      ['you lied', '.', false],
      ['ok', '', false],
    ]);
    expect(sentences[1]?.raw).toContain('LIED');
  });

  it('blanks reported speech but keeps a short scare quote as the reader’s own word', () => {
    const reported = prepareDraft("She said 'you always do this' to me.");
    expect(reported.text).not.toContain('always');
    expect(reported.scareQuotes).toEqual([]);

    const scare = prepareDraft("Oh, you were 'busy'?");
    expect(scare.text).toContain('busy');
    expect(scare.scareQuotes).toEqual(['busy']);
  });

  it('does not mistake a title or an apostrophe for a scare quote', () => {
    expect(prepareDraft("We watched 'Jaws' again").scareQuotes).toEqual([]);
    expect(prepareDraft("the kids' bikes aren't here").scareQuotes).toEqual([]);
  });

  it('copes with a run of punctuation on its own and with an empty draft', () => {
    expect(prepareDraft('What!! ??').sentences.map((s) => s.end)).toEqual(['!!??']);
    expect(prepareDraft('').sentences).toEqual([]);
  });
});

describe('negation and valence', () => {
  it('reaches three words back but stops at a new clause or a question word', () => {
    const words = "you're not really that rude".split(' ');
    expect(isNegated(words, 4)).toBe(true);
    expect(isNegated("i can't stand how smug you are".split(' '), 5)).toBe(false);
    expect(isNegated("not great but you're rude".split(' '), 4)).toBe(false);
  });

  it('counts a negated harsh word as nothing and a negated warm word as mildly harsh', () => {
    expect(valenceOf(['not', 'rude']).harsh).toBe(0);
    expect(valenceOf(["don't", 'care']).harshWords).toEqual(['care']);
    // "great" is warm, but sarcasm borrows it: it is not sincere warmth.
    expect(valenceOf(['great']).sincereWarm).toBe(0);
    expect(valenceOf(['delighted']).sincereWarm).toBeGreaterThan(0);
  });
});

describe('who a sentence is about', () => {
  it('tells the reader acting from the reader thanked, helped or looking on', () => {
    expect(youActsIn(['you', 'lied'])).toBe(true);
    expect(youActsIn(['your', 'excuses'])).toBe(true);
    expect(youActsIn(['thank', 'you'])).toBe(false);
    expect(youActsIn(["i'm", 'here', 'for', 'you'])).toBe(false);
    expect(youActsIn(['can', 'you', 'believe', 'the', 'council'])).toBe(false);
    expect(youActsIn(['he', 'is', 'rude', 'you', 'know'])).toBe(false);
  });

  it('marks commands, and a warm draft only when its warmth is not borrowed by sarcasm', () => {
    const ctx = contextOf('Grow up. I love the flowers, I am delighted.');
    expect(ctx.imperative).toEqual([true, false]);
    expect(contextOf('Great. Thanks.').warm).toBe(false);
    expect(contextOf('The flowers arrived, I am delighted.').warm).toBe(true);
  });

  it('finds a wrongdoing in any form, and a particle verb only with its particle', () => {
    expect(deedOf('ditched')).toBe('ditch');
    expect(deedOf('lying')).toBe('lie');
    expect(deedOf('forgotten')).toBe('forget');
    expect(deedOf('table')).toBeUndefined();
    expect(deedAt(['you', 'let', 'me', 'down'], 1)).toBe('let');
    expect(deedAt(['you', 'let', 'me', 'know'], 1)).toBeUndefined();
  });
});
