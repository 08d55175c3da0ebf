/**
 * Random edits to a vault through the real intent functions (src/lib/vault), the way a person
 * would make them on one device: entries and their text, check-ins, the Trash, reply drafts
 * through their whole life (scheduled, undone, sent, discarded), contacts, the profile and
 * settings, devices, the private archive and reflections.
 *
 * Every choice comes from the seeded PRNG and every list is read in a stable order, so a
 * schedule replays exactly. A refusal (VaultError) is an expected outcome, not a failure.
 */
import * as Y from 'yjs';
import {
  addContact,
  addEntry,
  archiveMessages,
  bodyOf,
  deleteEntryForever,
  deleteReflection,
  discardDraft,
  discardIfEmpty,
  draftBody,
  emptyTrash,
  ensureMemberId,
  ensureSchema,
  keepReflection,
  listContacts,
  listDevices,
  listDrafts,
  listEntries,
  listReflections,
  markDraftSent,
  markRead,
  openDraft,
  ORIGIN,
  registerDevice,
  renameContact,
  renameDevice,
  restoreEntry,
  scheduleDraft,
  setEntryBody,
  setNetwork,
  setReminder,
  stampSeen,
  touchEntry,
  trashEntry,
  unscheduleDraft,
  updateDraft,
  updateEntry,
  updateProfile,
  VaultError,
} from '../../../../src/lib/vault';
import type { Prng } from '../../../helpers/prng';

const WORDS = ['walk', 'rain', 'work', 'tea', 'sleep', 'call', 'garden', 'run', 'book', 'quiet'];
const EMOTIONS = ['calm', 'tired', 'hopeful', 'anxious', 'proud', 'sad', 'grateful', 'restless'];
const PIECES = ['a', 'the ', 'day ', '\n', '# ', '- ', 'é', 'ß', '🙂', '“quote” ', '**b** ', '  '];

function text(rnd: Prng, maxPieces: number): string {
  const n = rnd.int(1, maxPieces);
  let out = '';
  for (let i = 0; i < n; i++) out += rnd.next() < 0.5 ? rnd.pick(PIECES) : `${rnd.pick(WORDS)} `;
  return out;
}

/** A UTF-16 offset that does not split a surrogate pair, as an editor never would. */
function offsetIn(rnd: Prng, s: string): number {
  let at = rnd.int(0, s.length);
  const code = s.charCodeAt(at - 1);
  if (at > 0 && at < s.length && code >= 0xd800 && code <= 0xdbff) at++;
  return at;
}

/** Types into or deletes from a Y.Text as an editor does: one small change per transaction. */
function editText(doc: Y.Doc, t: Y.Text, rnd: Prng): void {
  const s = t.toString();
  doc.transact(() => {
    if (s.length === 0 || rnd.next() < 0.65) {
      t.insert(offsetIn(rnd, s), text(rnd, 3));
    } else {
      const from = offsetIn(rnd, s);
      let to = Math.min(s.length, from + rnd.int(1, 12));
      const code = s.charCodeAt(to - 1);
      if (to < s.length && code >= 0xd800 && code <= 0xdbff) to++;
      if (to > from) t.delete(from, to - from);
    }
  }, ORIGIN.local);
}

const mood = (rnd: Prng) => ({ pleasantness: rnd.int(-5, 5), energy: rnd.int(-5, 5) });
const sorted = <T extends { id: string }>(items: T[]): T[] =>
  items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

type Edit = [name: string, weight: number, run: (doc: Y.Doc, rnd: Prng) => void];

const EDITS: Edit[] = [
  [
    'add entry',
    8,
    (doc, rnd) => {
      addEntry(doc, { body: text(rnd, 6), tags: rnd.next() < 0.5 ? [rnd.pick(WORDS)] : [] });
    },
  ],
  [
    'check in',
    4,
    (doc, rnd) => {
      addEntry(doc, {
        kind: 'checkin',
        mood: mood(rnd),
        emotions: rnd.next() < 0.7 ? [rnd.pick(EMOTIONS), rnd.pick(EMOTIONS)] : [],
        tags: [rnd.pick(WORDS)],
        body: rnd.next() < 0.3 ? text(rnd, 3) : '',
      });
    },
  ],
  [
    'type in an entry',
    20,
    (doc, rnd) => {
      const entries = sorted(listEntries(doc));
      if (entries.length) editText(doc, bodyOf(doc, rnd.pick(entries).id), rnd);
    },
  ],
  [
    'replace a body',
    2,
    (doc, rnd) => {
      const entries = sorted(listEntries(doc));
      if (entries.length) setEntryBody(doc, rnd.pick(entries).id, text(rnd, 5));
    },
  ],
  [
    'retag, remood or redate',
    5,
    (doc, rnd) => {
      const entries = sorted(listEntries(doc));
      if (!entries.length) return;
      const id = rnd.pick(entries).id;
      const which = rnd.int(0, 3);
      if (which === 0) updateEntry(doc, id, { tags: [rnd.pick(WORDS), rnd.pick(WORDS)] });
      else if (which === 1) updateEntry(doc, id, { mood: rnd.next() < 0.2 ? null : mood(rnd) });
      else if (which === 2) updateEntry(doc, id, { emotions: [rnd.pick(EMOTIONS)] });
      else
        updateEntry(doc, id, { createdAt: new Date(Date.now() - rnd.int(0, 9e9)).toISOString() });
    },
  ],
  [
    'touch',
    2,
    (doc, rnd) => {
      const entries = sorted(listEntries(doc));
      if (entries.length) touchEntry(doc, rnd.pick(entries).id);
    },
  ],
  [
    'trash',
    3,
    (doc, rnd) => {
      const live = sorted(listEntries(doc).filter((e) => !e.trashedAt));
      if (live.length) trashEntry(doc, rnd.pick(live).id);
    },
  ],
  [
    'restore',
    2,
    (doc, rnd) => {
      const trashed = sorted(listEntries(doc).filter((e) => e.trashedAt));
      if (trashed.length) restoreEntry(doc, rnd.pick(trashed).id);
    },
  ],
  [
    'delete for good',
    2,
    (doc, rnd) => {
      const trashed = sorted(listEntries(doc).filter((e) => e.trashedAt));
      if (trashed.length) deleteEntryForever(doc, rnd.pick(trashed).id);
    },
  ],
  ['empty the Trash', 1, (doc) => void emptyTrash(doc)],
  [
    'abandon a new entry',
    1,
    (doc) => {
      const id = addEntry(doc, {});
      discardIfEmpty(doc, id);
    },
  ],
  [
    'add a contact',
    2,
    (doc, rnd) => {
      addContact(doc, {
        name: `${rnd.pick(['Ann', 'Bo', 'Cy', 'Dee'])} ${rnd.string(3)}`,
        conversationSecret: rnd.string(43),
        theirMemberId: crypto.randomUUID(),
      });
    },
  ],
  [
    'rename a contact',
    1,
    (doc, rnd) => {
      const contacts = sorted(listContacts(doc));
      if (contacts.length) renameContact(doc, rnd.pick(contacts).id, `Renamed ${rnd.string(4)}`);
    },
  ],
  [
    'receive and read messages',
    2,
    (doc, rnd) => {
      const contacts = sorted(listContacts(doc));
      if (!contacts.length) return;
      const contact = rnd.pick(contacts);
      const sentAt = new Date(Date.now() - rnd.int(0, 1e6)).toISOString();
      archiveMessages(doc, contact.id, [
        { id: `m-${rnd.string(8)}`, from: contact.theirMemberId, text: text(rnd, 4), sentAt },
      ]);
      if (rnd.next() < 0.5) markRead(doc, contact.id, sentAt);
    },
  ],
  [
    'open a draft',
    3,
    (doc, rnd) => {
      const contacts = sorted(listContacts(doc));
      if (contacts.length) openDraft(doc, rnd.pick(contacts).id);
    },
  ],
  [
    'type in a draft',
    8,
    (doc, rnd) => {
      const drafts = sorted(listDrafts(doc).filter((d) => d.state === 'drafting'));
      if (drafts.length) editText(doc, draftBody(doc, rnd.pick(drafts).id), rnd);
    },
  ],
  [
    'annotate a draft',
    2,
    (doc, rnd) => {
      const drafts = sorted(listDrafts(doc));
      if (!drafts.length) return;
      updateDraft(doc, rnd.pick(drafts).id, {
        moodAtStart: rnd.next() < 0.5 ? mood(rnd) : null,
        holdUntil: rnd.next() < 0.5 ? new Date(Date.now() + 6e5).toISOString() : null,
        toneNotes: rnd.next() < 0.5 ? ['sharp'] : [],
      });
    },
  ],
  [
    'send (schedule) a draft',
    3,
    (doc, rnd) => {
      const drafts = sorted(listDrafts(doc).filter((d) => d.state === 'drafting'));
      if (!drafts.length) return;
      const undoable = rnd.next() < 0.6;
      const sendAt = new Date(Date.now() + (undoable ? 10_000 : rnd.int(60_000, 9e6)));
      scheduleDraft(doc, rnd.pick(drafts).id, sendAt, { undoable, moodAtSend: mood(rnd) });
    },
  ],
  [
    'undo a send',
    2,
    (doc, rnd) => {
      const scheduled = sorted(listDrafts(doc).filter((d) => d.state === 'scheduled'));
      if (scheduled.length) unscheduleDraft(doc, rnd.pick(scheduled).id);
    },
  ],
  [
    'deliver a send',
    2,
    (doc, rnd) => {
      const scheduled = sorted(listDrafts(doc).filter((d) => d.state === 'scheduled'));
      if (scheduled.length) markDraftSent(doc, rnd.pick(scheduled).id);
    },
  ],
  [
    'discard a draft',
    1,
    (doc, rnd) => {
      const drafts = sorted(listDrafts(doc).filter((d) => d.state === 'drafting'));
      if (!drafts.length) return;
      const draft = rnd.pick(drafts);
      discardDraft(doc, draft.id);
      keepReflection(doc, {
        id: draft.id,
        contactId: draft.contactId,
        text: draft.body,
        outcome: 'discarded',
      });
    },
  ],
  [
    'forget a reflection',
    1,
    (doc, rnd) => {
      const reflections = sorted(listReflections(doc));
      if (reflections.length) deleteReflection(doc, rnd.pick(reflections).id);
    },
  ],
  [
    'edit the profile',
    2,
    (doc, rnd) => {
      updateProfile(doc, {
        displayName: `Me ${rnd.string(3)}`,
        replyWindow: rnd.next() < 0.5 ? 'within a day or two' : `evenings ${rnd.string(2)}`,
        undoSeconds: rnd.int(0, 60),
        coolOffMinutes: rnd.int(1, 120),
        quietHours:
          rnd.next() < 0.5 ? { start: '22:00', end: '07:30', timeZone: 'Europe/Berlin' } : null,
        notificationPreview: rnd.next() < 0.5,
      });
      ensureMemberId(doc);
    },
  ],
  [
    'change settings',
    1,
    (doc, rnd) => {
      setReminder(doc, {
        enabled: rnd.next() < 0.5,
        time: `${rnd.int(10, 23)}:${rnd.int(10, 59)}`,
      });
      if (rnd.next() < 0.3) {
        setNetwork(doc, {
          signaling: [`wss://signal-${rnd.string(3)}.example/signal`],
          iceServers: [{ urls: 'stun:stun.example:3478' }],
        });
      }
    },
  ],
  [
    'devices',
    1,
    (doc, rnd) => {
      const devices = sorted(listDevices(doc));
      if (!devices.length || rnd.next() < 0.3) {
        registerDevice(doc, `dev-${rnd.string(4)}`, `Phone ${rnd.string(2)}`);
      } else if (rnd.next() < 0.5) {
        renameDevice(doc, rnd.pick(devices).id, `Laptop ${rnd.string(2)}`);
      } else {
        stampSeen(doc, rnd.pick(devices).id, new Date(), true);
      }
    },
  ],
  ['stamp the schema', 1, (doc) => void ensureSchema(doc)],
];

const TOTAL_WEIGHT = EDITS.reduce((n, [, w]) => n + w, 0);

/** Makes one random edit; returns its name. Refusals by the vault are part of normal use. */
export function randomEdit(doc: Y.Doc, rnd: Prng): string {
  let roll = rnd.next() * TOTAL_WEIGHT;
  for (const [name, weight, run] of EDITS) {
    roll -= weight;
    if (roll >= 0) continue;
    try {
      run(doc, rnd);
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
    }
    return name;
  }
  return 'none';
}

/** Every root type of the vault, as JSON: what two copies must agree on. */
export function vaultJson(doc: Y.Doc, roots: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(roots.map((key) => [key, doc.getMap(key).toJSON()]));
}
