/**
 * A hostile contact for end-to-end tests: a real contact of Alice's (paired through the UI, so
 * it holds the conversation secret as any contact does) whose client is then swapped for a
 * modified one — stock Yjs and y-webrtc in Node (./hostile-contact-client.ts) that writes
 * straight into the conversation doc, bypassing every check of Mull's own client.
 *
 * What it can do is what any contact with a modified client can do to the shared doc:
 *
 * - `send`: an ordinary message under its own member id (what Mull itself would write);
 * - `forgeAs`: a message under someone else's member id (Alice's);
 * - `rewrite`: replace the text of any message in the doc (Alice's sent ones included);
 * - `remove`: delete any message (its own threat, after Alice has read it);
 * - `send` with a `sentAt` of its choosing: years in the past, or far in the future;
 * - `flood`: valid messages under fresh ids, as fast as the link takes them.
 *
 * Used by tests/e2e/hostile-contact.spec.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { decodeSecret, roomName, roomPassword } from '../../src/lib/keys';
import { listContacts } from '../../src/lib/vault/contacts';
import { readProfile } from '../../src/lib/vault/profile';
import type {
  FloodResult,
  HostileCommand,
  HostileRead,
  RawMessage,
} from './hostile-contact-client';

const CLIENT_SCRIPT = fileURLToPath(new URL('./hostile-contact-client.ts', import.meta.url));

/** What a contact's device holds about one conversation: enough to join it and to write in it. */
export interface ContactKeys {
  conversationSecret: string;
  /** The contact's own member id (what Mull writes as `from` on its messages). */
  ownMemberId: string;
  /** The other person's member id, as this contact's vault records it. */
  theirMemberId: string;
}

/**
 * Reads, from the IndexedDB of a real Mull page, the conversation keys for the contact named
 * `contactName`: the vault's stored Yjs updates, applied in Node (the vault is not encrypted at
 * rest; its secret only names its room).
 */
export async function readContactKeys(page: Page, contactName: string): Promise<ContactKeys> {
  const rows = await page.evaluate(async () => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const all = <T>(db: IDBDatabase, store: string, key?: string) =>
      new Promise<T>((resolve, reject) => {
        const s = db.transaction(store).objectStore(store);
        const r = key === undefined ? s.getAll() : s.get(key);
        r.onsuccess = () => resolve(r.result as T);
        r.onerror = () => reject(r.error);
      });
    const device = await open('mull-device');
    const stored = await all<unknown>(device, 'keys', 'vaultDb');
    device.close();
    const vaultDb = typeof stored === 'string' && stored !== '' ? stored : 'mull-vault';
    const vault = await open(vaultDb);
    const updates = await all<Uint8Array[]>(vault, 'updates');
    vault.close();
    return updates.map((u) => Array.from(u));
  });
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, Uint8Array.from(row));
  const contact = listContacts(doc).find((c) => c.name === contactName);
  const ownMemberId = readProfile(doc).memberId;
  doc.destroy();
  if (!contact || !ownMemberId) throw new Error(`No contact named ${contactName} in this vault`);
  return {
    conversationSecret: contact.conversationSecret,
    ownMemberId,
    theirMemberId: contact.theirMemberId,
  };
}

type Reply = { seq: number; ok?: unknown; error?: string };

/** The hostile contact's client, in a Node process of its own, in the conversation's room. */
export class HostileContact {
  readonly keys: ContactKeys;
  readonly #child: ChildProcess;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  #seq = 0;
  #peers = 0;

  private constructor(child: ChildProcess, keys: ContactKeys) {
    this.#child = child;
    this.keys = keys;
    child.on('message', (message: Reply & { peers?: number }) => {
      if (message.peers !== undefined) this.#peers = message.peers;
      const waiting = this.#pending.get(message.seq);
      if (!waiting) return;
      this.#pending.delete(message.seq);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.ok);
    });
    child.once('exit', () => {
      for (const { reject } of this.#pending.values()) reject(new Error('client exited'));
      this.#pending.clear();
    });
  }

  /** Joins the conversation's room through the signaling server at `signalUrl`. */
  static async join(signalUrl: string, keys: ContactKeys): Promise<HostileContact> {
    const secret = decodeSecret(keys.conversationSecret);
    const [room, password] = await Promise.all([
      roomName(secret, 'conv'),
      roomPassword(secret, 'conv'),
    ]);
    const child = fork(CLIENT_SCRIPT, [signalUrl, room, password], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`hostile client exited (${code})`)));
    });
    return new HostileContact(child, keys);
  }

  get peers(): number {
    return this.#peers;
  }

  #call<T>(command: HostileCommand): Promise<T> {
    const seq = ++this.#seq;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ ...command, seq });
    });
  }

  /** The doc as this client sees it (texts cut to `preview` characters). */
  read(preview = 200): Promise<HostileRead> {
    return this.#call<HostileRead>({ op: 'read', preview });
  }

  /** An ordinary message of its own; `sentAt` is whatever it claims (default: now). */
  async send(text: string, sentAt = new Date()): Promise<RawMessage> {
    return this.#set({
      id: crypto.randomUUID(),
      from: this.keys.ownMemberId,
      text,
      sentAt: sentAt.toISOString(),
    });
  }

  /** A message under the other person's member id, as if they had sent it. */
  async forgeAs(memberId: string, text: string): Promise<RawMessage> {
    return this.#set({ id: crypto.randomUUID(), from: memberId, text, sentAt: iso(new Date()) });
  }

  /** The message `id` as it stands, with `text` in place of its text; nothing else changed. */
  async rewrite(id: string, text: string): Promise<RawMessage> {
    const current = (await this.read(Number.MAX_SAFE_INTEGER)).messages.find((m) => m.id === id);
    if (!current) throw new Error(`No message ${id} to rewrite`);
    return this.#set({ ...current, text });
  }

  /** Deletes the message `id` from the shared doc. */
  async remove(id: string): Promise<void> {
    await this.#call({ op: 'delete', id });
  }

  /**
   * Valid messages of its own, `chars` characters each under fresh ids, until `totalChars`
   * characters have gone out; resolves when the last has left this process.
   */
  async flood(totalChars: number, chars = 15_000, perUpdate = 8): Promise<FloodResult> {
    const result = await this.#call<FloodResult>({
      op: 'flood',
      from: this.keys.ownMemberId,
      chars,
      perUpdate,
      totalChars,
    });
    await this.#call({ op: 'drain' });
    return result;
  }

  async #set(value: RawMessage): Promise<RawMessage> {
    await this.#call({ op: 'set', value });
    return value;
  }

  /** Leaves the room and ends the process (SIGKILL if it does not end in 2 s). */
  async quit(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.send({ op: 'quit', seq: ++this.#seq });
    });
  }
}

const iso = (date: Date): string => date.toISOString();
