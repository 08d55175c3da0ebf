/**
 * A scheduled reply can be seen and taken back wherever it shows: scheduled with Send at…, it
 * is on the Inbox row (where its time can be changed), in the conversation, and on the reply
 * screen when reopened — each with "Don't send", which makes it a draft again, words kept.
 */
import AxeBuilder from '@axe-core/playwright';
import * as Y from 'yjs';
import { createSecret, encodeSecret } from '../../src/lib/keys';
import { addContact, ensureMemberId, updateProfile } from '../../src/lib/vault';
import { replyText } from '../helpers/browser-devices';
import { seedVault } from '../helpers/seed-vault';
import { expect, test } from './fixtures';

const WORDS = 'I can’t make it Friday, but Saturday works.';

test('a scheduled reply shows its time, can move, and "Don’t send" keeps it as a draft', async ({
  page,
  baseURL,
}) => {
  const doc = new Y.Doc();
  updateProfile(doc, { displayName: 'Alice' });
  ensureMemberId(doc);
  const sam = addContact(doc, {
    name: 'Sam',
    conversationSecret: encodeSecret(createSecret()),
    theirMemberId: 'sam-member',
  });
  await seedVault(page, baseURL ?? '', doc);
  await page.emulateMedia({ reducedMotion: 'reduce' });

  // Sam has not written yet: this is a first message, not a reply.
  await page.goto(`/#/conversation/${sam}`);
  await page.getByRole('link', { name: 'Write to Sam' }).click();
  await expect(page.getByRole('heading', { name: 'Write to Sam', exact: true })).toBeVisible();
  const skip = page.getByRole('button', { name: 'Skip' });
  if (await skip.isVisible()) await skip.click();
  await replyText(page).click();
  await page.keyboard.type(WORDS);
  await page.getByRole('button', { name: 'Send at…' }).click();
  await page.getByRole('button', { name: 'Tomorrow at 9' }).click();

  // In the conversation: when it goes, and the way back.
  await expect(page.getByRole('heading', { name: 'Sam', exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: /^Scheduled for tomorrow at / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Don’t send' })).toBeVisible();

  // On the Inbox row, the time can be changed.
  await page.goto('/#/inbox');
  await expect(page.getByRole('group', { name: /^Scheduled for tomorrow at / })).toBeVisible();
  await page.getByRole('button', { name: 'Change time' }).click();
  await page.getByRole('button', { name: 'In an hour' }).click();
  await expect(
    page.getByRole('group', { name: /^Scheduled for (today|tomorrow) at / }),
  ).toBeVisible();
  await expect(page.getByRole('group', { name: /^Scheduled for tomorrow at 0?9/ })).toHaveCount(0);

  // Reopened with "Continue…", the reply screen says it is scheduled.
  await page.getByRole('link', { name: /Sam/ }).first().click();
  await page.getByRole('link', { name: /Continue/ }).click();
  await expect(replyText(page)).toContainText(WORDS);
  await expect(
    page.getByRole('group', { name: /^Scheduled for (today|tomorrow) at / }),
  ).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);

  // "Don't send": a draft again, nothing lost — and it stays one after a reload.
  await page.getByRole('button', { name: 'Don’t send' }).click();
  await expect(page.getByText('Kept as a draft. It won’t be sent.')).toBeVisible();
  await expect(page.getByRole('group', { name: /^Scheduled for/ })).toHaveCount(0);
  await expect(replyText(page)).toContainText(WORDS);
  await page.reload();
  await expect(replyText(page)).toContainText(WORDS);
  await expect(page.getByRole('group', { name: /^Scheduled for/ })).toHaveCount(0);
  await page.goto('/#/inbox');
  await expect(page.getByText('Draft reply, only on your devices')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Don’t send' })).toHaveCount(0);
});
