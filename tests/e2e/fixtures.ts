/**
 * The `test` every end-to-end spec uses: Playwright's, plus a watch on the page for uncaught
 * errors and Content Security Policy violations. Either fails the test, so a screen that
 * "works" while throwing or breaking the CSP does not pass quietly.
 */
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
          problems.push(`CSP: ${msg.text()}`);
        }
      });
      await use(problems);
      expect(problems, 'the page threw or broke its CSP').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The editor's text box (CodeMirror's content element). */
export const editorText = (page: Page) => page.getByRole('textbox', { name: 'Entry text' });

/**
 * Opens a new entry from the Journal and types `text` into it with real key presses.
 * `origin` is for tests that run their own server; by default the shared one is used.
 */
export async function writeNewEntry(page: Page, text: string, origin = ''): Promise<void> {
  await page.goto(`${origin}/#/journal`);
  await page.getByRole('button', { name: 'New entry' }).click();
  await expect(editorText(page)).toBeFocused();
  await page.keyboard.type(text);
}

/** Resolves when every write the app has issued has committed to IndexedDB. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this device' })).toBeVisible();
}
