/**
 * Finds the Chromium that tests drive: $CHROMIUM_PATH, else /usr/bin/chromium. Playwright's
 * own browser download does not work on our machines, so we use the system's.
 */
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags for headless Chromium on a closed network (no background calls home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, DEFAULT_CHROMIUM, '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}
