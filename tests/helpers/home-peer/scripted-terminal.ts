/**
 * A stand-in for the person at the home peer's terminal (server/home-peer/terminal.ts): each
 * question is answered with the next scripted answer — a line, or null for none (Ctrl-D) —
 * or, when the script is `'wait'`, not until `answer()` is called. Everything asked and said
 * is kept.
 */
import type { Terminal } from '../../../server/home-peer/terminal';

export interface ScriptedTerminal extends Terminal {
  asked: string[];
  said: string[];
  /** Answers the question now waiting (script 'wait'). */
  answer(line: string | null): void;
  /** A question is waiting for `answer()`. */
  readonly waiting: boolean;
  closed: boolean;
}

export function scriptedTerminal(
  script: (string | null)[] | 'wait',
  { isStdin = true }: { isStdin?: boolean } = {},
): ScriptedTerminal {
  const answers = script === 'wait' ? [] : [...script];
  let pending: ((line: string | null) => void) | null = null;
  const terminal: ScriptedTerminal = {
    isStdin,
    asked: [],
    said: [],
    closed: false,
    get waiting() {
      return pending !== null;
    },
    ask(question, signal) {
      terminal.asked.push(question);
      if (terminal.closed || signal?.aborted) return Promise.resolve(null);
      if (script !== 'wait')
        return Promise.resolve(answers.length ? (answers.shift() ?? null) : null);
      return new Promise((resolve) => {
        pending = (line) => {
          pending = null;
          resolve(line);
        };
        signal?.addEventListener('abort', () => pending?.(null), { once: true });
      });
    },
    answer(line) {
      if (!pending) throw new Error('nothing is being asked');
      pending(line);
    },
    say(line) {
      terminal.said.push(line);
    },
    close() {
      terminal.closed = true;
    },
  };
  return terminal;
}
