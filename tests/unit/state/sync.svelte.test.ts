// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SETTINGS_REJOIN_MS, SyncState } from '../../../src/lib/state/sync.svelte';
import { DEVICE_KEY, DeviceStore } from '../../../src/lib/sync/device-store';
import { registerDevice, setNetwork } from '../../../src/lib/vault';
import { freshDbName } from '../../helpers/db-name';
import { syncAll } from '../../helpers/sync-docs';
import { watch } from '../../helpers/watch.svelte';

/** A signaling address nothing answers on: the room is joined, and stays alone. */
const NOBODY = 'ws://127.0.0.1:9';
const NOBODY_EITHER = 'ws://127.0.0.1:7';

/** Waits (up to 3 s) until `ok()` holds. */
async function until(ok: () => boolean): Promise<void> {
  for (let waited = 0; !ok(); waited += 20) {
    if (waited > 3000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const owned: { destroy(): void }[] = [];
const stops: (() => void)[] = [];

afterEach(() => {
  stops.splice(0).forEach((s) => s());
  owned.splice(0).forEach((o) => o.destroy());
});

function syncFor(doc: Y.Doc, store = new DeviceStore(freshDbName())): SyncState {
  setNetwork(doc, { signaling: [NOBODY], iceServers: [] });
  const sync = new SyncState(doc, store);
  owned.push(sync);
  return sync;
}

describe('SyncState', () => {
  it('says it is starting, and lists devices as they arrive, before it has started', () => {
    const doc = new Y.Doc();
    const sync = syncFor(doc);
    expect(sync.summary).toBe('Starting…');
    const names = watch(() => sync.devices.map((d) => d.name));
    stops.push(names.stop);
    const phone = new Y.Doc();
    registerDevice(phone, 'phone-id', 'Phone');
    syncAll(phone, doc);
    flushSync();
    expect(names.values).toEqual([[], ['Phone']]);
  });

  it('registers this device under its stored id and name, and keeps a new name', async () => {
    const doc = new Y.Doc();
    const store = new DeviceStore(freshDbName());
    await store.set(DEVICE_KEY.deviceId, 'laptop-id');
    await store.set(DEVICE_KEY.deviceName, 'Laptop');
    const sync = syncFor(doc, store);
    await sync.start();
    expect(sync.deviceId).toBe('laptop-id');
    expect(sync.thisDevice?.name).toBe('Laptop');
    expect(sync.summary).toBe('Only on this device');
    expect(sync.signalingUrls).toEqual([NOBODY]);

    const phone = new Y.Doc();
    registerDevice(phone, 'phone-id', 'Phone');
    syncAll(phone, doc);
    expect(sync.otherDevices.map((d) => d.name)).toEqual(['Phone']);
    expect(sync.summary).toBe('Waiting for your other devices');

    await sync.renameThisDevice('Work laptop');
    expect(sync.thisDevice?.name).toBe('Work laptop');
    expect(await store.get(DEVICE_KEY.deviceName)).toBe('Work laptop');
  });

  it('shows the servers just saved in Settings, not the ones before', () => {
    const doc = new Y.Doc();
    const sync = syncFor(doc);
    const shown = watch(() => sync.signalingUrls);
    stops.push(shown.stop);
    setNetwork(doc, { signaling: [NOBODY_EITHER], iceServers: [] });
    flushSync();
    expect(shown.values).toEqual([[NOBODY], [NOBODY_EITHER]]);
  });

  it('rejoins with servers changed while its first join was still under way', async () => {
    const doc = new Y.Doc();
    const sync = syncFor(doc);
    const starting = sync.start();
    await until(() => sync.joinedWith !== null);
    setNetwork(doc, { signaling: [NOBODY, NOBODY_EITHER], iceServers: [] });
    flushSync();
    await starting;
    expect(sync.joinedWith?.signaling).toEqual([NOBODY]);
    await new Promise((resolve) => setTimeout(resolve, SETTINGS_REJOIN_MS));
    await until(() => sync.joinedWith?.signaling.length === 2);
    expect(sync.joinedWith?.signaling).toEqual([NOBODY, NOBODY_EITHER]);
  });
});
