import { editorText, expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

test.describe('journal', () => {
  test('an entry written is still there after a reload', async ({ page }) => {
    await writeNewEntry(page, 'The light on the canal this morning.');
    await waitUntilSaved(page);
    await page.reload();
    await page.goto('/#/journal');
    await expect(
      page.getByRole('link', { name: /The light on the canal this morning\./ }),
    ).toBeVisible();
  });

  test('undo and redo go through the editor', async ({ page }) => {
    await writeNewEntry(page, 'First thought.');
    // A pause makes the next typing its own undo step (Y.UndoManager groups by time).
    await page.waitForTimeout(700);
    await page.keyboard.type(' Second thought.');
    await expect(editorText(page)).toHaveText('First thought. Second thought.');

    await page.keyboard.press('Control+z');
    await expect(editorText(page)).toHaveText('First thought.');
    // A real keyboard sends "Z" with Shift held (Playwright's "z" would read as plain Ctrl+z).
    await page.keyboard.press('Control+Shift+Z');
    await expect(editorText(page)).toHaveText('First thought. Second thought.');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');
    await expect(editorText(page)).toHaveText('First thought. Second thought.');

    // The toolbar buttons do the same for people without a keyboard.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(editorText(page)).toHaveText('First thought.');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(editorText(page)).toHaveText('First thought. Second thought.');

    await waitUntilSaved(page);
    await page.reload();
    await expect(editorText(page)).toHaveText('First thought. Second thought.');
  });

  test('entries render as markdown when not being edited, without running markup', async ({
    page,
  }) => {
    await writeNewEntry(page, '# Walk\n\nIt was **good**. <img src=x onerror="window.__pwned=1">');
    await page.getByRole('button', { name: 'Done' }).click();
    const article = page.locator('article .prose');
    await expect(article.locator('h1')).toHaveText('Walk');
    await expect(article.locator('strong')).toHaveText('good');
    await expect(article.locator('img')).toHaveCount(0);
    // Raw HTML is shown as the text it is.
    await expect(article).toContainText('<img src=x onerror="window.__pwned=1">');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
  });

  test('tags are suggested from tags used before', async ({ page }) => {
    await writeNewEntry(page, 'Morning walk.');
    const tags = page.getByRole('combobox', { name: 'Tags' });
    await tags.fill('walking');
    await tags.press('Enter');
    await tags.fill('outdoors');
    await tags.press('Enter');
    await expect(page.getByRole('button', { name: 'Remove tag walking' })).toBeVisible();

    await writeNewEntry(page, 'Another one.');
    await tags.fill('wal');
    const option = page.getByRole('option', { name: 'walking' });
    await expect(option).toBeVisible();
    await tags.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await tags.press('Enter');
    await expect(page.getByRole('button', { name: 'Remove tag walking' })).toBeVisible();
    await page.goto('/#/journal');
    await expect(page.getByRole('link', { name: /Another one\..*walking/ })).toBeVisible();
  });

  test('trash moves an entry out of the journal, and restore brings it back', async ({ page }) => {
    await writeNewEntry(page, 'Not sure I want to keep this.');
    await page.getByRole('button', { name: 'Move to Trash' }).click();
    await expect(page).toHaveURL(/#\/journal$/);
    await expect(page.getByRole('link', { name: /Not sure I want/ })).toHaveCount(0);

    await page.getByRole('link', { name: /Trash \(1\)/ }).click();
    const item = page.getByRole('listitem').filter({ hasText: 'Not sure I want to keep this.' });
    await item.getByRole('button', { name: 'Restore' }).click();
    await expect(item).toHaveCount(0);
    await page.goto('/#/journal');
    await expect(page.getByRole('link', { name: /Not sure I want/ })).toBeVisible();
  });

  test('the toast can undo a move to the Trash', async ({ page }) => {
    await writeNewEntry(page, 'Oops, wrong button.');
    await page.getByRole('button', { name: 'Move to Trash' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('link', { name: /Oops, wrong button\./ })).toBeVisible();
  });

  test('deleting for good happens only from the Trash, after asking', async ({ page }) => {
    await writeNewEntry(page, 'Gone for good soon.');
    await page.getByRole('button', { name: 'Done' }).click();
    // Outside the Trash there is no way to delete for good.
    await expect(page.getByRole('button', { name: /Delete for good/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Move to Trash' }).click();
    await page.goto('/#/trash');
    const item = page.getByRole('listitem').filter({ hasText: 'Gone for good soon.' });
    await item.getByRole('button', { name: 'Delete for good' }).click();

    const dialog = page.getByRole('dialog', { name: 'Delete this entry for good?' });
    await expect(dialog).toBeVisible();
    // The safe answer has focus: a stray Enter cancels.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(item).toBeVisible();

    await item.getByRole('button', { name: 'Delete for good' }).click();
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await expect(item).toHaveCount(0);
    // Mull's promise is that a change older than half a second survives a reload or a kill
    // (the crash soak holds it to that); a reload in the same millisecond is not promised.
    await page.waitForTimeout(600);
    await page.reload();
    await expect(page.getByText('The Trash is empty.')).toBeVisible();
  });

  test('a new entry left empty leaves nothing behind', async ({ page }) => {
    await page.goto('/#/journal');
    await page.getByRole('button', { name: 'New entry' }).click();
    await expect(editorText(page)).toBeFocused();
    await page.getByRole('link', { name: 'Journal' }).first().click();
    await expect(page.getByText('Nothing here yet.')).toBeVisible();
  });
});
