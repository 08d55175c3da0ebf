/**
 * The terminal the home peer asks at (server/home-peer/terminal.ts), over plain streams: an
 * answer is the line typed; no answer (input ended, the question withdrawn) is null; and only
 * "yes" confirms a code.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isYes, readlineTerminal } from '../../../server/home-peer/terminal';

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { input, output, shown: () => shown };
}

describe('the home peer’s terminal', () => {
  it('shows the question and resolves with the line typed', async () => {
    const { input, output, shown } = streams();
    const terminal = readlineTerminal(input, output, { isStdin: true });
    const answer = terminal.ask('Does your other device show 482 193? Type yes to confirm: ');
    input.write('yes\n');
    await expect(answer).resolves.toBe('yes');
    terminal.say('A line of its own.');
    expect(shown()).toContain('Does your other device show 482 193? Type yes to confirm: ');
    expect(shown()).toContain('A line of its own.\n');
    terminal.close();
  });

  it('resolves null when input ends, when the question is withdrawn, and once closed', async () => {
    const ending = streams();
    const first = readlineTerminal(ending.input, ending.output, { isStdin: false });
    const unanswered = first.ask('Type yes to confirm: ');
    ending.input.end();
    await expect(unanswered).resolves.toBeNull();
    await expect(first.ask('Again? ')).resolves.toBeNull();

    const { input, output } = streams();
    const second = readlineTerminal(input, output, { isStdin: true });
    const withdrawn = new AbortController();
    const asked = second.ask('Type yes to confirm: ', withdrawn.signal);
    withdrawn.abort();
    await expect(asked).resolves.toBeNull();
    // A line typed afterwards answers nothing that was withdrawn.
    const next = second.ask('Paste: ');
    input.write('d.next\n');
    await expect(next).resolves.toBe('d.next');
    second.close();
    await expect(second.ask('Closed? ')).resolves.toBeNull();
  });

  it('takes only yes (or y, in any case) as a yes', () => {
    for (const answer of ['yes', 'YES', ' Yes ', 'y', 'Y']) expect(isYes(answer)).toBe(true);
    for (const answer of ['', 'no', 'n', 'yes please', 'ye', 'yess', 'sí', '482 193']) {
      expect(isYes(answer)).toBe(false);
    }
  });
});
