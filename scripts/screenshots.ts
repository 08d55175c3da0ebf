/**
 * `npx tsx scripts/screenshots.ts [baseUrl] [outDir]`: screenshots of every screen at phone
 * and desktop width, light and dark, with a little sample writing, for a person to look at.
 * Not a test: it asserts nothing.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS } from './chromium';
import { ensureChromium } from './ensure-chromium';

const base = process.argv[2] ?? 'http://localhost:4173';
const out = process.argv[3] ?? '.tmp/shots';
mkdirSync(out, { recursive: true });

const SAMPLES = [
  {
    text: 'Long walk by the canal before work. The light on the water was **ridiculously** good.\n\nFelt calmer afterwards than I have all week.',
    tags: ['walk', 'morning'],
  },
  {
    text: 'Sam asked about the weekend. I want to say yes but I also want a quiet Sunday. Maybe both are possible — lunch, then home.',
    tags: ['sam', 'weekend'],
  },
];

async function write(page: Page, text: string, tags: string[]): Promise<void> {
  await page.goto(`${base}/#/journal`);
  await page.getByRole('button', { name: 'New entry' }).click();
  await page.getByRole('textbox', { name: 'Entry text' }).click();
  await page.keyboard.insertText(text);
  for (const tag of tags) {
    await page.getByRole('combobox', { name: 'Tags' }).fill(tag);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: 'Done' }).click();
}

const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
for (const scheme of ['light', 'dark'] as const) {
  for (const [label, viewport] of [
    ['phone', { width: 360, height: 780 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    for (const s of SAMPLES) await write(page, s.text, s.tags);
    const shots: [string, string][] = [
      ['today', '#/today'],
      ['journal', '#/journal'],
      ['inbox', '#/inbox'],
      ['insights', '#/insights'],
      ['settings', '#/settings'],
    ];
    for (const [name, hash] of shots) {
      await page.goto(`${base}/${hash}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${name}-${label}-${scheme}.png`, fullPage: true });
    }
    await page.goto(`${base}/#/journal`);
    await page.locator('a.entry').first().click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/entry-${label}-${scheme}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/editor-${label}-${scheme}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Move to Trash' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/trashed-toast-${label}-${scheme}.png` });
    await page.goto(`${base}/#/trash`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/trash-${label}-${scheme}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
console.log(`Screenshots in ${out}`);
