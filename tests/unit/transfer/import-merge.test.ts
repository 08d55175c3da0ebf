import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyImport,
  describeImport,
  planImport,
  type ImportProgress,
  type ImportSummary,
  type ReadyImportPlan,
} from '../../../src/lib/transfer/import-plan';
import { exportVault, serializeExport } from '../../../src/lib/transfer/json-export';
import { CONFLICT_TAG, conflictedCopy, decideMerge } from '../../../src/lib/transfer/merge-rules';
import {
  addEntry,
  getEntry,
  listEntries,
  ORIGIN,
  putImportedEntries,
  setEntryBody,
  trashEntry,
  updateEntry,
  type EntrySnapshot,
} from '../../../src/lib/vault';
import { createPrng } from '../../helpers/prng';
import {
  dailyCheckins,
  exportText,
  FIXED_NOW,
  snapshot,
  vaultFromIntents,
  vaultWith,
  watchWrites,
} from './fixtures';

const OPTIONS = { timeZone: 'UTC' };

async function plan(doc: Y.Doc, text: string): Promise<ReadyImportPlan> {
  const result = await planImport(doc, text, OPTIONS);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result;
}

async function importText(doc: Y.Doc, text: string): Promise<ImportSummary> {
  return applyImport(doc, await plan(doc, text));
}

const fileOf = (...entries: EntrySnapshot[]): string =>
  serializeExport(exportVault(vaultWith(...entries), FIXED_NOW));

describe('JSON round trip', () => {
  it('export, import into an empty vault, export again: the same entries', async () => {
    const source = vaultFromIntents(
      {
        id: 'a',
        body: '# Title\n\nquotes " \\ emoji 🌊\nlines',
        tags: ['walk'],
        emotions: ['calm'],
      },
      {
        id: 'b',
        kind: 'checkin',
        mood: { pleasantness: -5, energy: 5 },
        createdAt: '2020-02-29T23:59:59.000Z',
      },
      { id: 'c', body: 'to the trash' },
    );
    trashEntry(source, 'c');
    const fresh = new Y.Doc();
    await importText(fresh, serializeExport(exportVault(source)));
    expect(exportText(fresh)).toBe(exportText(source));
    expect(listEntries(fresh)).toEqual(listEntries(source));
  });

  it('holds for ten years of daily check-ins', async () => {
    const source = vaultWith(...dailyCheckins(3650, createPrng(10)));
    const fresh = new Y.Doc();
    const summary = await importText(fresh, serializeExport(exportVault(source)));
    expect(summary.newCheckins).toBe(3650);
    expect(exportText(fresh)).toBe(exportText(source));
  });
});

describe('importing the same file twice', () => {
  it('changes nothing the second time: no update, not even a transaction', async () => {
    const file = fileOf(
      snapshot({ id: 'a', body: 'one', tags: ['x'] }),
      snapshot({ id: 'b', kind: 'checkin', mood: { pleasantness: 1, energy: -1 } }),
    );
    const doc = new Y.Doc();
    await importText(doc, file);
    const after = exportText(doc);
    const writes = watchWrites(doc);
    const second = await plan(doc, file);
    expect(second.summary).toMatchObject({
      newEntries: 0,
      newCheckins: 0,
      updated: 0,
      unchanged: 2,
      copies: 0,
    });
    expect(describeImport(second.summary)).toBe(
      'Nothing to import: nothing in this file is new. 2 are already here.',
    );
    applyImport(doc, second);
    expect(writes.transactions()).toBe(0);
    expect(writes.updates()).toBe(0);
    expect(exportText(doc)).toBe(after);
  });

  it('changes nothing the second time even after a conflict made a copy', async () => {
    const doc = vaultWith(
      snapshot({ id: 'a', body: 'vault words', updatedAt: '2026-11-25T00:00:00.000Z' }),
    );
    const file = fileOf(
      snapshot({ id: 'a', body: 'file words', updatedAt: '2026-11-21T00:00:00.000Z' }),
    );
    expect((await importText(doc, file)).copies).toBe(1);
    const after = exportText(doc);
    const writes = watchWrites(doc);
    const summary = await importText(doc, file);
    expect(summary).toMatchObject({ keptNewer: 1, copies: 0 });
    expect(writes.transactions()).toBe(0);
    expect(exportText(doc)).toBe(after);
  });

  it('treats different updatedAt with the same content as the same', async () => {
    const doc = vaultWith(snapshot({ id: 'a', body: 'x', updatedAt: '2026-11-25T00:00:00.000Z' }));
    const writes = watchWrites(doc);
    const summary = await importText(
      doc,
      fileOf(snapshot({ id: 'a', body: 'x', updatedAt: '2026-11-29T00:00:00.000Z' })),
    );
    expect(summary.unchanged).toBe(1);
    expect(writes.transactions()).toBe(0);
  });
});

describe('conflict rules: the same id with different content', () => {
  const vaultVersion = snapshot({
    id: 'a',
    body: 'written on this device',
    tags: ['here'],
    updatedAt: '2026-11-22T00:00:00.000Z',
  });

  it('takes the file version when it was edited later, keeping the vault words as a copy', async () => {
    const doc = vaultWith(vaultVersion);
    const fileVersion = snapshot({
      id: 'a',
      body: 'written elsewhere',
      tags: ['there'],
      updatedAt: '2026-11-23T00:00:00.000Z',
    });
    const summary = await importText(doc, fileOf(fileVersion));
    expect(summary).toMatchObject({ updated: 1, copies: 1 });
    expect(getEntry(doc, 'a')).toEqual(fileVersion);
    const copy = listEntries(doc).find((e) => e.id !== 'a');
    expect(copy).toMatchObject({
      body: 'written on this device',
      tags: ['here', CONFLICT_TAG],
      createdAt: vaultVersion.createdAt,
      updatedAt: vaultVersion.updatedAt,
    });
  });

  it('keeps the vault version when it was edited later, adding the file words as a copy', async () => {
    const doc = vaultWith(vaultVersion);
    const older = snapshot({
      id: 'a',
      body: 'an older draft',
      updatedAt: '2026-11-21T00:00:00.000Z',
    });
    const summary = await importText(doc, fileOf(older));
    expect(summary).toMatchObject({ keptNewer: 1, copies: 1, updated: 0 });
    expect(getEntry(doc, 'a')).toEqual(vaultVersion);
    expect(listEntries(doc).find((e) => e.id !== 'a')?.body).toBe('an older draft');
  });

  it('gives a tie to the vault', () => {
    const incoming = { ...vaultVersion, body: 'same time, other words' };
    expect(decideMerge(vaultVersion, incoming, 'mull-json').outcome).toBe('keep-vault');
  });

  it('makes no copy when the losing words are all inside the kept text', async () => {
    const doc = vaultWith(
      snapshot({ id: 'a', body: 'Morning.', updatedAt: '2026-11-21T00:00:00.000Z' }),
    );
    const later = snapshot({
      id: 'a',
      body: 'Morning. Then a long walk.',
      tags: ['walk'],
      updatedAt: '2026-11-22T00:00:00.000Z',
    });
    const summary = await importText(doc, fileOf(later));
    expect(summary).toMatchObject({ updated: 1, copies: 0 });
    expect(listEntries(doc)).toEqual([later]);
  });

  it('lets the later version decide tags, mood and Trash when the words are the same', async () => {
    const doc = vaultWith(
      snapshot({ id: 'a', body: 'x', tags: ['old'], updatedAt: '2026-11-21T00:00:00.000Z' }),
    );
    const later = snapshot({
      id: 'a',
      body: 'x',
      tags: ['new'],
      mood: { pleasantness: 2, energy: 2 },
      trashedAt: '2026-11-22T00:00:00.000Z',
      updatedAt: '2026-11-22T00:00:00.000Z',
    });
    await importText(doc, fileOf(later));
    expect(listEntries(doc)).toEqual([later]);
  });

  it('does not add a copy that the file itself already holds', async () => {
    const vault = snapshot({ id: 'a', body: 'mine', updatedAt: '2026-11-22T00:00:00.000Z' });
    const theirs = snapshot({ id: 'a', body: 'theirs', updatedAt: '2026-11-21T00:00:00.000Z' });
    const doc = vaultWith(vault);
    // A file exported from a device where the same conflict was already resolved.
    const summary = await importText(doc, fileOf(theirs, conflictedCopy(theirs)));
    expect(summary).toMatchObject({ keptNewer: 1, newEntries: 1, copies: 0 });
    expect(listEntries(doc)).toHaveLength(2);
  });

  it('marks a copy whose tags are full without going over the limit', () => {
    const full = snapshot({ id: 'a', tags: Array.from({ length: 32 }, (_, i) => `t${i}`) });
    const copy = conflictedCopy(full);
    expect(copy.tags).toHaveLength(32);
    expect(copy.tags.at(-1)).toBe(CONFLICT_TAG);
  });
});

describe('applyImport', () => {
  it('writes a large file in one transaction, with the import origin and write progress', async () => {
    const file = serializeExport(
      exportVault(vaultWith(...dailyCheckins(3650, createPrng(3))), FIXED_NOW),
    );
    const doc = new Y.Doc();
    const progress: ImportProgress[] = [];
    const ready = await planImport(doc, file, {
      timeZone: 'UTC',
      onProgress: (p) => progress.push(p),
    });
    expect(ready.ok && describeImport(ready.summary)).toBe('This will add 3,650 check-ins.');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    if (!ready.ok) return;
    const done = applyImport(doc, ready, (p) => progress.push(p));
    expect(origins).toEqual([ORIGIN.import]);
    expect(describeImport(done, 'done')).toBe('Added 3,650 check-ins.');

    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('read');
    expect(phases.indexOf('check')).toBeLessThan(phases.indexOf('write'));
    const checks = progress.filter((p) => p.phase === 'check');
    expect(checks.length).toBeGreaterThan(5);
    expect(checks.at(-1)).toEqual({ phase: 'check', done: 3650, total: 3650 });
    const writes = progress.filter((p) => p.phase === 'write');
    expect(writes[0]).toEqual({ phase: 'write', done: 0, total: 3650 });
    expect(writes.at(-1)).toEqual({ phase: 'write', done: 3650, total: 3650 });
    for (const list of [checks, writes]) {
      const dones = list.map((p) => p.done);
      expect(dones).toEqual([...dones].sort((a, b) => a - b));
    }
  });

  it('decides again against the vault as it is when applied', async () => {
    const doc = new Y.Doc();
    const ready = await plan(doc, fileOf(snapshot({ id: 'a', body: 'from file' })));
    expect(ready.summary.newEntries).toBe(1);
    // Meanwhile another device synced the same entry in, edited later.
    putImportedEntries(doc, [
      snapshot({ id: 'a', body: 'from file, and more', updatedAt: '2027-01-01T00:00:00.000Z' }),
    ]);
    const done = applyImport(doc, ready);
    expect(done).toMatchObject({ newEntries: 0, keptNewer: 1, copies: 0 });
    expect(getEntry(doc, 'a')?.body).toBe('from file, and more');
  });

  it('leaves entries that are not in the file alone', async () => {
    const doc = vaultFromIntents({ id: 'mine', body: 'only here' });
    updateEntry(doc, 'mine', { tags: ['kept'] });
    setEntryBody(doc, 'mine', 'only here, edited');
    addEntry(doc, { id: 'other' });
    const before = listEntries(doc);
    await importText(doc, fileOf(snapshot({ id: 'new' })));
    expect(listEntries(doc).filter((e) => e.id !== 'new')).toEqual(before);
  });
});

describe('describeImport', () => {
  const base: ImportSummary = {
    source: 'mull-json',
    total: 0,
    newEntries: 0,
    newCheckins: 0,
    updated: 0,
    unchanged: 0,
    keptNewer: 0,
    copies: 0,
    unknownMoods: {},
  };

  it('says everything that will happen, in plain words', () => {
    const summary = {
      ...base,
      newCheckins: 1,
      newEntries: 12,
      updated: 3,
      copies: 1,
      unchanged: 1,
      keptNewer: 2,
    };
    expect(describeImport(summary)).toBe(
      'This will add 1 check-in and 12 entries, update 3 entries edited later in the file and keep 1 conflicting version as separate entries tagged "conflicted copy". 1 is already here. 2 entries were edited later in this vault and stay as they are.',
    );
    expect(describeImport(summary, 'done')).toBe(
      'Added 1 check-in and 12 entries, updated 3 entries edited later in the file and kept 1 conflicting version as separate entries tagged "conflicted copy". 1 was already here. 2 entries were edited later in this vault and stayed as they are.',
    );
  });

  it('says so when there is nothing to do', () => {
    expect(describeImport(base)).toBe('Nothing to import: nothing in this file is new.');
    expect(describeImport(base, 'done')).toBe('Nothing changed.');
  });
});
