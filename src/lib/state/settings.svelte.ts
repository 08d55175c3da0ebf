/** The vault's settings as runes: what a person chose, shared by all their devices. */
import type * as Y from 'yjs';
import { readReminder, setReminder, settingsOf, type ReminderSetting } from '../vault';

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

  get reminder(): ReminderSetting {
    return this.#reminder;
  }

  setReminder(reminder: ReminderSetting): void {
    setReminder(this.#doc, reminder);
  }

  destroy(): void {
    settingsOf(this.#doc).unobserve(this.#onChange);
  }
}
