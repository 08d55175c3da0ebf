// @vitest-environment jsdom
import { toBase64 } from 'lib0/buffer';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { VaultState, VAULT_DB_NAME } from '../../../src/lib/state/vault.svelte';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../../../src/lib/transfer/json-export';
import { addEntry, META, metaOf, SCHEMA_VERSION, type EntrySnapshot } from '../../../src/lib/vault';
import { freshDbName } from '../../helpers/db-name';
import { addRows, readRows } from '../../helpers/raw-idb';
import { acceptForeignUint8Arrays } from '../../helpers/realm';

const vaults: VaultState[] = [];

function open(name = freshDbName()): VaultState {
  const vault = new VaultState(name);
  vaults.push(vault);
  return vault;
}

/** Stores a document in `name` the way an earlier session would have. */
async function seed(name: string, write: (doc: Y.Doc) => void): Promise<void> {
  const local = new LocalPersistence(name, new Y.Doc());
  await local.whenReady;
  write(local.doc);
  await local.whenIdle();
  local.destroy();
}

afterEach(() => {
  vaults.splice(0).forEach((v) => v.destroy());
});

describe('VaultState', () => {
  it('uses the mull-vault database by default', () => {
    expect(VAULT_DB_NAME).toBe('mull-vault');
  });

  it('has no journal until stored data has loaded, then one', async () => {
    const vault = open();
    const seen: boolean[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(vault.journal !== null);
      });
    });
    flushSync();
    expect(vault.journal).toBeNull();
    expect(vault.schema).toBeNull();
    await vault.ready;
    flushSync();
    expect(vault.journal).not.toBeNull();
    expect(vault.schema).toBe('current');
    expect(vault.persistence.load).toBe('ready');
    expect(seen).toEqual([false, true]);
    stop();
  });

  it('shows entries stored by an earlier session', async () => {
    const name = freshDbName();
    await seed(name, (doc) => addEntry(doc, { id: 'e', body: 'from yesterday' }));
    const vault = open(name);
    await vault.ready;
    expect(vault.journal?.get('e')?.body).toBe('from yesterday');
  });

  it('stamps the schema version once loaded, and saves it', async () => {
    const name = freshDbName();
    const vault = open(name);
    await vault.ready;
    expect(metaOf(vault.doc).get(META.schemaVersion)).toBe(SCHEMA_VERSION);
    await vault.whenSaved();
    expect((await readRows(name)).length).toBeGreaterThan(0);
  });

  it('keeps the journal null for a vault written by a newer Mull, and writes nothing', async () => {
    const name = freshDbName();
    await seed(name, (doc) => metaOf(doc).set(META.schemaVersion, SCHEMA_VERSION + 1));
    const rows = await readRows(name);
    const vault = open(name);
    await vault.ready;
    expect(vault.schema).toBe('newer');
    expect(vault.journal).toBeNull();
    await vault.whenSaved();
    expect(await readRows(name)).toEqual(rows);
  });

  it('keeps the journal null and reports failed when the stored data is corrupt', async () => {
    const name = freshDbName();
    await addRows(name, [new Uint8Array([255, 255, 255, 255])]);
    const vault = open(name);
    await expect(vault.ready).rejects.toMatchObject({ kind: 'corrupt' });
    expect(vault.journal).toBeNull();
    expect(vault.persistence.load).toBe('failed');
    expect(vault.persistence.failure?.kind).toBe('corrupt');
  });

  it('saves what the journal writes, so a new session sees it', async () => {
    const name = freshDbName();
    const vault = open(name);
    await vault.ready;
    const id = vault.journal?.create({ body: 'saved?', tags: ['t'] }) ?? '';
    await vault.whenSaved();
    vault.destroy();
    vaults.splice(vaults.indexOf(vault), 1);

    const again = open(name);
    await again.ready;
    expect(again.journal?.get(id)).toMatchObject({ body: 'saved?', tags: ['t'] });
  });

  it('exports every entry, trashed ones too, in the versioned format', async () => {
    const vault = open();
    await vault.ready;
    const journal = vault.journal;
    if (!journal) throw new Error('no journal');
    journal.create({ id: 'a', body: 'kept', createdAt: '2026-01-02T00:00:00.000Z' });
    journal.create({ id: 'b', body: 'binned', createdAt: '2026-01-01T00:00:00.000Z' });
    journal.moveToTrash('b');
    const exported = vault.export();
    expect(exported.format).toBe(EXPORT_FORMAT);
    expect(exported.version).toBe(EXPORT_VERSION);
    expect(
      exported.entries.map((e: EntrySnapshot) => [e.id, e.body, e.trashedAt !== null]),
    ).toEqual([
      ['a', 'kept', false],
      ['b', 'binned', true],
    ]);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it('rescues what it can from a corrupt vault without writing to it', async () => {
    const name = freshDbName();
    await seed(name, (doc) => {
      addEntry(doc, { id: 'one', body: 'first', createdAt: '2026-01-01T00:00:00.000Z' });
    });
    const garbage = new Uint8Array([255, 255, 255, 255, 255]);
    await addRows(name, [garbage]);
    const rows = await readRows(name);

    const vault = open(name);
    await expect(vault.ready).rejects.toThrow();
    vault.doc.getText('typed after failure').insert(0, 'x');
    const restore = acceptForeignUint8Arrays();
    const rescued = await vault.rescue().finally(restore);
    expect(rescued.format).toBe(EXPORT_FORMAT);
    expect(rescued.entries.map((e: EntrySnapshot) => [e.id, e.body])).toEqual([['one', 'first']]);
    expect(rescued.salvage.rowsRead).toBe(rows.length);
    expect(rescued.salvage.unreadableRows).toBe(1);
    expect(rescued.salvage.rawRows).toHaveLength(rows.length);
    expect(rescued.salvage.rawRows.at(-1)).toBe(toBase64(garbage));
    expect(await readRows(name)).toEqual(rows);
  });

  it('destroy closes everything and stops saving', async () => {
    const name = freshDbName();
    const vault = open(name);
    await vault.ready;
    await vault.whenSaved();
    const rows = await readRows(name);
    vault.destroy();
    vaults.splice(vaults.indexOf(vault), 1);
    addEntry(vault.doc, { body: 'after destroy' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await readRows(name)).toEqual(rows);
  });
});
