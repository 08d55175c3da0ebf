/**
 * Runs one hostile-bytes suite in a process of its own, reporting each input's outcome to the
 * parent (watchdog.ts) before starting the next. If an input hangs this process or blows its
 * memory, the parent kills it, counts that input, and starts a new process at the next one.
 *
 *   in:  { suite, seed, from, to }
 *   out: { type: 'ready' } · { type: 'result', index, outcome } · { type: 'finished', problems }
 */
import 'fake-indexeddb/auto';
import { ImportSuite } from './import-suite';
import { InviteSuite } from './invite-suite';
import { PeerMessageSuite } from './peer-suite';
import { SignalPayloadSuite } from './signal-suite';
import type { HostileSuite, Outcome } from './suite';

const SUITES: Record<string, () => HostileSuite> = {
  'peer messages': () => new PeerMessageSuite(),
  'signaling payloads': () => new SignalPayloadSuite(),
  'invite codes': () => new InviteSuite(),
  'import files': () => new ImportSuite(),
};

interface Job {
  suite: string;
  seed: number;
  from: number;
  to: number;
}

/** Waits until the parent has the message, so a hang right after cannot swallow it. */
const report = (message: unknown): Promise<void> =>
  new Promise((resolve, reject) =>
    process.send!(message, undefined, {}, (err) => (err ? reject(err) : resolve())),
  );

// Anything thrown or rejected outside the code's own handling: in a real peer, a crash.
const escaped: string[] = [];
process.on('uncaughtException', (err) => escaped.push(`uncaught: ${String(err)}`));
process.on('unhandledRejection', (err) => escaped.push(`unhandled rejection: ${String(err)}`));

process.once('message', (job: Job) => {
  void (async () => {
    const make = SUITES[job.suite];
    if (!make) throw new Error(`No suite "${job.suite}"`);
    const suite = make();
    await suite.setup(job.seed);
    await report({ type: 'ready' });
    for (let index = job.from; index < job.to; index++) {
      let outcome: Outcome;
      const before = escaped.length;
      try {
        outcome = await suite.run(index);
      } catch (err) {
        outcome = { verdict: 'refused', crash: `escaped: ${String(err)}` };
      }
      if (escaped.length > before && !outcome.crash) outcome.crash = escaped.at(-1);
      await report({ type: 'result', index, outcome });
    }
    // Anything still in flight from the last inputs gets its chance to go wrong.
    const before = escaped.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const problems = await suite.finish();
    problems.push(...escaped.slice(before));
    await report({ type: 'finished', problems });
    process.exit(0);
  })();
});
