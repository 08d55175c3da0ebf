import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium';

/**
 * End-to-end tests drive the system Chromium (Playwright's own download does not work here)
 * against the built app served by server/ (started in tests/e2e/global-setup.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores: one worker per core keeps browser start-up from starving the app under test.
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/e2e-results.json' }]],
  outputDir: '.tmp/e2e-output',
  use: {
    baseURL: process.env.MULL_E2E_URL,
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: CHROMIUM_ARGS,
    },
    trace: 'off',
  },
});
