/** The vault's settings as runes: what a person chose, shared by all their devices. */
import type * as Y from 'yjs';
import {
  readContactsViaRelay,
  readNetwork,
  readReminder,
  setContactsViaRelay,
  setNetwork,
  setReminder,
  settingsOf,
  SETTING,
  type NetworkSetting,
  type ReminderSetting,
} from '../vault';
import { ySubscriber } from './y-subscriber';

export class SettingsState {
  readonly #doc: Y.Doc;
  readonly #trackReminder: () => void;
  readonly #trackNetwork: () => void;
  readonly #trackRelay: () => void;

  readonly #reminder = $derived.by(() => {
    this.#trackReminder();
    return readReminder(this.#doc);
  });

  readonly #network = $derived.by(() => {
    this.#trackNetwork();
    return readNetwork(this.#doc);
  });

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    // Each follows only its own key: a change of name or quiet hours re-reads neither.
    this.#trackReminder = ySubscriber(settingsOf(doc), { keys: [SETTING.reminder] });
    this.#trackNetwork = ySubscriber(settingsOf(doc), { keys: [SETTING.signaling] });
    this.#trackRelay = ySubscriber(settingsOf(doc), { keys: [SETTING.contactsViaRelay] });
  }

  /** "Reach contacts only through a relay" (conversation rooms TURN-only, ../sync/relay-policy). */
  get contactsViaRelay(): boolean {
    this.#trackRelay();
    return readContactsViaRelay(this.#doc);
  }

  setContactsViaRelay(on: boolean): void {
    setContactsViaRelay(this.#doc, on);
  }

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
}
