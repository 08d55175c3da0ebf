/**
 * A hostile contact floods a conversation (issue 13, budgets): their client — stock Yjs and
 * PeerRoom in a Node process over the real signaling server and WebRTC — writes valid messages
 * as fast as the link takes them. Mull stops taking them, says so calmly on the conversation
 * screen and in the Inbox, and the journal keeps working.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import * as Y from 'yjs';
import { createSecret, docId, encodeSecret } from '../../src/lib/keys';
import { PEER_RATE } from '../../src/lib/sync/room-budget';
import { addContact, ensureMemberId, ensureSchema, updateProfile } from '../../src/lib/vault';
import { seedProfile } from '../../bench/browser/vault-profile';
import { expect, test, waitUntilSaved, writeNewEntry } from './fixtures';

const FLOOD_SCRIPT = fileURLToPath(new URL('../helpers/flood-peer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const children: ChildProcess[] = [];
test.afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface FloodResult {
  sentBytes: number;
  messages: number;
  dropped: boolean;
}

function startFlood(spec: object): { done: Promise<FloodResult> } {
  const child = fork(FLOOD_SCRIPT, [JSON.stringify(spec)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  const done = new Promise<FloodResult>((resolve, reject) => {
    child.on('message', (m: { done?: FloodResult }) => {
      if (m.done) resolve(m.done);
    });
    child.on('exit', (code) => reject(new Error(`the flooding peer exited (${code})`)));
  });
  return { done };
}

test('a contact flooding a conversation is stopped, told calmly, and the journal keeps working', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL ?? '';
  // My vault, as if Sam had been added: the conversation secret is one the flooder knows too.
  const secret = createSecret();
  const vault = new Y.Doc();
  ensureSchema(vault);
  updateProfile(vault, { displayName: 'Alex' });
  ensureMemberId(vault);
  const sam = addContact(vault, {
    name: 'Sam',
    conversationSecret: encodeSecret(secret),
    theirMemberId: 'member-sam',
  });
  await seedProfile(page, base, [Y.encodeStateAsUpdate(vault)], createSecret());
  await page.goto(`${base}/#/journal`);

  const flood = startFlood({
    signaling: `${base.replace(/^http/, 'ws')}/signal`,
    secret: encodeSecret(secret),
    from: 'member-sam',
    maxBytes: 80_000_000,
  });
  const result = await flood.done;
  // Dropped by my side (it wrote far more than my side took: see below).
  expect(result.dropped).toBe(true);
  // What my device stored of it: no more than one burst of the rate.
  const stored = await page.evaluate(
    async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction('updates').objectStore('updates').getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return rows.reduce<number>((n, r) => n + (r as Uint8Array).byteLength, 0);
    },
    `mull-${await docId(secret, 'conv')}`,
  );
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThanOrEqual(PEER_RATE.byteBurst);

  await page.goto(`${base}/#/conversation/${sam}`);
  await expect(page.getByRole('heading', { name: 'Sam' })).toBeVisible();
  const note = page.getByRole('status').filter({ hasText: 'stopped taking new messages' });
  await expect(note).toContainText(
    'Sam’s side sent updates much faster than people write, so Mull stopped taking new messages from it',
  );
  await expect(note).toContainText('Your journal and other conversations aren’t affected.');
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/budget-notice.png' });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );

  // The choice to remove them is right there.
  await note.getByRole('button', { name: 'Remove or block…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Sam?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`${base}/#/inbox`);
  await expect(page.getByRole('link', { name: /Sam/ })).toContainText(
    'Open the conversation to see your choices.',
  );

  // The journal: a new entry is written and saved.
  await writeNewEntry(page, 'Still writing, calmly.', base);
  await waitUntilSaved(page);
});
