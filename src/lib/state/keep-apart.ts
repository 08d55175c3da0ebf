/**
 * Joining another device's journal without merging this one into it (issue 12, "no silent
 * merge"). TO BE BUILT on branch keep-apart: see the task of that branch.
 */
import type * as Y from 'yjs';
import type { DeviceStore } from '../sync/device-store';

/** What this device's vault holds that joining would merge: shown before a device join. */
export interface Holdings {
  entries: number;
  contacts: number;
}

export function vaultHoldings(doc: Y.Doc): Holdings {
  void doc;
  throw new Error('keep-apart: not built yet');
}

/**
 * Keeps this device's current journal apart (kept on the device, listed in Settings,
 * downloadable) and makes `secret`'s vault this device's journal from now on: crash-safe,
 * other tabs told; the page then reloads into the new vault.
 */
export async function adoptVaultApart(
  store: DeviceStore,
  doc: Y.Doc,
  secret: Uint8Array,
  pairedWith: string,
): Promise<void> {
  void store;
  void doc;
  void secret;
  void pairedWith;
  await Promise.resolve();
  throw new Error('keep-apart: not built yet');
}
