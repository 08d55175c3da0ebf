/**
 * What `npm test` and `npm run test:soak` share: running a vitest or Playwright suite with a
 * JSON report, counting it (a suite that fails to load counts as a failure), and the closing
 * lines CI reads — one per suite, then "N passed, N failed" summed over all of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

export interface Tally {
  suite: string;
  passed: number;
  failed: number;
}

export const TMP = '.tmp';
mkdirSync(TMP, { recursive: true });

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

export function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** A non-zero exit with no failed test (a file that did not load) still counts as a failure. */
const failures = (failedTests: number, status: number): number =>
  failedTests + (status !== 0 && failedTests === 0 ? 1 : 0);

/** `vitest run` with `args`, counted from its JSON report at `out`. */
export function vitestSuite(suite: string, args: string[], out: string): Tally {
  rmSync(out, { force: true });
  const status = run('npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(out);
  if (!report) return { suite, passed: 0, failed: 1 };
  return { suite, passed: report.numPassedTests, failed: failures(report.numFailedTests, status) };
}

/** `playwright test` with `args` and `env`, counted from its JSON report at `out`. */
export function playwrightSuite(
  suite: string,
  args: string[],
  out: string,
  env: NodeJS.ProcessEnv = {},
): Tally {
  rmSync(out, { force: true });
  const status = run('npx', ['playwright', 'test', ...args], env);
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(out);
  if (!report) return { suite, passed: 0, failed: 1 };
  const { expected, unexpected, flaky } = report.stats;
  return { suite, passed: expected + flaky, failed: failures(unexpected, status) };
}

/** Prints `lines`, one line per suite and the sum; exits non-zero if anything failed. */
export function finish(tallies: Tally[], lines: string[] = []): never {
  console.log('');
  for (const line of lines) console.log(line);
  for (const t of tallies) console.log(`${t.suite}: ${t.passed} passed, ${t.failed} failed`);
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
