/** The vault's settings as runes: what a person chose, shared by all their devices. */
import type * as Y from 'yjs';
import {
  readNetwork,
  readReminder,
  setNetwork,
  setReminder,
  settingsOf,
  type NetworkSetting,
  type ReminderSetting,
} from '../vault';

export class SettingsState {
  readonly #doc: Y.Doc;
  #version = $state(0);
  readonly #reminder = $derived.by(() => {
    void this.#version;
    return readReminder(this.#doc);
  });

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    settingsOf(doc).observe(this.#onChange);
  }

  #onChange = (): void => {
    this.#version++;
  };

  readonly #network = $derived.by(() => {
    void this.#version;
    return readNetwork(this.#doc);
  });

  get reminder(): ReminderSetting {
    return this.#reminder;
  }

  /** Signaling and STUN/TURN servers the person chose (empty lists: the defaults). */
  get network(): NetworkSetting {
    return this.#network;
  }

  /** Throws a VaultError with a readable message for an invalid address; nothing is saved. */
  setNetwork(network: NetworkSetting): void {
    setNetwork(this.#doc, network);
  }

  setReminder(reminder: ReminderSetting): void {
    setReminder(this.#doc, reminder);
  }

  destroy(): void {
    settingsOf(this.#doc).unobserve(this.#onChange);
  }
}
