/**
 * Real Chromium processes for the browser benchmarks: one profile directory per device, started
 * fresh for every cold-start run and shut down gracefully (so IndexedDB is flushed the way a
 * person quitting the browser flushes it), plus a clock shared across processes.
 */
import type { Browser, Page } from '@playwright/test';
import { launchChromiumProcess, type ChromiumProcess } from '../../tests/helpers/chromium-process';

export type { ChromiumProcess };

/** How long a graceful Browser.close may take before the process is killed. */
const CLOSE_TIMEOUT_MS = 10_000;

export async function launch(
  profileDir: string,
): Promise<{ chromium: ChromiumProcess; page: Page }> {
  const chromium = await launchChromiumProcess(profileDir);
  const context = chromium.browser.contexts()[0];
  if (!context) throw new Error('Chromium started without a default context');
  // tsx compiles this file with esbuild's keepNames, which wraps named functions inside the
  // callbacks we hand to page.evaluate in `__name(fn, "name")`: give every page that helper.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const page = context.pages()[0] ?? (await context.newPage());
  return { chromium, page };
}

/** Closes the whole browser as a person would (CDP Browser.close), killing it only if it hangs. */
export async function close(chromium: ChromiumProcess): Promise<void> {
  const child = chromium.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const session = await (chromium.browser as Browser).newBrowserCDPSession();
    await session.send('Browser.close');
  } catch {
    // The connection may drop as the browser goes: that is the browser closing.
  }
  const timer = setTimeout(() => void chromium.kill(), CLOSE_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Milliseconds since the Unix epoch on this process's high-resolution clock. */
export const nodeNow = (): number => performance.timeOrigin + performance.now();

/**
 * How far a page's clock (`performance.timeOrigin + performance.now()`) is ahead of this
 * process's, estimated like NTP from the quickest of several round trips. Chromium processes
 * convert their monotonic clocks to wall time on their own, so two browsers can disagree by a
 * millisecond or more; one-way latencies between them are computed on this common clock.
 */
export async function clockOffset(
  page: Page,
  rounds = 15,
): Promise<{ offsetMs: number; errorMs: number }> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < rounds; i++) {
    const before = nodeNow();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = nodeNow();
    if (after - before < best.rtt)
      best = { rtt: after - before, offset: pageTime - (before + after) / 2 };
  }
  return { offsetMs: best.offset, errorMs: best.rtt / 2 };
}
