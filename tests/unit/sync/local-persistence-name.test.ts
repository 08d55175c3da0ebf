import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LoadError, LocalPersistence } from '../../../src/lib/sync/local-persistence';
import { freshDbName } from '../../helpers/db-name';
import { readRows } from '../../helpers/raw-idb';

const opened: LocalPersistence[] = [];

function persist(name: string | (() => Promise<string>), doc = new Y.Doc()): LocalPersistence {
  const p = new LocalPersistence(name, doc);
  opened.push(p);
  return p;
}

afterEach(() => {
  opened.splice(0).forEach((p) => p.destroy());
});

describe('LocalPersistence with a name found out at load', () => {
  it('asks for the name first, then loads and writes that database', async () => {
    const name = freshDbName('named-later');
    const first = persist(() => Promise.resolve(name));
    expect(first.name).toBe('');
    await first.whenReady;
    expect(first.name).toBe(name);
    first.doc.getText('t').insert(0, 'kept');
    await first.whenIdle();
    first.destroy();
    expect((await readRows(name)).length).toBeGreaterThan(0);

    const again = persist(name);
    await again.whenReady;
    expect(again.doc.getText('t').toString()).toBe('kept');
  });

  it('fails the load as unavailable when the name cannot be found out', async () => {
    const p = persist(() => Promise.reject(new Error('device storage refused')));
    await expect(p.whenReady).rejects.toBeInstanceOf(LoadError);
    await expect(p.whenReady).rejects.toMatchObject({ kind: 'unavailable' });
    expect(p.status.load).toBe('failed');
    expect(p.status.failure?.message).toContain('device storage refused');
  });

  it('opens nothing when destroyed while the name is being found out', async () => {
    const name = freshDbName('never-opened');
    let give: (name: string) => void = () => {};
    const p = persist(() => new Promise<string>((resolve) => (give = resolve)));
    p.destroy();
    give(name);
    await expect(p.whenReady).rejects.toMatchObject({ kind: 'unavailable' });
    const all = await indexedDB.databases();
    expect(all.some((db) => db.name === name)).toBe(false);
  });
});
