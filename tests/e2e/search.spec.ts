import { editorText, expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

test('search finds a word written a moment ago, marks it, and filters', async ({ page }) => {
  await writeNewEntry(page, 'Walked along the harbour with Sam after dinner.');
  await page.getByRole('combobox', { name: 'Tags' }).fill('sea');
  await page.keyboard.press('Enter');
  await waitUntilSaved(page);
  await writeNewEntry(page, 'Quiet day indoors, a long bath.');
  await waitUntilSaved(page);

  await page.goto('/#/search');
  const box = page.getByRole('searchbox', { name: 'Search your journal' });
  await box.fill('harbo');
  const hit = page.getByRole('link', { name: /Walked along the harbour/ });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText(['harbour']);
  await expect(page.getByRole('link', { name: /Quiet day indoors/ })).toHaveCount(0);

  // Edit an entry, come straight back: the new word is found.
  await hit.click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(editorText(page)).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Lighthouse blinking.');
  await page.goto('/#/search');
  await box.fill('lighthouse');
  await expect(page.getByRole('link', { name: /Lighthouse blinking/ })).toBeVisible();

  // Filters: by tag, with no words.
  await box.fill('');
  await page.getByText('Filters').click();
  await page.getByLabel('Tag').selectOption('sea');
  await expect(page.getByRole('link', { name: /harbour/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Quiet day/ })).toHaveCount(0);

  // Markup typed as a search is just text.
  await box.fill('<img src=x onerror=alert(1)>');
  await expect(page.getByText(/Nothing found/)).toBeVisible();
});
