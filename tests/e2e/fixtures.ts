/**
 * The `test` every end-to-end spec uses: Playwright's, plus a watch on the page for uncaught
 * errors and Content Security Policy violations. Either fails the test, so a screen that
 * "works" while throwing or breaking the CSP does not pass quietly.
 */
import { test as base, expect } from '@playwright/test';

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

// The entry steps live with the other steps a person takes (write, pair, add a contact).
export { editorText, waitUntilSaved, writeNewEntry } from '../helpers/browser-devices';
