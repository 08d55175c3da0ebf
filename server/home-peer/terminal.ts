/**
 * The person at the keyboard while the home peer pairs: where it asks for the invite (when
 * standard input is a terminal) and asks them to confirm the six-digit code.
 *
 * That is standard input when it is a terminal; otherwise — the invite was piped in, or read
 * from a file — the controlling terminal, `/dev/tty`, the way `ssh` and `sudo` ask for a
 * password. A process with neither (a service) gets null: it cannot pair, because nobody
 * could compare the codes.
 */
import { closeSync, openSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { isatty, ReadStream, WriteStream } from 'node:tty';

export interface Terminal {
  /** True when this is standard input itself, so an invite can be pasted at a prompt. */
  readonly isStdin: boolean;
  /**
   * Shows `question` and resolves with the line typed, or null when there will be none: input
   * ended (Ctrl-D), the person pressed Ctrl-C, the terminal closed, or `signal` aborted.
   */
  ask(question: string, signal?: AbortSignal): Promise<string | null>;
  /** A line of its own, for the person rather than the log. */
  say(line: string): void;
  close(): void;
}

/** A terminal over readline: `input` and `output` are ttys (or stand-ins in tests). */
export function readlineTerminal(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: { isStdin: boolean; onClose?: () => void },
): Terminal {
  const rl: Interface = createInterface({ input, output, terminal: isatty(fdOf(input)) });
  let closed = false;
  const waiting = new Set<() => void>();
  rl.on('close', () => {
    closed = true;
    for (const stop of waiting) stop();
    options.onClose?.();
  });
  // A raw-mode terminal hands Ctrl-C to readline, not to the kernel. During a question it
  // means "no answer" (so pairing can say no to the other device); otherwise it stops the
  // process, as Ctrl-C does anywhere.
  rl.on('SIGINT', () => {
    output.write('\n');
    const asking = waiting.size > 0;
    rl.close();
    if (!asking) process.kill(process.pid, 'SIGINT');
  });
  return {
    isStdin: options.isStdin,
    ask(question, signal) {
      if (closed || signal?.aborted) return Promise.resolve(null);
      return new Promise((resolve) => {
        const stop = (): void => {
          waiting.delete(stop);
          signal?.removeEventListener('abort', onAbort);
          resolve(null);
        };
        const onAbort = (): void => {
          // Leave the half-asked line behind, so what is said next starts on a line of its own.
          output.write('\n');
          stop();
        };
        waiting.add(stop);
        signal?.addEventListener('abort', onAbort, { once: true });
        rl.question(question, { signal }, (answer) => {
          waiting.delete(stop);
          signal?.removeEventListener('abort', onAbort);
          resolve(answer);
        });
      });
    },
    say(line) {
      output.write(`${line}\n`);
    },
    close() {
      if (!closed) rl.close();
    },
  };
}

const fdOf = (stream: NodeJS.ReadableStream): number => {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : -1;
};

/** Standard input if it is a terminal, else the controlling terminal; null when neither. */
export function openTerminal(): Terminal | null {
  if (process.stdin.isTTY) {
    return readlineTerminal(process.stdin, process.stdout, { isStdin: true });
  }
  let readFd = -1;
  let writeFd = -1;
  try {
    // Two descriptors: each stream closes its own when it is destroyed.
    readFd = openSync('/dev/tty', 'r');
    writeFd = openSync('/dev/tty', 'w');
    if (!isatty(readFd) || !isatty(writeFd)) throw new Error('not a terminal');
  } catch {
    // ENXIO: no controlling terminal (a service, setsid); ENOENT: no /dev/tty at all.
    for (const fd of [readFd, writeFd]) if (fd >= 0) closeSync(fd);
    return null;
  }
  const input = new ReadStream(readFd);
  const output = new WriteStream(writeFd);
  return readlineTerminal(input, output, {
    isStdin: false,
    onClose: () => {
      input.destroy();
      output.destroy();
    },
  });
}

/** "yes" or "y", in any case: anything else is not a yes. */
export const isYes = (answer: string): boolean => /^\s*y(es)?\s*$/i.test(answer);
