/**
 * The person's devices, as the vault's `devices` map: `id → { name, kind, addedAt, lastSeenAt }`.
 * Each device writes only its own entry. `lastSeenAt` is stamped when a device connects to
 * another and now and then while connected, which is what "Last synced with Pixel at 14:02"
 * reads; it is coarse on purpose, so an always-on device does not fill the vault with stamps.
 */
import type * as Y from 'yjs';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { ROOT } from './schema';
import { capText } from '../util/text';

export type DeviceKind = 'browser' | 'home-peer';

export interface DeviceRecord {
  id: string;
  name: string;
  kind: DeviceKind;
  addedAt: string;
  lastSeenAt: string | null;
}

export const MAX_DEVICE_NAME_LENGTH = 60;
/** While connected, a device re-stamps `lastSeenAt` at most this often. */
export const SEEN_STAMP_INTERVAL_MS = 30 * 60 * 1000;

export const devicesOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.devices);

export function cleanDeviceName(name: string): string {
  const clean = capText(name.replace(/\s+/g, ' ').trim(), MAX_DEVICE_NAME_LENGTH).trim();
  if (!clean) throw new VaultError('invalid-setting', 'A device needs a name');
  return clean;
}

function readDevice(id: string, raw: unknown): DeviceRecord | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.name !== 'string' || typeof r.addedAt !== 'string') return null;
  return {
    id,
    name: capText(r.name, MAX_DEVICE_NAME_LENGTH),
    kind: r.kind === 'home-peer' ? 'home-peer' : 'browser',
    addedAt: r.addedAt,
    lastSeenAt: typeof r.lastSeenAt === 'string' ? r.lastSeenAt : null,
  };
}

export function listDevices(doc: Y.Doc): DeviceRecord[] {
  const out: DeviceRecord[] = [];
  devicesOf(doc).forEach((raw, id) => {
    const device = readDevice(id, raw);
    if (device) out.push(device);
  });
  return out.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
}

/** Adds this device to the list, or refreshes its name and kind. Idempotent. */
export function registerDevice(
  doc: Y.Doc,
  id: string,
  name: string,
  kind: DeviceKind = 'browser',
  now = new Date(),
): void {
  const clean = cleanDeviceName(name);
  const current = readDevice(id, devicesOf(doc).get(id));
  if (current && current.name === clean && current.kind === kind) return;
  doc.transact(() => {
    devicesOf(doc).set(id, {
      name: clean,
      kind,
      addedAt: current?.addedAt ?? now.toISOString(),
      lastSeenAt: current?.lastSeenAt ?? null,
    });
  }, ORIGIN.local);
}

export function renameDevice(doc: Y.Doc, id: string, name: string): void {
  const current = readDevice(id, devicesOf(doc).get(id));
  if (!current) throw new VaultError('not-found', `No device ${id}`);
  registerDevice(doc, id, name, current.kind);
}

/** Stamps `lastSeenAt`, unless it was stamped less than `SEEN_STAMP_INTERVAL_MS` ago. */
export function stampSeen(doc: Y.Doc, id: string, now = new Date(), force = false): boolean {
  const current = readDevice(id, devicesOf(doc).get(id));
  if (!current) return false;
  const last = current.lastSeenAt ? Date.parse(current.lastSeenAt) : 0;
  if (!force && now.getTime() - last < SEEN_STAMP_INTERVAL_MS) return false;
  doc.transact(() => {
    const { name, kind, addedAt } = current;
    devicesOf(doc).set(id, { name, kind, addedAt, lastSeenAt: now.toISOString() });
  }, ORIGIN.local);
  return true;
}
