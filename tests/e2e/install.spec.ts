/**
 * Mull installs like an app: Chromium's own installability check finds nothing missing, and
 * the manifest and icons are complete.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromiumProcess, removeProfile } from '../helpers/chromium-process';
import { expect, test } from './fixtures';

interface Manifest {
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  categories: string[];
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

test('Chromium reports no installability errors', async ({ baseURL }) => {
  // A real profile: Playwright's own contexts are incognito, where nothing installs.
  const profile = mkdtempSync(join(tmpdir(), 'mull-install-'));
  const chromium = await launchChromiumProcess(profile);
  try {
    const context = chromium.browser.contexts()[0]!;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseURL}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
  } finally {
    await chromium.kill();
    await removeProfile(profile);
  }
});

test('the manifest is complete and every icon is a real image of its size', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = (await (await request.get(href ?? '')).json()) as Manifest;
  expect(manifest).toMatchObject({
    name: 'Mull',
    short_name: 'Mull',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  expect(manifest.description.length).toBeGreaterThan(10);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.categories.length).toBeGreaterThan(0);

  const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));

  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  const icons = [
    ...manifest.icons.map((i) => ({ src: i.src, sizes: i.sizes })),
    { src: apple ?? '', sizes: '180x180' },
  ];
  for (const icon of icons) {
    const response = await request.get(new URL(icon.src, page.url()).href);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    // PNG width and height are big-endian at bytes 16 and 20 of the IHDR chunk.
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
  }
});
