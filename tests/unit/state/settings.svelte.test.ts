// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SettingsState } from '../../../src/lib/state/settings.svelte';
import { DEFAULT_REMINDER, updateProfile, VaultError } from '../../../src/lib/vault';
import { syncAll } from '../../helpers/sync-docs';
import { watch } from '../../helpers/watch.svelte';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

describe('SettingsState', () => {
  it('reads the defaults, then what was chosen, outside any effect', () => {
    const settings = new SettingsState(new Y.Doc());
    expect(settings.reminder).toEqual(DEFAULT_REMINDER);
    expect(settings.network).toEqual({ signaling: [], iceServers: [] });
    settings.setReminder({ enabled: true, time: '07:30' });
    settings.setNetwork({ signaling: ['wss://signal.example.org'], iceServers: [] });
    expect(settings.reminder).toEqual({ enabled: true, time: '07:30' });
    expect(settings.network.signaling).toEqual(['wss://signal.example.org']);
  });

  it('refuses an invalid server address and keeps what was there', () => {
    const settings = new SettingsState(new Y.Doc());
    expect(() => settings.setNetwork({ signaling: ['http://nope'], iceServers: [] })).toThrow(
      VaultError,
    );
    expect(settings.network.signaling).toEqual([]);
  });

  it('re-runs a reader only for its own setting', () => {
    const doc = new Y.Doc();
    const settings = new SettingsState(doc);
    const reminder = watch(() => settings.reminder.time);
    const network = watch(() => settings.network.signaling.length);
    stops.push(reminder.stop, network.stop);
    settings.setReminder({ enabled: true, time: '08:00' });
    updateProfile(doc, { displayName: 'Ana' });
    flushSync();
    expect(reminder.values).toEqual(['20:00', '08:00']);
    expect(network.values).toEqual([0]);
  });

  it('follows a change made on another device', () => {
    const phone = new Y.Doc();
    const laptop = new Y.Doc();
    const settings = new SettingsState(laptop);
    const seen = watch(() => settings.reminder.enabled);
    stops.push(seen.stop);
    new SettingsState(phone).setReminder({ enabled: true, time: '21:15' });
    syncAll(phone, laptop);
    flushSync();
    expect(seen.values).toEqual([false, true]);
    expect(settings.reminder.time).toBe('21:15');
  });
});
