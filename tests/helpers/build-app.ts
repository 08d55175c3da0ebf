/** Builds the app into a folder of its own, with a version string of the test's choosing. */
import { spawnSync } from 'node:child_process';

export function buildApp(outDir: string, version: string): void {
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { env: { ...process.env, MULL_VERSION: version }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`vite build failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
}
