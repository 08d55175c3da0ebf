import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEVICE_KEY,
  DeviceStore,
  VAULT_DB_NAME,
  VaultSwitchedError,
} from '../../../src/lib/sync/device-store';
import { freshDbName } from '../../helpers/db-name';

const stores: DeviceStore[] = [];

function fresh(): DeviceStore {
  const store = new DeviceStore(freshDbName('device'));
  stores.push(store);
  return store;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

describe('DeviceStore.vaultDbName', () => {
  it('is mull-vault on an install from before vaultDb existed', async () => {
    const store = fresh();
    await store.set(DEVICE_KEY.vaultSecret, new Uint8Array(32));
    expect(await store.vaultDbName()).toBe(VAULT_DB_NAME);
    expect(VAULT_DB_NAME).toBe('mull-vault');
  });

  it('is the stored name once there is one, and the default for anything else', async () => {
    const store = fresh();
    await store.set(DEVICE_KEY.vaultDb, 'mull-vault-b');
    expect(await store.vaultDbName()).toBe('mull-vault-b');
    await store.set(DEVICE_KEY.vaultDb, 42);
    expect(await store.vaultDbName()).toBe(VAULT_DB_NAME);
  });
});

describe('DeviceStore.update', () => {
  it('reads the keys and writes the patch in one transaction; undefined deletes', async () => {
    const store = fresh();
    await store.set('a', 1);
    await store.set('gone', 'soon');
    await store.update(['a', 'missing'], (current) => {
      expect(current).toEqual({ a: 1, missing: undefined });
      return { a: 2, b: 'new', gone: undefined };
    });
    expect(await store.get('a')).toBe(2);
    expect(await store.get('b')).toBe('new');
    expect(await store.get('gone')).toBeUndefined();
  });

  it('writes nothing when the change throws, and rejects with its error', async () => {
    const store = fresh();
    await store.set('a', 1);
    const refused = new Error('refused');
    await expect(
      store.update(['a'], () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(await store.get('a')).toBe(1);
  });

  it('writes none of the patch when the transaction aborts part-way (a crash)', async () => {
    const store = fresh();
    await store.set('a', 1);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      const request = put.call(this, value, key);
      if (key === 'c') this.transaction.abort();
      return request;
    });
    await expect(store.update([], () => ({ a: 2, b: 2, c: 2 }))).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await store.get('a')).toBe(1);
    expect(await store.get('b')).toBeUndefined();
  });
});

describe('DeviceStore.pinnedTo', () => {
  it('gives the vault secret while the pinned vault is still this device’s journal', async () => {
    const store = fresh();
    const secret = new Uint8Array(32).fill(7);
    await store.set(DEVICE_KEY.vaultSecret, secret);
    const pinned = store.pinnedTo(VAULT_DB_NAME);
    stores.push(pinned);
    expect(await pinned.get(DEVICE_KEY.vaultSecret)).toEqual(secret);
    await pinned.set(DEVICE_KEY.vaultSecret, new Uint8Array(32).fill(8));
    expect(await store.get(DEVICE_KEY.vaultSecret)).toEqual(new Uint8Array(32).fill(8));
  });

  it('refuses to read or write the secret once another vault is this device’s journal', async () => {
    const store = fresh();
    const secret = new Uint8Array(32).fill(7);
    await store.set(DEVICE_KEY.vaultSecret, secret);
    const pinned = store.pinnedTo(VAULT_DB_NAME);
    stores.push(pinned);
    await store.set(DEVICE_KEY.vaultDb, 'mull-vault-next');
    await expect(pinned.get(DEVICE_KEY.vaultSecret)).rejects.toBeInstanceOf(VaultSwitchedError);
    await expect(pinned.getOrCreate(DEVICE_KEY.vaultSecret, () => secret)).rejects.toBeInstanceOf(
      VaultSwitchedError,
    );
    await expect(
      pinned.set(DEVICE_KEY.vaultSecret, new Uint8Array(32).fill(9)),
    ).rejects.toBeInstanceOf(VaultSwitchedError);
    expect(await store.get(DEVICE_KEY.vaultSecret)).toEqual(secret);
    // Everything else is as before.
    await pinned.set(DEVICE_KEY.deviceName, 'Laptop');
    expect(await pinned.get(DEVICE_KEY.deviceName)).toBe('Laptop');
  });
});
