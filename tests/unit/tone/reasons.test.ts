import { describe, expect, it } from 'vitest';
import { checkTone, HEATED_THRESHOLD, MAX_CHECKED_CHARS } from '../../../src/lib/tone';

describe('checkTone names what it noticed, one family at a time', () => {
  const cases: Array<[family: string, text: string, reason: string]> = [
    ['shouting', 'WHY WOULD YOU DO THAT TO ME', 'all capitals'],
    ['absolutes', 'You always interrupt me.', "'you always'"],
    ['insults aimed at the reader', "You're pathetic.", "insult: 'pathetic'"],
    ['scorn for their things', 'Your excuses are getting old.', "insult: 'your excuses'"],
    ['blame', 'You ruined the whole weekend.', "blaming 'you': 'you ruined'"],
    ['blame by phrase', "It's all your fault.", "blaming 'you': 'it's all your fault'"],
    ['commands', 'Grow up.', "telling them what to do: 'grow up'"],
    ['sarcasm by phrase', 'Thanks for nothing.', "sarcasm: 'thanks for nothing'"],
    ['sarcasm by contrast', 'Thanks for ruining my birthday.', "sarcasm: 'thanks … ruining'"],
    ['sarcasm by opener', 'Great. Another cancelled plan.', "sarcasm: 'great'"],
    ['their words in quotes', "Oh, so you were 'busy'?", "their words in quotes: 'busy'"],
    ['accusing questions', 'How hard is it to text back?', "accusing question: 'how hard is it'"],
    [
      'guilt-tripping',
      "Don't worry about me, I'll just sit here alone.",
      "guilt-tripping: 'don't worry about me'",
    ],
    ['ultimatums', "Do that again or we're done.", "threat or ultimatum: 'or we're done'"],
    ['dismissal', 'Whatever.', "dismissive: 'whatever'"],
    ['talking down', 'Per my last message, I still need an answer.', "talking down: 'per my last'"],
    ['anger at them', "I'm furious with you.", "anger at them: 'i'm furious with you'"],
    ['swearing at them', 'Screw you.', "swearing at them: 'screw you'"],
    ['repeating for effect', 'I asked you to do ONE thing. ONE.', "repeating for effect: 'one'"],
    ['one word at a time', 'You never listen. Every. Single. Time.', 'one word at a time'],
    ['an angry emoji', 'You\u2019re pathetic 😡', 'an angry emoji'],
  ];

  it.each(cases)('%s', (_family, text, reason) => {
    const result = checkTone(text);
    expect(result.reasons).toContain(reason);
    expect(result.heated).toBe(true);
  });

  it('lists the strongest reason first', () => {
    expect(checkTone("You're pathetic!!").reasons[0]).toBe("insult: 'pathetic'");
  });

  it('does not repeat a reason inside a longer one of the same kind', () => {
    const { reasons } = checkTone("Do that again or we're done.");
    expect(reasons).toContain("threat or ultimatum: 'or we're done'");
    expect(reasons).not.toContain("threat or ultimatum: 'we're done'");
  });

  it('names no supporting signs (edgy words, wording, loudness) for a calm draft', () => {
    expect(checkTone('My boss is such an idiot, he cancelled my leave again.').reasons).toEqual([]);
    expect(checkTone('WE GOT THE HOUSE!!! Come and see it!').reasons).toEqual([]);
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
    [
      'a verdict on a third party',
      'Can you believe the council want to close the park? Ridiculous.',
    ],
    ['quoting someone else', "She said 'you always do this' and I didn't know what to say."],
    ['curly quotes around reported words', 'She wrote \u2018you never listen\u2019 on the card.'],
    ['an apology', "I'm sorry I snapped at you. That wasn't fair of me."],
    ['praise with an absolute', 'You always know how to cheer me up!'],
    ['"stop" that is not a command', 'Stop by whenever you like.'],
    ['a polite request to stop', 'Could you please stop leaving the back door open? Thanks!'],
    ['reassurance', "It's not your fault. You did everything you could."],
    ['tired of the weather', "I'm so tired of this rain."],
    ['a negated wrongdoing after thanks', 'Thanks for not forgetting my birthday!'],
    ['my own slip next to thanks', 'Sorry I forgot to call, thanks for understanding.'],
    ['sympathy with negative words', "I hate that you had to go through that alone. I'm here."],
    ['a verb that is also an insult', 'You mean everything to me.'],
    ['swearing at a printer', 'this damn printer jammed again'],
    ['swearing with joy', 'Holy shit, congratulations!!!'],
    ['"done" with a task', "I'm done for the day, heading home!"],
    ['"last time" about oneself', "That's the last time I eat gas station sushi lol"],
    ['a kind command', "Don't forget your umbrella, it's pouring."],
    ['"whatever" as support', 'Whatever you decide, I support you.'],
    ['a short reply that is not curt', 'k see you at 6'],
    ['a hurt feeling said gently', 'I felt hurt when you cancelled. Can we talk?'],
    ['other scripts and emoji', 'Спасибо! 谢谢 🌷'],
  ])('%s', (_case, text) => {
    expect(checkTone(text).heated).toBe(false);
  });
});

describe('checkTone weighing', () => {
  it('does not let an apology cancel an insult', () => {
    expect(checkTone("I'm sorry, but you're pathetic.").heated).toBe(true);
  });

  it('lets care soften weaker signs', () => {
    const blunt = checkTone('You forgot the tickets again.');
    const kind = checkTone('You forgot the tickets again, no worries, thank you for trying!');
    expect(blunt.heated).toBe(true);
    expect(kind.score).toBeLessThan(blunt.score);
    expect(kind.heated).toBe(false);
  });

  it('finds cold contempt and passive aggression without any swearing', () => {
    for (const text of [
      'Nice of you to finally reply.',
      'How dare you.',
      "That's rich coming from you.",
      'Must be nice.',
      "I'm not your maid.",
    ]) {
      expect(checkTone(text).heated, text).toBe(true);
    }
  });

  it('reads chat spellings like the words they stand for', () => {
    expect(checkTone('ur so selfish').reasons).toContain("insult: 'selfish'");
    expect(checkTone('i cant believe u would do this to me').heated).toBe(true);
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
    const huge = 'a '.repeat(MAX_CHECKED_CHARS) + ' Shut up.';
    expect(checkTone(huge).heated).toBe(false);
    expect(checkTone(' '.repeat(MAX_CHECKED_CHARS * 2)).heated).toBe(false);
    expect(checkTone("'a ".repeat(MAX_CHECKED_CHARS)).heated).toBe(false);
  });
});
