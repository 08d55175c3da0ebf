/**
 * Devices for end-to-end specs: each a Chromium process of its own with its own profile
 * (chromium-process.ts), so it can be killed with SIGKILL and opened again on the same
 * profile — a device going away and coming back. `closeAll` in `afterEach` removes them all.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromiumProcess, removeProfile, type ChromiumProcess } from './chromium-process';

export interface BrowserDevice {
  label: string;
  profile: string;
  chromium: ChromiumProcess | null;
  page: Page;
}

export class BrowserDevices {
  readonly #devices: BrowserDevice[] = [];

  /** A new device with an empty profile. */
  async open(label: string): Promise<BrowserDevice> {
    const profile = mkdtempSync(join(tmpdir(), `mull-${label.toLowerCase()}-`));
    const device: BrowserDevice = { label, profile, chromium: null, page: null as never };
    this.#devices.push(device);
    await this.reopen(device);
    return device;
  }

  /** Starts the device's browser again on its profile (after `close`). */
  async reopen(device: BrowserDevice): Promise<void> {
    device.chromium = await launchChromiumProcess(device.profile);
    const context = device.chromium.browser.contexts()[0]!;
    device.page = context.pages()[0] ?? (await context.newPage());
  }

  /** SIGKILL: the device is gone at once, with whatever its storage holds. */
  async close(device: BrowserDevice): Promise<void> {
    await device.chromium?.kill();
    device.chromium = null;
  }

  async closeAll(): Promise<void> {
    for (const device of this.#devices.splice(0)) {
      await device.chromium?.kill();
      await removeProfile(device.profile);
    }
  }
}
