/**
 * axe-core on every screen, in light and dark, at phone and desktop width: no serious or
 * critical violation anywhere.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { createSecret, encodeSecret } from '../../src/lib/keys';
import {
  addContact,
  archiveMessages,
  draftBody,
  ensureMemberId,
  keepReflection,
  markDraftSent,
  openDraft,
  updateProfile,
} from '../../src/lib/vault';
import { seedVault } from '../helpers/seed-vault';
import { editorText, expect, test, writeNewEntry } from './fixtures';

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [360, 780],
    [1280, 800],
  ] as const) {
    test(`every screen passes axe (${colorScheme}, ${width}px)`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height });

      for (const screen of ['today', 'journal', 'inbox', 'insights', 'settings', 'trash']) {
        await page.goto(`/#/${screen}`);
        await expect(page.locator('main h1')).toBeVisible();
        await expectNoSeriousViolations(page, `${screen} (empty)`);
      }

      await writeNewEntry(page, 'A *quiet* evening. Tea, then bed.');
      await page.getByRole('combobox', { name: 'Tags' }).fill('tea');
      await page.keyboard.press('Enter');
      await expect(editorText(page)).toBeVisible();
      await expectNoSeriousViolations(page, 'entry (editing)');
      await page.getByRole('button', { name: 'Done' }).click();
      await expectNoSeriousViolations(page, 'entry (reading)');

      for (const screen of ['today', 'journal']) {
        await page.goto(`/#/${screen}`);
        await expect(page.locator('main h1')).toBeVisible();
        await expectNoSeriousViolations(page, `${screen} (with an entry)`);
      }

      await page.getByRole('link', { name: /A quiet evening/ }).click();
      await page.getByRole('button', { name: 'Move to Trash' }).click();
      await expectNoSeriousViolations(page, 'journal with a toast');
      await page.goto('/#/trash');
      await expectNoSeriousViolations(page, 'trash (with an entry)');
      await page.getByRole('button', { name: 'Delete for good' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoSeriousViolations(page, 'delete dialog');
      await page.keyboard.press('Escape');

      await page.goto('/#/no-such-place');
      await expectNoSeriousViolations(page, 'not found');
    });
  }
}

test('the reply screens pass axe (phone, light and dark)', async ({ page, baseURL }) => {
  const doc = new Y.Doc();
  updateProfile(doc, { displayName: 'Alice', replyWindow: 'Within a day or two' });
  ensureMemberId(doc);
  const sam = addContact(doc, {
    name: 'Sam',
    conversationSecret: encodeSecret(createSecret()),
    theirMemberId: 'sam-member',
  });
  // My record holds a message from Sam and one I sent: the conversation screen shows them.
  archiveMessages(doc, sam, [
    {
      id: 's1',
      from: 'sam-member',
      text: 'Are you free Friday?',
      sentAt: new Date().toISOString(),
    },
  ]);
  const sent = openDraft(doc, sam);
  draftBody(doc, sent).insert(0, 'I can’t make it Friday.');
  markDraftSent(doc, sent);
  keepReflection(doc, {
    id: 'r1',
    contactId: sam,
    text: 'What I nearly said.',
    outcome: 'discarded',
  });
  await seedVault(page, baseURL ?? '', doc);
  await page.setViewportSize({ width: 360, height: 780 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [hash, heading] of [
      ['#/inbox', 'Inbox'],
      [`#/conversation/${sam}`, 'Sam'],
      [`#/reply/${sam}`, 'Write to Sam'],
      ['#/reflections', 'What I almost sent'],
      ['#/search', 'Search'],
      ['#/settings', 'Settings'],
    ]) {
      await page.goto(`/${hash}`);
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      if (heading === 'Sam') await expect(page.getByText('Are you free Friday?')).toBeVisible();
      await expectNoSeriousViolations(page, `${hash} (${colorScheme})`);
    }
    // The heated note and the cool-off sheet.
    await page.goto(`/#/reply/${sam}`);
    const skip = page.getByRole('button', { name: 'Skip' });
    if (await skip.isVisible()) await skip.click();
    await page.getByRole('textbox', { name: 'Your reply' }).click();
    await page.keyboard.type('You ALWAYS do this!!!');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Ready to send?' })).toBeVisible();
    await expectNoSeriousViolations(page, `cool-off sheet (${colorScheme})`);
    await page.getByRole('button', { name: 'Keep writing' }).click();
  }
});
