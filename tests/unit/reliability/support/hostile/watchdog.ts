/**
 * Runs a hostile-bytes suite in a child process under a watchdog: every input must report
 * within `hangMs`, or the child is killed (SIGKILL) and the input counted as a hang; a child
 * that dies (an uncaught error, out of memory past `maxMemoryMb`) counts as a crash. Either
 * way a fresh child continues with the next input, so one bad input never hides the rest.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Outcome } from './suite';
import { addExample, count, emptyTally, type HostileTally } from './tally';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export interface WatchdogOptions {
  /** The longest one input may take. Generous: a hang is minutes, not milliseconds. */
  hangMs?: number;
  /** The child's heap limit: an input that needs more has "blown memory". */
  maxMemoryMb?: number;
}

type ChildMessage =
  | { type: 'ready' }
  | { type: 'result'; index: number; outcome: Outcome }
  | { type: 'finished'; problems: string[] };

export async function runHostileSuite(
  suite: string,
  seed: number,
  inputs: number,
  { hangMs = 10_000, maxMemoryMb = 1024 }: WatchdogOptions = {},
): Promise<HostileTally> {
  const tally = emptyTally(suite, seed);
  const started = Date.now();
  let next = 0;
  while (next < inputs) {
    next = await runChild(suite, seed, next, inputs, tally, hangMs, maxMemoryMb);
  }
  tally.ms = Date.now() - started;
  return tally;
}

/** One child from `from` until it finishes (returns `to`) or dies (returns where to go on). */
function runChild(
  suite: string,
  seed: number,
  from: number,
  to: number,
  tally: HostileTally,
  hangMs: number,
  maxMemoryMb: number,
): Promise<number> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(CHILD, [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${maxMemoryMb}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let current = from;
    let ready = false;
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Setting up (starting Node, loading the code) may take longer than one input.
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!ready) {
          finish(to, `the suite did not start in ${ms} ms`);
          return;
        }
        tally.inputs++;
        tally.hangs++;
        addExample(tally, `hang at input ${current}: no answer in ${hangMs} ms`);
        finish(current + 1);
      }, ms);
    };
    const finish = (resumeAt: number, setupFailure?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (setupFailure) {
        tally.crashes++;
        addExample(tally, setupFailure);
      }
      child.kill('SIGKILL');
      resolve(resumeAt);
    };
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        ready = true;
        arm(hangMs);
      } else if (message.type === 'result') {
        count(tally, message.index, message.outcome);
        current = message.index + 1;
        arm(hangMs);
      } else {
        tally.damaged += message.problems.length;
        for (const problem of message.problems) addExample(tally, `at the end: ${problem}`);
        finish(to);
      }
    });
    child.on('exit', (code, signal) => {
      if (done) return;
      if (!ready) {
        finish(to, `the suite's process died while starting (${signal ?? code})`);
        return;
      }
      tally.inputs++;
      tally.crashes++;
      addExample(tally, `crash at input ${current}: the process died (${signal ?? code})`);
      finish(current + 1);
    });
    arm(Math.max(60_000, hangMs * 3));
    child.send({ suite, seed, from, to });
  });
}
