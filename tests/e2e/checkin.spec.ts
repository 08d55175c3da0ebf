import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, isTarget: () => Promise<boolean>, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await isTarget()) return;
  }
  throw new Error(`Nothing matching was reached in ${max} Tab presses`);
}

test('a check-in can be made with the keyboard alone', async ({ page }) => {
  await page.goto('/#/today');
  const grid = page.getByRole('slider', { name: /How you feel/ });
  await expect(grid).toBeVisible();

  await tabTo(page, () => grid.evaluate((el) => el === document.activeElement));
  await expect(grid).toHaveAttribute('aria-valuetext', 'Nothing chosen yet');
  // First arrow places the dot in the middle; then two right (pleasant), three down (calm).
  for (const key of [
    'ArrowRight',
    'ArrowRight',
    'ArrowRight',
    'ArrowDown',
    'ArrowDown',
    'ArrowDown',
  ]) {
    await page.keyboard.press(key);
  }
  await expect(grid).toHaveAttribute(
    'aria-valuetext',
    'Pleasantness +2, energy −3: pleasant, low energy',
  );

  const word = page.getByRole('button', { name: 'relaxed' });
  await tabTo(page, () => word.evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Space');
  await expect(word).toHaveAttribute('aria-pressed', 'true');

  const save = page.getByRole('button', { name: 'Save check-in' });
  await tabTo(page, () => save.evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Enter');

  const saved = page.getByRole('link', { name: /Check-in.*pleasant, low energy.*relaxed/i });
  await expect(saved).toBeVisible();
  await page.reload();
  await expect(saved).toBeVisible();
});

test('a check-in by pointer, with a note, a tag and an earlier time', async ({ page }) => {
  await page.goto('/#/today');
  const grid = page.getByRole('slider', { name: /How you feel/ });
  const box = (await grid.boundingBox())!;
  // Top-left quadrant: unpleasant, high energy.
  await page.mouse.click(box.x + box.width * 0.15, box.y + box.height * 0.15);
  await expect(grid).toHaveAttribute('aria-valuetext', /unpleasant, high energy/);
  await page.getByRole('button', { name: 'anxious' }).click();
  await page.getByLabel(/A note/).fill('Big meeting at ten.');
  await page.getByRole('combobox', { name: 'Tags' }).fill('work');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Earlier?' }).click();
  const earlier = new Date(Date.now() - 2 * 60 * 60 * 1000);
  const local = new Date(earlier.getTime() - earlier.getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 16);
  await page.getByLabel('When was this?').fill(local);
  await page.getByRole('button', { name: 'Save check-in' }).click();

  await page.goto('/#/journal');
  const card = page.getByRole('link', { name: /Check-in.*anxious.*Big meeting at ten\..*work/ });
  await expect(card).toBeVisible();
  const time = earlier.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });
  await expect(card).toContainText(time);
});

test('a check-in in the future is refused kindly', async ({ page }) => {
  await page.goto('/#/today');
  const grid = page.getByRole('slider', { name: /How you feel/ });
  await grid.focus();
  await page.keyboard.press('ArrowUp');
  await page.getByRole('button', { name: 'Earlier?' }).click();
  await page.getByLabel('When was this?').fill('2099-01-01T10:00');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/about now or earlier/);
  await expect(page.getByText('Today so far').locator('..').getByRole('link')).toHaveCount(0);
});
