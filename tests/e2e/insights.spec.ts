/**
 * Insights drawn from a seeded year of check-ins: every picture renders, has a text
 * alternative, passes axe, and is saved as a screenshot to look at (light and dark).
 */
import AxeBuilder from '@axe-core/playwright';
import { seedVault, yearOfCheckIns } from '../helpers/seed-vault';
import { expect, test } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`insights render from a year of data (${colorScheme})`, async ({ page, baseURL }, info) => {
    await seedVault(page, baseURL ?? '', yearOfCheckIns(new Date()));
    await page.emulateMedia({ colorScheme });
    await page.goto('/#/insights');

    const chart = page.locator('svg[role="img"]');
    await expect(chart).toBeVisible();
    await expect(chart.locator('circle').first()).toBeVisible();
    await expect(page.locator('.px')).toHaveCount(365);
    await expect(page.getByRole('heading', { name: 'Words you used most' })).toBeVisible();
    await expect(page.getByText(/On days with walk you felt more pleasant/)).toBeVisible();
    await expect(page.getByText(/On days with deadline you felt less pleasant/)).toBeVisible();

    for (const period of ['7 days', '90 days', 'Year']) {
      await page.getByRole('radio', { name: period }).check();
      await expect(chart).toBeVisible();
    }

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) =>
      ['serious', 'critical'].includes(v.impact ?? ''),
    );
    expect(serious.map((v) => v.id)).toEqual([]);

    for (const [label, width] of [
      ['phone', 360],
      ['desktop', 1280],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole('radio', { name: '30 days' }).check();
      await page.screenshot({
        path: info.outputPath(`insights-${label}-${colorScheme}.png`),
        fullPage: true,
      });
    }
  });
}
