import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  devicesOf,
  listDevices,
  registerDevice,
  renameDevice,
  SEEN_STAMP_INTERVAL_MS,
  stampSeen,
  VaultError,
} from '../../../src/lib/vault';
import { syncAll } from '../../helpers/sync-docs';

const at = (iso: string): Date => new Date(iso);

describe('devices', () => {
  it('registers a device once and keeps when it was added', () => {
    const doc = new Y.Doc();
    registerDevice(doc, 'a', '  Chrome   on Linux ', 'browser', at('2026-01-01T00:00:00Z'));
    registerDevice(doc, 'a', 'Chrome on Linux', 'browser', at('2026-06-01T00:00:00Z'));
    expect(listDevices(doc)).toEqual([
      {
        id: 'a',
        name: 'Chrome on Linux',
        kind: 'browser',
        addedAt: '2026-01-01T00:00:00.000Z',
        lastSeenAt: null,
      },
    ]);
  });

  it('renames, refusing an empty name or an unknown device', () => {
    const doc = new Y.Doc();
    registerDevice(doc, 'a', 'Laptop');
    renameDevice(doc, 'a', 'Work laptop');
    expect(listDevices(doc)[0]?.name).toBe('Work laptop');
    expect(() => renameDevice(doc, 'a', '   ')).toThrow(VaultError);
    expect(() => renameDevice(doc, 'nope', 'X')).toThrow(VaultError);
    expect(listDevices(doc)[0]?.name).toBe('Work laptop');
  });

  it('stamps "last seen" at most every interval unless forced', () => {
    const doc = new Y.Doc();
    registerDevice(doc, 'a', 'Laptop');
    const t0 = at('2026-11-26T10:00:00Z');
    expect(stampSeen(doc, 'a', t0)).toBe(true);
    expect(stampSeen(doc, 'a', new Date(t0.getTime() + 1000))).toBe(false);
    expect(stampSeen(doc, 'a', new Date(t0.getTime() + 1000), true)).toBe(true);
    expect(stampSeen(doc, 'a', new Date(t0.getTime() + SEEN_STAMP_INTERVAL_MS + 2000))).toBe(true);
    expect(stampSeen(doc, 'missing', t0)).toBe(false);
  });

  it('lists devices from every device after a merge, skipping malformed records', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    registerDevice(a, 'laptop', 'Laptop', 'browser', at('2026-01-01T00:00:00Z'));
    registerDevice(b, 'home', 'Home peer', 'home-peer', at('2026-02-01T00:00:00Z'));
    devicesOf(b).set('junk', { name: 42 });
    syncAll(a, b);
    expect(listDevices(a).map((d) => [d.id, d.kind])).toEqual([
      ['laptop', 'browser'],
      ['home', 'home-peer'],
    ]);
  });
});
