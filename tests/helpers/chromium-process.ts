/**
 * A Chromium we start ourselves, so a test can kill it with SIGKILL like a crash or a
 * power cut, then start it again on the same profile. Playwright attaches over CDP.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium';

export interface ChromiumProcess {
  browser: Browser;
  process: ChildProcess;
  /** SIGKILL: no unload handlers, no flushing, nothing graceful. */
  kill(): Promise<void>;
}

export async function launchChromiumProcess(userDataDir: string): Promise<ChromiumProcess> {
  const executable = findChromium();
  if (!executable) throw new Error('No Chromium: set CHROMIUM_PATH or install chromium');
  const child = spawn(
    executable,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      '--disable-session-crashed-bubble',
      '--hide-crash-restore-bubble',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('Chromium did not start in 20 s')), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited early (${code}): ${buffered.slice(-500)}`));
    });
  });
  const browser = await chromium.connectOverCDP(wsUrl);
  return {
    browser,
    process: child,
    kill: async () => {
      // Already gone (a kill sets signalCode, not exitCode).
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Removes a profile folder. Chromium's helper processes outlive a SIGKILL of the browser by a
 * moment and may still write into the profile, so this tries for a while and then leaves the
 * rest to the system's temporary-file cleanup rather than failing a test over it.
 */
export async function removeProfile(profile: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      rmSync(profile, { recursive: true, force: true });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
