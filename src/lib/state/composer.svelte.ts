/**
 * Writing a reply, as runes: the private draft (vault only), an optional "How are you
 * feeling about this?" before and at sending, a gentle tone note, the cool-off suggestion,
 * Send with an undo window, Send at…, and setting it aside.
 *
 * The reply screen is one flow, and it lives here so the screen is only markup:
 *
 *   writing ──trySend──▶ confirm ──send──▶ undo (Sending in N s…) ──window ends──▶ sent
 *      ▲  └──openSendAt──▶ send-at ──sendAt──▶ scheduled (the screen leaves)
 *      └──────── keepWriting / undo / an error ◀────────┘
 *
 * "undo" is not a stage of its own: it is what a scheduled, undoable draft looks like, so a
 * send begun on another device (or before a reload) shows its countdown here too.
 */
import { createSubscriber } from 'svelte/reactivity';
import * as Y from 'yjs';
import {
  coolOffChoices,
  reminderAt,
  scheduleSendAt,
  suggestCoolOff,
  type CoolOffChoice,
  type CoolOffSuggestion,
  type SendAtChoice,
} from '../reflect';
import { systemTimeZone } from '../time/zoned-time';
import { checkTone, type ToneCheck } from '../tone';
import {
  draftBody,
  draftsOf,
  getDraft,
  openDraft,
  readProfile,
  scheduleDraft,
  setAsideDraft,
  unscheduleDraft,
  updateDraft,
  type DraftSnapshot,
  type EntrySnapshot,
  type Mood,
} from '../vault';
import type { MemberCard } from '../conversation';
import { ySubscriber } from './y-subscriber';

/** Re-reading the tone waits for a pause in typing this long. */
export const TONE_DEBOUNCE_MS = 400;
/** How often the "Sending in N s…" countdown refreshes: twice a second, so no second is skipped. */
export const COUNTDOWN_TICK_MS = 500;
/** "In an hour" on the Send at… sheet. */
export const IN_AN_HOUR_MS = 60 * 60 * 1000;

export type ReplyStage = 'writing' | 'confirm' | 'send-at' | 'undo';
/** The quick choices of Send at…: in an hour, tomorrow at 9, when their quiet hours end. */
export type SendAtPreset = 'in-an-hour' | 'tomorrow-morning' | 'after-their-quiet-hours';
/** What came of a cool-off choice: the countdown began, or the draft is kept with a reminder. */
export type HoldOutcome = { kind: 'sending' } | { kind: 'kept'; remindAt: Date | null };

export interface ComposerOptions {
  /** The person's own time zone, for "tomorrow at 9" (the system's by default). */
  readonly timeZone?: () => string;
  /** This device's id, recorded as the one that scheduled a send (its lease to deliver it). */
  readonly deviceId?: () => string;
}

/**
 * The time a Send at… choice means: a day and time as given, in an hour, tomorrow at 9 on the
 * person's clock (clock changes included: the same rule as the cool-off reminder), or when
 * their quiet hours end (read from their card; without any, now). A time already past is now.
 */
export function sendAtFor(
  when: Date | SendAtPreset,
  {
    now,
    theirCard = null,
    timeZone = systemTimeZone(),
  }: { now: Date; theirCard?: MemberCard | null; timeZone?: string },
): Date {
  let choice: SendAtChoice;
  if (when instanceof Date) choice = { kind: 'at', at: when };
  else if (when === 'in-an-hour') {
    choice = { kind: 'at', at: new Date(now.getTime() + IN_AN_HOUR_MS) };
  } else if (when === 'tomorrow-morning') {
    choice = { kind: 'at', at: reminderAt({ kind: 'tomorrow' }, now, timeZone) ?? now };
  } else {
    const quietHours = theirCard?.quietHours;
    choice = quietHours ? { kind: 'after-their-quiet-hours', quietHours } : { kind: 'at', at: now };
  }
  return new Date(scheduleSendAt(choice, now));
}

const messageOf = (err: unknown, fallback: string): string =>
  err instanceof Error ? err.message : fallback;

export class ComposerState {
  readonly draftId: string;
  readonly #doc: Y.Doc;
  readonly #checkIns: () => EntrySnapshot[];
  readonly #timeZone: () => string;
  readonly #deviceId: () => string;
  readonly #trackDraft: () => void;
  readonly #tick: () => void;
  #toneTimer: ReturnType<typeof setTimeout> | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #tone = $state<ToneCheck>({ heated: false, score: 0, reasons: [] });
  #stage = $state<Exclude<ReplyStage, 'undo'>>('writing');
  #skippedMood = $state(false);

  /** "How are you feeling about this?", picked but not saved yet. */
  startMood = $state<Mood | null>(null);
  /** "How are you feeling now?", kept with the reply when it is sent. */
  sendMood = $state<Mood | null>(null);
  /** Why the last send or schedule did not happen, kindly worded; empty when it did. */
  error = $state('');

  readonly draft = $derived.by((): DraftSnapshot | null => {
    this.#trackDraft();
    return getDraft(this.#doc, this.draftId);
  });

  readonly canSend = $derived((this.draft?.body ?? '').trim() !== '');

  readonly stage = $derived.by((): ReplyStage =>
    this.draft?.state === 'scheduled' && this.draft.undoable ? 'undo' : this.#stage,
  );

  /** Before the first word, once: the optional mood question. */
  readonly askMood = $derived(
    !this.#skippedMood && !this.draft?.moodAtStart && !this.canSend && this.stage === 'writing',
  );

  /** At "Ready to send?": whether to suggest waiting, and why. */
  readonly coolOff = $derived.by((): CoolOffSuggestion | null =>
    this.stage === 'confirm' ? this.coolOffAt(new Date()) : null,
  );

  /** The reply has left (delivered by whichever device was online). */
  readonly sent = $derived(this.draft?.state === 'sent');

  constructor(
    doc: Y.Doc,
    contactId: string,
    replyTo: string | null,
    checkIns: () => EntrySnapshot[],
    options: ComposerOptions = {},
  ) {
    this.#doc = doc;
    this.#checkIns = checkIns;
    this.#timeZone = options.timeZone ?? systemTimeZone;
    this.#deviceId = options.deviceId ?? (() => '');
    this.draftId = openDraft(doc, contactId, replyTo);
    this.#trackDraft = ySubscriber(draftsOf(doc), {
      deep: true,
      keys: [this.draftId],
      onChange: () => this.#readToneSoon(),
      // Typing went unseen while nobody watched: the tone may be stale.
      onStart: () => this.#readToneSoon(),
    });
    // The countdown clock runs only while something shows the seconds left.
    this.#tick = createSubscriber((update) => {
      this.#ticker = setInterval(update, COUNTDOWN_TICK_MS);
      return () => this.#stopTicker();
    });
    this.#tone = checkTone(getDraft(doc, this.draftId)?.body ?? '');
  }

  /** The gentle tone note, re-read after a pause in typing. */
  get tone(): ToneCheck {
    this.#trackDraft(); // whoever shows the note keeps the draft observed
    return this.#tone;
  }

  /**
   * Seconds until an undoable send leaves; 0 when nothing is counting down. It starts at the
   * undo setting ("10") and shows "1" in the last second, so the reply leaves as "1" ends: the
   * count never reads more than the setting, even when the send was begun on another of my
   * devices whose clock runs a little ahead of this one.
   */
  get secondsLeft(): number {
    const at = this.draft?.sendAt;
    if (!at || !this.draft?.undoable) return 0;
    this.#tick();
    const left = Math.ceil((Date.parse(at) - Date.now()) / 1000);
    return Math.min(readProfile(this.#doc).undoSeconds, Math.max(0, left));
  }

  /** The draft's live text, for the editor binding. */
  get text(): Y.Text {
    return draftBody(this.#doc, this.draftId);
  }

  #readToneSoon(): void {
    clearTimeout(this.#toneTimer);
    this.#toneTimer = setTimeout(() => {
      this.#tone = checkTone(getDraft(this.#doc, this.draftId)?.body ?? '');
    }, TONE_DEBOUNCE_MS);
  }

  #stopTicker(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  // ── Before writing ────────────────────────────────────────────────────────────────────────

  /** "Save and write": keeps the mood picked before writing. */
  saveStartMood(): void {
    updateDraft(this.#doc, this.draftId, { moodAtStart: this.startMood });
    this.#skippedMood = true;
  }

  skipMood(): void {
    this.#skippedMood = true;
  }

  // ── Sending ───────────────────────────────────────────────────────────────────────────────

  /** Send: first "Ready to send?", where waiting may be suggested. False for an empty draft. */
  trySend(): boolean {
    if (!this.canSend) return false;
    this.error = '';
    this.#stage = 'confirm';
    return true;
  }

  keepWriting(): void {
    this.#stage = 'writing';
  }

  /** Whether to suggest waiting before this goes out, and why (kindly). */
  coolOffAt(now: Date): CoolOffSuggestion {
    const lastCheckIn = this.#checkIns()
      .filter((e) => e.kind === 'checkin' && e.mood)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const body = this.draft?.body ?? '';
    return suggestCoolOff({
      draft: body,
      lastCheckIn: lastCheckIn
        ? { createdAt: lastCheckIn.createdAt, mood: lastCheckIn.mood }
        : null,
      now,
      tone: checkTone(body),
    });
  }

  coolOffChoices(): Array<{ choice: CoolOffChoice; label: string }> {
    return coolOffChoices(readProfile(this.#doc).coolOffMinutes);
  }

  /** Send: it leaves when the undo window ends, unless undone. Null (and `error`) if it can't. */
  send(now = new Date()): Date | null {
    return this.#schedule(
      () => new Date(now.getTime() + readProfile(this.#doc).undoSeconds * 1000),
      { undoable: true, now, failure: 'It couldn’t be sent.' },
    );
  }

  /** A cool-off choice: send anyway, or keep it as a draft and be reminded. */
  hold(choice: CoolOffChoice, now = new Date()): HoldOutcome {
    if (choice.kind === 'send-anyway') {
      this.send(now);
      return { kind: 'sending' };
    }
    const remindAt = reminderAt(choice, now, this.#timeZone());
    if (remindAt) updateDraft(this.#doc, this.draftId, { holdUntil: remindAt.toISOString() });
    this.markFirstVersion();
    return { kind: 'kept', remindAt };
  }

  /** Undo a send (or cancel a scheduled one) while it has not left; back to writing. */
  undo(): boolean {
    this.#stage = 'writing';
    return unscheduleDraft(this.#doc, this.draftId);
  }

  // ── Send at… ──────────────────────────────────────────────────────────────────────────────

  openSendAt(): void {
    if (this.canSend) this.#stage = 'send-at';
  }

  /**
   * Schedule it; the time it will go, or null (and `error`) if it can't. "When their quiet
   * hours end" reads them from their card: without any, it goes now.
   */
  sendAt(
    when: Date | SendAtPreset,
    { theirCard = null, now = new Date() }: { theirCard?: MemberCard | null; now?: Date } = {},
  ): Date | null {
    return this.#schedule(() => sendAtFor(when, { now, theirCard, timeZone: this.#timeZone() }), {
      undoable: false,
      now,
      failure: 'It couldn’t be scheduled.',
    });
  }

  /** The day-and-time field's value (`datetime-local`, the person's clock). */
  sendAtLocal(value: string, now = new Date()): Date | null {
    const at = new Date(value);
    if (!value || Number.isNaN(at.getTime())) {
      this.error = 'Choose a day and time first.';
      return null;
    }
    return this.sendAt(at, { now });
  }

  /**
   * Both ways out: the draft is scheduled for `at()` (no longer held for a reminder), with the
   * mood at sending. An empty draft goes nowhere; a failure is told in `error`, back at writing.
   */
  #schedule(
    at: () => Date,
    { undoable, now, failure }: { undoable: boolean; now: Date; failure: string },
  ): Date | null {
    if (!this.canSend) return null;
    try {
      const when = at();
      updateDraft(this.#doc, this.draftId, { holdUntil: null });
      const scheduledBy = this.#deviceId() || null;
      scheduleDraft(
        this.#doc,
        this.draftId,
        when,
        { undoable, moodAtSend: this.sendMood, scheduledBy },
        now,
      );
      return when;
    } catch (err) {
      this.error = messageOf(err, failure);
      this.#stage = 'writing';
      return null;
    }
  }

  // ── Setting it aside ──────────────────────────────────────────────────────────────────────

  /** Set aside: never sent; the last words are kept in "What I almost sent", just for me. */
  discard(now = new Date()): void {
    setAsideDraft(this.#doc, this.draftId, now);
  }

  /** Remembers the first version of the reply, the first time the person steps away. */
  markFirstVersion(): void {
    const draft = getDraft(this.#doc, this.draftId);
    if (draft && draft.firstVersion === null && draft.body.trim() && draft.state === 'drafting') {
      updateDraft(this.#doc, this.draftId, { firstVersion: draft.body });
    }
  }

  destroy(): void {
    clearTimeout(this.#toneTimer);
    this.#stopTicker();
  }
}
