/**
 * A real redis-server (the Debian package) of a test's own: loopback, a free port, nothing
 * saved to disk. `REDIS_SERVER` is null when it is not installed (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const REDIS_SERVER: string | null = (() => {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
})();

export const REDIS_MISSING =
  'redis-server is not installed (apt-get install redis-server; .ci/run does this)';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  port: number;
  /** redis://[:password@]127.0.0.1:<port> */
  url: string;
  readonly running: boolean;
  /** Stops the server (SIGKILL: no goodbye to clients). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

export async function startRedis({ password }: { password?: string } = {}): Promise<TestRedis> {
  if (!REDIS_SERVER) throw new Error(REDIS_MISSING);
  const binary = REDIS_SERVER;
  const port = await freePort();
  let child: ChildProcess | null = null;

  const launch = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ];
      if (password) args.push('--requirepass', password);
      const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${output}`)),
        10_000,
      );
      proc.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${output}`));
      });
    });

  const kill = async (): Promise<void> => {
    const proc = child as ChildProcess | null;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };

  await launch();
  return {
    port,
    url: `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}`,
    get running() {
      return child !== null;
    },
    kill,
    restart: launch,
  };
}
