/**
 * The daily check-in reminder on this device: an in-app banner when it is due, and a system
 * notification when the person allowed them and Mull is open in the background (or installed
 * and running). The rules are in ../today/reminder.ts; this wires them to time and storage.
 */
import { localDayKey } from '../time/dates';
import { msUntilReminder, reminderDue } from '../today/reminder';
import type { JournalState } from './journal.svelte';
import type { SettingsState } from './settings.svelte';
import { showNotification } from './show-notification';

/** Device-local: "Not today" on this phone should not silence the laptop, and vice versa. */
export const REMINDER_DISMISSED_KEY = 'mull:reminder-dismissed';
export const REMINDER_NOTIFIED_KEY = 'mull:reminder-notified';
/** Re-check now and then, so a day rolling over or a clock change is noticed. */
const RECHECK_MS = 60_000;

export class ReminderState {
  /** Time as of the last check; a timestamp, so nothing here mutates a shared Date. */
  #nowMs = $state(Date.now());
  #dismissedOn = $state<string | null>(null);
  permission = $state<NotificationPermission | 'unsupported'>('unsupported');
  readonly #journal: JournalState;
  readonly #settings: SettingsState;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(journal: JournalState, settings: SettingsState) {
    this.#journal = journal;
    this.#settings = settings;
    if (typeof window === 'undefined') return;
    this.#dismissedOn = localStorage.getItem(REMINDER_DISMISSED_KEY);
    this.permission = 'Notification' in window ? Notification.permission : 'unsupported';
    this.#schedule();
  }

  get today(): string {
    return localDayKey(this.#at());
  }

  #at(): Date {
    return new Date(this.#nowMs);
  }

  get checkedInToday(): boolean {
    const today = this.today;
    return this.#journal.entries.some(
      (e) => e.kind === 'checkin' && localDayKey(e.createdAt) === today,
    );
  }

  get due(): boolean {
    return reminderDue({
      now: this.#at(),
      reminder: this.#settings.reminder,
      checkedInToday: this.checkedInToday,
      dismissedOn: this.#dismissedOn,
      today: this.today,
    });
  }

  /** "Not today": quiet until tomorrow's time. */
  dismissToday(): void {
    this.#dismissedOn = this.today;
    localStorage.setItem(REMINDER_DISMISSED_KEY, this.today);
  }

  async requestPermission(): Promise<void> {
    if (!('Notification' in window)) return;
    this.permission = await Notification.requestPermission();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const reminder = this.#settings.reminder;
    const untilReminder = reminder.enabled
      ? msUntilReminder(this.#at(), reminder.time)
      : RECHECK_MS;
    this.#timer = setTimeout(
      () => {
        this.#nowMs = Date.now();
        this.#maybeNotify();
        this.#schedule();
      },
      Math.min(untilReminder + 500, RECHECK_MS),
    );
  }

  #maybeNotify(): void {
    if (!this.due || this.permission !== 'granted') return;
    // When Mull is in front of the person, the banner is enough.
    if (document.visibilityState === 'visible') return;
    if (localStorage.getItem(REMINDER_NOTIFIED_KEY) === this.today) return;
    localStorage.setItem(REMINDER_NOTIFIED_KEY, this.today);
    const text = { body: 'A moment to check in, if you’d like.', tag: 'mull-reminder' };
    showNotification('Mull', text);
  }

  destroy(): void {
    clearTimeout(this.#timer);
  }
}
