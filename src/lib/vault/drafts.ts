/**
 * Reply drafts. A draft lives only in the vault (so only on this person's own devices) until
 * it is sent; only then does its text enter a conversation, under the draft's id.
 *
 * "Send" schedules the draft for the end of the undo window (`undoable: true`); "Undo" puts it
 * back to drafting. A chosen time ("Send at…") is the same mechanism without the undo flag.
 * Whichever device is online when `sendAt` passes delivers it; delivering twice writes the
 * same message id, so nothing is duplicated.
 */
import * as Y from 'yjs';
import { readMood, type Mood } from './entries';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { DRAFT, MAX_MESSAGE_LENGTH, ROOT } from './schema';

export const DRAFT_STATES = ['drafting', 'scheduled', 'sent', 'discarded'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

export interface DraftSnapshot {
  id: string;
  contactId: string;
  replyTo: string | null;
  body: string;
  createdAt: string;
  updatedAt: string;
  moodAtStart: Mood | null;
  moodAtSend: Mood | null;
  holdUntil: string | null;
  sendAt: string | null;
  undoable: boolean;
  /** The device that scheduled it; null when unknown (scheduled before this was recorded). */
  scheduledBy: string | null;
  state: DraftState;
  toneNotes: string[];
  firstVersion: string | null;
}

export const draftsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> =>
  doc.getMap<Y.Map<unknown>>(ROOT.drafts);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function readDraft(map: Y.Map<unknown>): DraftSnapshot | null {
  const id = str(map.get(DRAFT.id));
  const contactId = str(map.get(DRAFT.contactId));
  const createdAt = str(map.get(DRAFT.createdAt));
  if (!id || !contactId || !createdAt) return null;
  const body = map.get(DRAFT.body);
  const state = map.get(DRAFT.state);
  const notes = map.get(DRAFT.toneNotes);
  return {
    id,
    contactId,
    replyTo: str(map.get(DRAFT.replyTo)),
    body: body instanceof Y.Text ? body.toString() : '',
    createdAt,
    updatedAt: str(map.get(DRAFT.updatedAt)) ?? createdAt,
    moodAtStart: readMood(map.get(DRAFT.moodAtStart)),
    moodAtSend: readMood(map.get(DRAFT.moodAtSend)),
    holdUntil: str(map.get(DRAFT.holdUntil)),
    sendAt: str(map.get(DRAFT.sendAt)),
    undoable: map.get(DRAFT.undoable) === true,
    scheduledBy: str(map.get(DRAFT.scheduledBy)),
    state: DRAFT_STATES.includes(state as DraftState) ? (state as DraftState) : 'drafting',
    toneNotes: Array.isArray(notes) ? notes.filter((n): n is string => typeof n === 'string') : [],
    firstVersion: str(map.get(DRAFT.firstVersion)),
  };
}

function requireDraft(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = draftsOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw new VaultError('not-found', `No draft ${id}`);
  return map;
}

export function listDrafts(doc: Y.Doc): DraftSnapshot[] {
  const out: DraftSnapshot[] = [];
  draftsOf(doc).forEach((map) => {
    const d = map instanceof Y.Map ? readDraft(map) : null;
    if (d) out.push(d);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function getDraft(doc: Y.Doc, id: string): DraftSnapshot | null {
  const map = draftsOf(doc).get(id);
  return map instanceof Y.Map ? readDraft(map) : null;
}

export function draftBody(doc: Y.Doc, id: string): Y.Text {
  const body = requireDraft(doc, id).get(DRAFT.body);
  if (!(body instanceof Y.Text)) throw new VaultError('not-found', `Draft ${id} has no text`);
  return body;
}

/** The open draft for a contact (one at a time), or a new one. */
export function openDraft(
  doc: Y.Doc,
  contactId: string,
  replyTo: string | null = null,
  now = new Date(),
): string {
  const open = listDrafts(doc).find(
    (d) => d.contactId === contactId && (d.state === 'drafting' || d.state === 'scheduled'),
  );
  if (open) {
    if (replyTo && open.replyTo !== replyTo && open.state === 'drafting') {
      doc.transact(() => requireDraft(doc, open.id).set(DRAFT.replyTo, replyTo), ORIGIN.local);
    }
    return open.id;
  }
  const id = crypto.randomUUID();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    draftsOf(doc).set(id, map);
    map.set(DRAFT.id, id);
    map.set(DRAFT.contactId, contactId);
    if (replyTo) map.set(DRAFT.replyTo, replyTo);
    map.set(DRAFT.body, new Y.Text());
    map.set(DRAFT.createdAt, now.toISOString());
    map.set(DRAFT.updatedAt, now.toISOString());
    map.set(DRAFT.state, 'drafting');
  }, ORIGIN.local);
  return id;
}

export interface DraftPatch {
  replyTo?: string | null;
  moodAtStart?: Mood | null;
  holdUntil?: string | null;
  toneNotes?: string[];
  firstVersion?: string;
}

export function updateDraft(doc: Y.Doc, id: string, patch: DraftPatch, now = new Date()): void {
  const map = requireDraft(doc, id);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch) as [keyof DraftPatch, unknown][]) {
      if (value === undefined) continue;
      if (value === null) map.delete(DRAFT[key]);
      else map.set(DRAFT[key], value);
    }
    map.set(DRAFT.updatedAt, now.toISOString());
  }, ORIGIN.local);
}

/**
 * Schedules delivery at `sendAt`. With `undoable`, this is "Send" with an undo window;
 * without, a time the person chose. `scheduledBy` is this device's id: the device that decided
 * holds the lease to deliver it (../conversation/delivery-rule.ts). Refuses an empty or too
 * long draft.
 */
export function scheduleDraft(
  doc: Y.Doc,
  id: string,
  sendAt: Date,
  {
    undoable,
    moodAtSend = null,
    scheduledBy = null,
  }: { undoable: boolean; moodAtSend?: Mood | null; scheduledBy?: string | null },
  now = new Date(),
): void {
  const map = requireDraft(doc, id);
  const draft = readDraft(map);
  if (Number.isNaN(sendAt.getTime())) {
    throw new VaultError('invalid-date', 'Choose a day and time to send it');
  }
  if (!draft || draft.state === 'sent' || draft.state === 'discarded') {
    throw new VaultError('not-found', 'This draft was already sent or discarded');
  }
  if (!draft.body.trim()) throw new VaultError('invalid-setting', 'There is nothing to send yet');
  if (draft.body.length > MAX_MESSAGE_LENGTH) {
    throw new VaultError(
      'invalid-setting',
      `A message can be at most ${MAX_MESSAGE_LENGTH} characters`,
    );
  }
  doc.transact(() => {
    map.set(DRAFT.state, 'scheduled');
    map.set(DRAFT.sendAt, sendAt.toISOString());
    map.set(DRAFT.undoable, undoable);
    if (scheduledBy) map.set(DRAFT.scheduledBy, scheduledBy);
    else map.delete(DRAFT.scheduledBy);
    if (moodAtSend) map.set(DRAFT.moodAtSend, moodAtSend);
    if (draft.firstVersion === null) map.set(DRAFT.firstVersion, draft.body);
    map.set(DRAFT.updatedAt, now.toISOString());
  }, ORIGIN.local);
}

/** Undo, or "don't send after all": back to drafting. No-op once sent. */
export function unscheduleDraft(doc: Y.Doc, id: string, now = new Date()): boolean {
  const map = requireDraft(doc, id);
  if (map.get(DRAFT.state) !== 'scheduled') return false;
  doc.transact(() => {
    map.set(DRAFT.state, 'drafting');
    map.delete(DRAFT.sendAt);
    map.delete(DRAFT.undoable);
    map.delete(DRAFT.scheduledBy);
    map.set(DRAFT.updatedAt, now.toISOString());
  }, ORIGIN.local);
  return true;
}

/**
 * Records that the draft's message was written into the conversation, and keeps what went out
 * (`text`, by default the draft's words at this moment, and when) as my own record of it
 * (./sent.ts).
 */
export function markDraftSent(doc: Y.Doc, id: string, now = new Date(), text?: string): void {
  const map = requireDraft(doc, id);
  const body = map.get(DRAFT.body);
  // Marked sent twice (a second device found the message already written): the first record stays.
  const recorded = map.get(DRAFT.state) === 'sent' && typeof map.get(DRAFT.sentText) === 'string';
  doc.transact(() => {
    map.set(DRAFT.state, 'sent');
    if (!recorded) {
      map.set(DRAFT.sentText, text ?? (body instanceof Y.Text ? body.toString() : ''));
      map.set(DRAFT.sentAt, now.toISOString());
    }
    map.set(DRAFT.updatedAt, now.toISOString());
  }, ORIGIN.local);
}

export function discardDraft(doc: Y.Doc, id: string, now = new Date()): void {
  const map = requireDraft(doc, id);
  doc.transact(() => {
    map.set(DRAFT.state, 'discarded');
    map.set(DRAFT.updatedAt, now.toISOString());
  }, ORIGIN.local);
}
