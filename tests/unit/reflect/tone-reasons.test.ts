import { describe, expect, it } from 'vitest';
import { checkTone, HEATED_THRESHOLD, MAX_CHECKED_CHARS } from '../../../src/lib/reflect/tone';

describe('checkTone reasons name what it noticed', () => {
  const cases: Array<[family: string, text: string, reason: string]> = [
    ['all capitals', 'WHY WOULD YOU DO THAT TO ME', 'all capitals'],
    ['absolutes', 'You always interrupt me.', "'you always'"],
    ['insults aimed at the reader', "You're pathetic.", "insult: 'pathetic'"],
    ['repeated punctuation', 'You lied to me!!!', 'repeated punctuation (!!!)'],
    ['blame', "It's all your fault.", "blame: 'it's all your fault'"],
    ['commands to stop or leave', 'Shut up.', "telling them to stop or go: 'shut up'"],
    ['sarcasm by phrase', 'Thanks for nothing.', "sarcasm: 'thanks for nothing'"],
    [
      'sarcasm by contrast',
      'Thanks for ruining my birthday.',
      "sarcasm: 'thanks' beside 'ruining'",
    ],
    [
      'threats and ultimatums',
      "Do that again or we're done.",
      "threat or ultimatum: 'or we're done'",
    ],
    ['contempt', "I don't care anymore.", "dismissive: 'i don't care'"],
    [
      'accusing questions',
      'What is wrong with you?',
      "accusing question: 'what is wrong with you'",
    ],
    ['swearing at the reader', 'Screw you.', "swearing at them: 'screw you'"],
    ['anger at the reader', "I'm furious with you.", "anger at them: 'i'm furious with you'"],
    [
      'passive aggression',
      'Per my last message, I still need an answer.',
      "pointed phrase: 'per my last'",
    ],
    ['reproach', 'Your mother was right about you.', "reproach: 'your mother was right about you'"],
    [
      'harsh words about the reader',
      'You treat people terribly.',
      "harsh words about them: 'terribly'",
    ],
    ['a stressed word', 'You NEVER listen to me, ever.', "a word in capitals: 'NEVER'"],
    ['their words quoted back', "Oh, so you were 'busy'? Sure.", "their words in quotes: 'busy'"],
  ];

  it.each(cases)('%s', (_family, text, reason) => {
    expect(checkTone(text).reasons).toContain(reason);
  });

  it('reads each of those examples as heated, except the weak signals on their own', () => {
    const weak = new Set([
      'harsh words about the reader',
      'a stressed word',
      'their words quoted back',
    ]);
    for (const [family, text] of cases) {
      if (!weak.has(family)) expect(checkTone(text).heated, text).toBe(true);
    }
  });

  it('lists the strongest reason first', () => {
    const { reasons } = checkTone("You're pathetic!!");
    expect(reasons[0]).toBe("insult: 'pathetic'");
  });
});

describe('checkTone on calm messages that look a little like heated ones', () => {
  it.each([
    ['a feeling that was resolved', 'I was really angry yesterday but we talked it through.'],
    ['"never" in calm use', 'I never got the email, could you resend?'],
    ['a negated insult', "You're not stupid for asking, the form is confusing."],
    ['negated anger', "I'm not angry with you, just tired."],
    ['excitement in capitals', 'WE GOT THE HOUSE!!! Come and see it!'],
    ['venting about a third party', 'My boss is such an idiot, he cancelled my leave again.'],
    ['quoting someone else', "She said 'you always do this' and I didn't know what to say."],
    ['an apology', "I'm sorry I snapped at you. That wasn't fair of me."],
    ['praise with an absolute', 'You always know how to cheer me up!'],
    ['"stop" that is not a command', 'Stop by whenever you like.'],
    ['reassurance', "It's not your fault. You did everything you could."],
    ['tired of the weather', "I'm so tired of this rain."],
    ['a negated wrongdoing after thanks', 'Thanks for not forgetting my birthday!'],
    ['my own slip next to thanks', 'Sorry I forgot to call, thanks for understanding.'],
    ['sympathy with negative words', "I hate that you had to go through that alone. I'm here."],
    ['a verb that is also an insult', 'You mean everything to me.'],
    ['swearing at a printer', 'this damn printer jammed again'],
  ])('%s', (_case, text) => {
    expect(checkTone(text).heated).toBe(false);
  });
});

describe('checkTone weighing', () => {
  it('does not let an apology cancel an insult', () => {
    expect(checkTone("I'm sorry, but you're pathetic.").heated).toBe(true);
  });

  it('lets care soften weak signals', () => {
    const blunt = checkTone('You forgot the tickets again.');
    const kind = checkTone('You forgot the tickets again, no worries, thank you for trying!');
    expect(kind.score).toBeLessThan(blunt.score);
  });

  it('finds cold contempt and passive aggression without any swearing', () => {
    for (const text of [
      'Nice of you to finally reply.',
      'How dare you.',
      "That's rich coming from you.",
      'Glad to know where I stand.',
    ]) {
      expect(checkTone(text).heated, text).toBe(true);
    }
  });

  it('marks heated exactly when the score reaches HEATED_THRESHOLD', () => {
    for (const text of ['Shut up.', 'Whatever.', 'Can we talk later?', 'You NEVER listen']) {
      const result = checkTone(text);
      expect(result.heated).toBe(result.score >= HEATED_THRESHOLD);
    }
  });

  it('says nothing about an empty or blank draft', () => {
    expect(checkTone('')).toEqual({ heated: false, score: 0, reasons: [] });
    expect(checkTone('   \n  ')).toEqual({ heated: false, score: 0, reasons: [] });
  });

  it('gives the same answer every time for the same text', () => {
    const text = 'You ALWAYS do this!!! Thanks for nothing.';
    expect(checkTone(text)).toEqual(checkTone(text));
  });

  it('reads only the first MAX_CHECKED_CHARS characters of a huge paste', () => {
    const tail = ' Shut up.';
    const huge = 'a '.repeat(MAX_CHECKED_CHARS) + tail;
    expect(checkTone(huge).heated).toBe(false);
    expect(checkTone(' '.repeat(MAX_CHECKED_CHARS * 2)).heated).toBe(false);
  });

  it('copes with curly quotes, emoji and other scripts', () => {
    expect(checkTone('She wrote \u2018you never listen\u2019 on the card.').heated).toBe(false);
    expect(checkTone('You\u2019re pathetic 😡').reasons).toContain("insult: 'pathetic'");
    expect(checkTone('Спасибо! 谢谢 🌷').heated).toBe(false);
  });
});
