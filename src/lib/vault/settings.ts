/**
 * Typed reads and validated writes of the vault's `settings` map. Reads never throw: a value
 * that is missing, or malformed by a buggy or newer device, reads as its default.
 */
import type * as Y from 'yjs';
import { settingsOf } from './doc';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { SETTING } from './schema';

export interface ReminderSetting {
  enabled: boolean;
  /** Local wall-clock time, "HH:MM", in whatever zone the device is in that day. */
  time: string;
}

/** Off until the person turns it on: Mull never nags by default. */
export const DEFAULT_REMINDER: ReminderSetting = { enabled: false, time: '20:00' };

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isClockTime = (value: unknown): value is string =>
  typeof value === 'string' && HH_MM.test(value);

export function readReminder(doc: Y.Doc): ReminderSetting {
  const raw = settingsOf(doc).get(SETTING.reminder);
  if (typeof raw !== 'object' || raw === null) return DEFAULT_REMINDER;
  const { enabled, time } = raw as Record<string, unknown>;
  return {
    enabled: enabled === true,
    time: isClockTime(time) ? time : DEFAULT_REMINDER.time,
  };
}

export function setReminder(doc: Y.Doc, reminder: ReminderSetting): void {
  if (!isClockTime(reminder.time)) {
    throw new VaultError('invalid-setting', `Reminder time must be HH:MM, got "${reminder.time}"`);
  }
  const value: ReminderSetting = { enabled: reminder.enabled, time: reminder.time };
  doc.transact(() => settingsOf(doc).set(SETTING.reminder, value), ORIGIN.local);
}

/** A STUN or TURN server, as RTCIceServer takes it. */
export interface IceServer {
  urls: string;
  username?: string;
  credential?: string;
}

export interface NetworkSetting {
  /** Signaling servers (y-webrtc protocol). Empty: use the app's own `/signal`. */
  signaling: string[];
  iceServers: IceServer[];
}

export const EMPTY_NETWORK: NetworkSetting = { signaling: [], iceServers: [] };
export const MAX_SIGNALING_URLS = 5;
export const MAX_ICE_SERVERS = 8;

export function isSignalingUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 500) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'ws:' || url.protocol === 'wss:';
  } catch {
    return false;
  }
}

export const isIceUrl = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 500 && /^(stun|turn|turns):[^\s]+$/.test(value);

function readIceServer(raw: unknown): IceServer | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { urls, username, credential } = raw as Record<string, unknown>;
  if (!isIceUrl(urls)) return null;
  const server: IceServer = { urls };
  if (typeof username === 'string' && username.length <= 200) server.username = username;
  if (typeof credential === 'string' && credential.length <= 500) server.credential = credential;
  return server;
}

export function readNetwork(doc: Y.Doc): NetworkSetting {
  const raw = settingsOf(doc).get(SETTING.signaling);
  if (typeof raw !== 'object' || raw === null) return EMPTY_NETWORK;
  const { signaling, iceServers } = raw as Record<string, unknown>;
  return {
    signaling: Array.isArray(signaling)
      ? signaling.filter(isSignalingUrl).slice(0, MAX_SIGNALING_URLS)
      : [],
    iceServers: Array.isArray(iceServers)
      ? iceServers
          .map(readIceServer)
          .filter((s): s is IceServer => s !== null)
          .slice(0, MAX_ICE_SERVERS)
      : [],
  };
}

/** Saves network settings; refuses (without writing) anything that is not a valid address. */
export function setNetwork(doc: Y.Doc, network: NetworkSetting): void {
  const bad = network.signaling.find((u) => !isSignalingUrl(u));
  if (bad !== undefined) {
    throw new VaultError('invalid-setting', `“${bad}” is not a ws:// or wss:// address`);
  }
  const badIce = network.iceServers.find((s) => !isIceUrl(s.urls));
  if (badIce) {
    throw new VaultError(
      'invalid-setting',
      `“${badIce.urls}” is not a stun:, turn: or turns: address`,
    );
  }
  if (
    network.signaling.length > MAX_SIGNALING_URLS ||
    network.iceServers.length > MAX_ICE_SERVERS
  ) {
    throw new VaultError('invalid-setting', 'Too many servers');
  }
  const value: NetworkSetting = {
    signaling: [...network.signaling],
    iceServers: network.iceServers.map((s) => ({ ...s })),
  };
  doc.transact(() => settingsOf(doc).set(SETTING.signaling, value), ORIGIN.local);
}

/**
 * "Reach contacts only through a relay": conversation rooms use TURN only, so a contact's
 * devices see the relay's address, never mine. Off by default; it takes effect only where a
 * TURN server is configured (../sync/relay-policy.ts).
 */
export function readContactsViaRelay(doc: Y.Doc): boolean {
  return settingsOf(doc).get(SETTING.contactsViaRelay) === true;
}

export function setContactsViaRelay(doc: Y.Doc, on: boolean): void {
  doc.transact(() => settingsOf(doc).set(SETTING.contactsViaRelay, on === true), ORIGIN.local);
}
