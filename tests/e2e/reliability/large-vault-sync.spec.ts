/**
 * A journal larger than one WebRTC data-channel message reaches a newly paired device, whole.
 *
 * Chromium sends no data-channel message over 256 KiB, and y-webrtc hands a newcomer the whole
 * document as one message (and swallows the send error), so before PeerRoom sent large
 * messages in parts (src/lib/sync/peer-guard.ts) a journal past a few hundred entries never
 * arrived on a new device. This vault is about 800 KB.
 */
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { addEntry } from '../../../src/lib/vault';
import { BrowserDevices, pairBrowsers } from '../../helpers/browser-devices';
import { createPrng } from '../../helpers/prng';
import { seedVault } from '../../helpers/seed-vault';
import { expect, test } from '../fixtures';

const ENTRIES = 600;
const devices = new BrowserDevices();
const device = async (): Promise<Page> => (await devices.open('large')).page;

test.afterEach(() => devices.closeAll());

/** Two years of daily entries of about 200 words, each with a word found nowhere else. */
function largeVault(): Y.Doc {
  const doc = new Y.Doc();
  const rnd = createPrng(600);
  const words = ['river', 'quiet', 'work', 'walk', 'light', 'rain', 'friend', 'tired', 'tea'];
  for (let i = 0; i < ENTRIES; i++) {
    const body = Array.from({ length: 200 }, () => rnd.pick(words)).join(' ');
    addEntry(doc, {
      body: `Day ${i}: marker${i}x. ${body}`,
      createdAt: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
    });
  }
  return doc;
}

test('a journal too large for one data-channel message reaches a newly paired device', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const vault = largeVault();
  expect(Y.encodeStateAsUpdate(vault).length).toBeGreaterThan(3 * 256 * 1024);

  const a = await device();
  const b = await device();
  await seedVault(a, base, vault);

  await pairBrowsers(a, base, b);

  await b.goto(`${base}/#/journal`);
  await expect(b.getByRole('link', { name: new RegExp(`Day ${ENTRIES - 1}:`) })).toBeVisible({
    timeout: 60_000,
  });
  // The oldest entry too: the whole journal came, not its latest part.
  await b.goto(`${base}/#/search`);
  await b.getByRole('searchbox', { name: 'Search your journal' }).fill('marker0x');
  await expect(b.getByRole('link', { name: /Day 0:/ })).toBeVisible();
});
