/**
 * Tells every open page of Mull on this device (other tabs, and this page's own listeners)
 * that something in the device store changed which they hold in memory: which vault is this
 * device's journal, or the list of journals kept apart.
 *
 * This page's listeners must hear it at once (before a reload), so they are called directly;
 * the copy that the channel also delivers to this page's own channels is then ignored.
 */

export const DEVICE_CHANNEL = 'mull-device';

export type DeviceMessage =
  /** The device store now names another vault: a page showing the old one should reload. */
  | { type: 'vault-switched' }
  /** A journal was kept apart, merged or deleted: lists of them should be read again. */
  | { type: 'kept-apart-changed' };

type Listener = (message: DeviceMessage, fromThisPage: boolean) => void;

const listeners = new Set<Listener>();
/** Tells this page's posts apart from other pages' on the channel. */
const PAGE_ID = Math.random().toString(36).slice(2);

const TYPES: readonly unknown[] = ['vault-switched', 'kept-apart-changed'];

/** Tells this page's listeners now, and other pages as soon as they run. */
export function announce(message: DeviceMessage): void {
  for (const listener of [...listeners]) listener(message, true);
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(DEVICE_CHANNEL);
  channel.postMessage({ type: message.type, page: PAGE_ID });
  channel.close();
}

/** Calls `listener` for every message, from this page or another; returns a stop. */
export function onDeviceMessage(listener: Listener): () => void {
  listeners.add(listener);
  let channel: BroadcastChannel | null = null;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(DEVICE_CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      const data = (event.data ?? {}) as { type?: unknown; page?: unknown };
      if (data.page === PAGE_ID || !TYPES.includes(data.type)) return;
      listener({ type: data.type } as DeviceMessage, false);
    };
  }
  return () => {
    listeners.delete(listener);
    channel?.close();
  };
}
