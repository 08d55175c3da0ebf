/**
 * People I blocked: their member id (what an invite or a request from them carries) and the
 * name I knew them by, for the list in Settings. Blocking is mine alone — nobody is told — and
 * it only refuses what comes next: an invite from them, or a request to join mine.
 *
 * One key per member id, so blocking twice (two devices) is one entry, and unblocking is a
 * delete; a block and an unblock made apart on two devices end as whichever Yjs orders last.
 */
import type * as Y from 'yjs';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { BLOCKED, MAX_NAME_LENGTH, ROOT } from './schema';
import { cleanText, FALLBACK_NAME } from './profile';
import { capText } from '../util/text';

export interface BlockedPerson {
  memberId: string;
  name: string;
  blockedAt: string;
}

export const blockedOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.blocked);

function readBlocked(memberId: string, value: unknown): BlockedPerson | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const name = v[BLOCKED.name];
  const at = v[BLOCKED.blockedAt];
  if (typeof at !== 'string') return null;
  return {
    memberId,
    name: (typeof name === 'string' && capText(name, MAX_NAME_LENGTH)) || FALLBACK_NAME,
    blockedAt: at,
  };
}

/** Everyone I blocked, by name. */
export function listBlocked(doc: Y.Doc): BlockedPerson[] {
  const out: BlockedPerson[] = [];
  blockedOf(doc).forEach((value, memberId) => {
    const person = readBlocked(memberId, value);
    if (person) out.push(person);
  });
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId));
}

/** The blocked person with this member id, or null (an empty id is never blocked). */
export function blockedPerson(doc: Y.Doc, memberId: string): BlockedPerson | null {
  if (!memberId) return null;
  return readBlocked(memberId, blockedOf(doc).get(memberId));
}

export const isBlocked = (doc: Y.Doc, memberId: string): boolean =>
  blockedPerson(doc, memberId) !== null;

/** Blocks a member id; blocking someone already blocked keeps the first date. */
export function blockMember(doc: Y.Doc, memberId: string, name: string, now = new Date()): void {
  if (!memberId) throw new VaultError('invalid-setting', 'Blocking needs a member id');
  if (isBlocked(doc, memberId)) return;
  const value = {
    [BLOCKED.memberId]: memberId,
    [BLOCKED.name]: cleanText(name, MAX_NAME_LENGTH) || FALLBACK_NAME,
    [BLOCKED.blockedAt]: now.toISOString(),
  };
  doc.transact(() => blockedOf(doc).set(memberId, value), ORIGIN.local);
}

export function unblockMember(doc: Y.Doc, memberId: string): void {
  if (!blockedOf(doc).has(memberId)) throw new VaultError('not-found', `Not blocked: ${memberId}`);
  doc.transact(() => blockedOf(doc).delete(memberId), ORIGIN.local);
}
