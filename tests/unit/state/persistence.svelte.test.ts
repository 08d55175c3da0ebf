// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { PersistenceState } from '../../../src/lib/state/persistence.svelte';
import { LocalPersistence } from '../../../src/lib/sync/local-persistence';
import { freshDbName } from '../../helpers/db-name';
import { addRows } from '../../helpers/raw-idb';

const cleanups: (() => void)[] = [];

function setup(name = freshDbName()): { local: LocalPersistence; state: PersistenceState } {
  const local = new LocalPersistence(name, new Y.Doc());
  const state = new PersistenceState(local);
  cleanups.push(() => {
    state.destroy();
    local.destroy();
  });
  return { local, state };
}

afterEach(() => {
  vi.restoreAllMocks();
  cleanups.splice(0).forEach((c) => c());
});

describe('PersistenceState', () => {
  it('starts loading, then reflects ready, and effects see both', async () => {
    const { local, state } = setup();
    const seen: string[] = [];
    cleanups.push(
      $effect.root(() => {
        $effect(() => {
          seen.push(state.load);
        });
      }),
    );
    flushSync();
    expect(state.load).toBe('loading');
    await local.whenReady;
    flushSync();
    expect(state.load).toBe('ready');
    expect(state.failure).toBeNull();
    expect(seen).toEqual(['loading', 'ready']);
  });

  it('reports saving while a write is pending', async () => {
    const { local, state } = setup();
    await local.whenReady;
    expect(state.saving).toBe(false);
    local.doc.getText('t').insert(0, 'x');
    expect(state.saving).toBe(true);
    await local.whenIdle();
    expect(state.saving).toBe(false);
  });

  it('reflects a load failure with its kind', async () => {
    const name = freshDbName();
    await addRows(name, [new Uint8Array([255, 255, 255])]);
    const { local, state } = setup(name);
    await expect(local.whenReady).rejects.toThrow();
    expect(state.load).toBe('failed');
    expect(state.failure?.kind).toBe('corrupt');
  });

  it('shows a write error and clears it after retryWrites succeeds', async () => {
    const { local, state } = setup();
    await local.whenReady;
    const db = local.db as IDBDatabase;
    const broken = vi.spyOn(db, 'transaction').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    local.doc.getText('t').insert(0, 'x');
    await local.whenIdle();
    expect(state.writeError).toMatch(/QuotaExceededError/);
    broken.mockRestore();
    state.retryWrites();
    await local.whenIdle();
    expect(state.writeError).toBeNull();
  });

  it('picks up a status that changed before it was created', async () => {
    const local = new LocalPersistence(freshDbName(), new Y.Doc());
    await local.whenReady;
    const state = new PersistenceState(local);
    expect(state.load).toBe('ready');
    state.destroy();
    local.destroy();
  });

  it('stops following after destroy', async () => {
    const { local, state } = setup();
    state.destroy();
    await local.whenReady;
    expect(state.load).toBe('loading');
  });
});
