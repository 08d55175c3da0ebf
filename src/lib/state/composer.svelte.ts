/**
 * Writing a reply, as runes: the private draft (vault only), an optional "How are you
 * feeling about this?" before and at sending, a gentle tone note, the cool-off suggestion,
 * Send with an undo window, Send at…, and setting it aside.
 */
import * as Y from 'yjs';
import {
  coolOffChoices,
  reminderAt,
  scheduleSendAt,
  suggestCoolOff,
  type CoolOffChoice,
  type CoolOffSuggestion,
} from '../reflect';
import { checkTone, type ToneCheck } from '../tone';
import {
  draftBody,
  draftsOf,
  getDraft,
  openDraft,
  readProfile,
  scheduleDraft,
  unscheduleDraft,
  updateDraft,
  type DraftSnapshot,
  type EntrySnapshot,
  type Mood,
} from '../vault';
import type { MemberCard } from '../conversation';
import { systemTimeZone } from '../time/zoned-time';

/** Re-reading the tone waits for a pause in typing this long. */
export const TONE_DEBOUNCE_MS = 400;

export class ComposerState {
  readonly draftId: string;
  readonly #doc: Y.Doc;
  readonly #checkIns: () => EntrySnapshot[];
  #version = $state(0);
  #toneTimer: ReturnType<typeof setTimeout> | undefined;
  tone = $state<ToneCheck>({ heated: false, score: 0, reasons: [] });

  readonly draft = $derived.by((): DraftSnapshot | null => {
    void this.#version;
    return getDraft(this.#doc, this.draftId);
  });

  constructor(
    doc: Y.Doc,
    contactId: string,
    replyTo: string | null,
    checkIns: () => EntrySnapshot[],
  ) {
    this.#doc = doc;
    this.#checkIns = checkIns;
    this.draftId = openDraft(doc, contactId, replyTo);
    draftsOf(doc).observeDeep(this.#onChange);
    this.#readTone();
  }

  #onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const mine = (e: Y.YEvent<Y.AbstractType<unknown>>): boolean =>
      e.path.length === 0 ? e.keys.has(this.draftId) : e.path[0] === this.draftId;
    if (!events.some(mine)) return;
    this.#version++;
    clearTimeout(this.#toneTimer);
    this.#toneTimer = setTimeout(() => this.#readTone(), TONE_DEBOUNCE_MS);
  };

  #readTone(): void {
    this.tone = checkTone(getDraft(this.#doc, this.draftId)?.body ?? '');
  }

  /** The draft's live text, for the editor binding. */
  get text(): Y.Text {
    return draftBody(this.#doc, this.draftId);
  }

  setMoodAtStart(mood: Mood | null): void {
    updateDraft(this.#doc, this.draftId, { moodAtStart: mood });
  }

  /** Whether to suggest waiting before this goes out, and why (kindly). */
  coolOff(now = new Date()): CoolOffSuggestion {
    const lastCheckIn = this.#checkIns()
      .filter((e) => e.kind === 'checkin' && e.mood)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    return suggestCoolOff({
      draft: this.draft?.body ?? '',
      lastCheckIn: lastCheckIn
        ? { createdAt: lastCheckIn.createdAt, mood: lastCheckIn.mood }
        : null,
      now,
      tone: checkTone(this.draft?.body ?? ''),
    });
  }

  coolOffChoices(): Array<{ choice: CoolOffChoice; label: string }> {
    return coolOffChoices(readProfile(this.#doc).coolOffMinutes);
  }

  /** "Keep it as a draft and remind me…": sets the reminder; the draft stays a draft. */
  holdFor(choice: CoolOffChoice, now = new Date()): Date | null {
    const at = reminderAt(choice, now, systemTimeZone());
    if (at) updateDraft(this.#doc, this.draftId, { holdUntil: at.toISOString() });
    return at;
  }

  /** Send: it leaves when the undo window ends, unless undone. */
  send(moodAtSend: Mood | null, now = new Date()): Date {
    const undoSeconds = readProfile(this.#doc).undoSeconds;
    const at = new Date(now.getTime() + undoSeconds * 1000);
    updateDraft(this.#doc, this.draftId, { holdUntil: null });
    scheduleDraft(this.#doc, this.draftId, at, { undoable: true, moodAtSend }, now);
    return at;
  }

  /** Send at a chosen time, or when their quiet hours end. */
  sendAt(
    when: Date | { afterQuietHoursOf: MemberCard },
    moodAtSend: Mood | null,
    now = new Date(),
  ): Date {
    const iso =
      when instanceof Date
        ? scheduleSendAt({ kind: 'at', at: when }, now)
        : when.afterQuietHoursOf.quietHours
          ? scheduleSendAt(
              { kind: 'after-their-quiet-hours', quietHours: when.afterQuietHoursOf.quietHours },
              now,
            )
          : now.toISOString();
    const at = new Date(iso);
    updateDraft(this.#doc, this.draftId, { holdUntil: null });
    scheduleDraft(this.#doc, this.draftId, at, { undoable: false, moodAtSend }, now);
    return at;
  }

  /** Undo a send (or cancel a scheduled one) while it has not left. */
  undo(): boolean {
    return unscheduleDraft(this.#doc, this.draftId);
  }

  /** Remembers the first version of the reply, the first time the person steps away. */
  markFirstVersion(): void {
    const draft = this.draft;
    if (draft && draft.firstVersion === null && draft.body.trim() && draft.state === 'drafting') {
      updateDraft(this.#doc, this.draftId, { firstVersion: draft.body });
    }
  }

  destroy(): void {
    clearTimeout(this.#toneTimer);
    draftsOf(this.#doc).unobserveDeep(this.#onChange);
  }
}
