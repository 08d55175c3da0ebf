/**
 * Interop (issue 5): a plain y-webrtc client — stock `WebrtcProvider` in Node over
 * `@roamhq/wrtc`, none of Mull's code — given only the vault secret derives the room name and
 * password (DESIGN.md §3), joins through the real signaling server and receives the journal
 * the browser wrote. This is what "other programs will rely on it" means in practice.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { roomName, roomPassword } from '../../src/lib/keys';
import { expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

const PEER_SCRIPT = fileURLToPath(
  new URL('../unit/server/support/y-webrtc-peer.ts', import.meta.url),
);

type StoredEntry = { body?: string; kind?: string; trashedAt?: unknown };

/** The vault secret as the app stores it on this device (IndexedDB `mull-device`). */
async function vaultSecret(page: Page): Promise<Uint8Array> {
  let bytes: number[] | null = null;
  await expect
    .poll(async () => {
      bytes = await page.evaluate(
        () =>
          new Promise<number[] | null>((resolve, reject) => {
            const open = indexedDB.open('mull-device');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('keys')) {
                db.close();
                resolve(null);
                return;
              }
              const get = db.transaction('keys').objectStore('keys').get('vaultSecret');
              get.onsuccess = () => {
                db.close();
                const value = get.result as Uint8Array | undefined;
                resolve(value ? Array.from(value) : null);
              };
              get.onerror = () => reject(get.error);
            };
          }),
      );
      return bytes?.length ?? 0;
    })
    .toBe(32);
  return Uint8Array.from(bytes ?? []);
}

let peer: ChildProcess | null = null;
test.afterEach(async () => {
  const child = peer;
  peer = null;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.send({ quit: true });
  });
});

test('a plain y-webrtc client with the vault secret joins the room and sees the entries', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await writeNewEntry(page, 'Read by a program that is not Mull.');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Done' }).click();
  await writeNewEntry(page, 'A second entry, for good measure.');
  await waitUntilSaved(page);
  await page.getByRole('button', { name: 'Done' }).click();

  const secret = await vaultSecret(page);
  const signal = `${(baseURL ?? '').replace(/^http/, 'ws')}/signal`;
  const [room, password] = await Promise.all([
    roomName(secret, 'vault'),
    roomPassword(secret, 'vault'),
  ]);

  let entries: Record<string, StoredEntry> = {};
  let peers = 0;
  const child = fork(PEER_SCRIPT, [signal, room, password, 'entries'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  peer = child;
  child.on('message', (message: { map?: Record<string, StoredEntry>; peers?: number }) => {
    if (message.map) entries = message.map;
    if (message.peers !== undefined) peers = message.peers;
  });

  await expect.poll(() => peers, { timeout: 45_000 }).toBeGreaterThan(0);
  await expect
    .poll(() =>
      Object.values(entries)
        .map((entry) => entry.body)
        .sort(),
    )
    .toEqual(['A second entry, for good measure.', 'Read by a program that is not Mull.']);
  expect(Object.values(entries).every((entry) => entry.kind === 'entry')).toBe(true);

  // Live, too: an edit made now reaches the plain client without anything reconnecting.
  await writeNewEntry(page, 'Typed while it listened.');
  await expect
    .poll(() => Object.values(entries).some((entry) => entry.body === 'Typed while it listened.'))
    .toBe(true);
});
