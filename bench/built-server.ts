/**
 * The server's entry points as `npm start`, `npm run signal` and `npm run home-peer` run them:
 * plain JavaScript in dist-server/, started by node with no TypeScript loader beside it (tsx
 * would add its own memory and start-up time to every figure). Built once per process by
 * `npm run build:server`, which takes under a second.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let built = false;

/** The path of a built entry point (`signal-main.js`, `home-peer/main.js`), built first. */
export function builtServerEntry(entry: string): string {
  if (!built) {
    const build = spawnSync('npm', ['run', '--silent', 'build:server'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) {
      throw new Error(`npm run build:server failed: ${build.stderr}${build.stdout}`);
    }
    built = true;
  }
  return fileURLToPath(new URL(`../dist-server/${entry}`, import.meta.url));
}
