/**
 * A returning person sees their Journal's first screen at once, from a cache, while the vault
 * is read; the live list then takes its place. The cache is never a source of data.
 */
import { expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

test('the cached first screen shows while the vault loads, then the live list replaces it', async ({
  page,
}) => {
  await writeNewEntry(page, 'Written before the reload.');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Journal' }).click();
  // Written a second after the list changes.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('mull:first-screen') ?? ''))
    .toContain('Written before the reload.');

  // On the next load, before the app starts (the page rewrites its cache as it goes away):
  // make the cache say something the vault does not, and reading the vault slow.
  await page.addInitScript(() => {
    const cached = JSON.parse(localStorage.getItem('mull:first-screen') ?? '{"entries":[]}') as {
      entries: { id: string; body: string }[];
    };
    if (cached.entries[0]?.id === 'cache-only' || !cached.entries[0]) return;
    cached.entries.unshift({ ...cached.entries[0], id: 'cache-only', body: 'Only in the cache.' });
    localStorage.setItem('mull:first-screen', JSON.stringify(cached));
  });
  await page.addInitScript(() => {
    // Hold the vault's database back for a while, as a large vault on a slow phone would.
    const open = IDBFactory.prototype.open;
    const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess')!;
    IDBFactory.prototype.open = function (...args: Parameters<typeof open>) {
      const request = open.apply(this, args);
      if (args[0] !== 'mull-vault') return request;
      Object.defineProperty(request, 'onsuccess', {
        set(handler: ((event: Event) => void) | null) {
          onsuccess.set!.call(
            request,
            handler && ((event: Event) => setTimeout(() => handler.call(request, event), 4000)),
          );
        },
      });
      return request;
    };
  });
  await page.reload();

  await expect(page.getByRole('link', { name: /Only in the cache\./ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Opening your journal…' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New entry' })).toBeDisabled();

  await expect(page.getByRole('link', { name: /Only in the cache\./ })).toBeHidden({
    timeout: 10_000,
  });
  await expect(page.getByRole('link', { name: /Written before the reload\./ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New entry' })).toBeEnabled();
  // The live list rewrites the cache: what was only in the cache is gone from it too.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('mull:first-screen') ?? ''))
    .not.toContain('Only in the cache.');
});
