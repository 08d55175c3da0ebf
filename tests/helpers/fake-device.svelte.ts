import type { DeliveryDevice } from '../../src/lib/state/delivery.svelte';

/** One of my devices as delivery sees it (SyncState's `deviceId` and `caughtUp`), set by hand. */
export class FakeDevice implements DeliveryDevice {
  readonly deviceId: string;
  caughtUp = $state(false);

  constructor(deviceId: string) {
    this.deviceId = deviceId;
  }
}
