/**
 * People I blocked, at the two doors a person can come back through (../sync/PAIRING.md):
 * asking to join an invite of mine, and handing me an invite of theirs. Both are refused
 * quietly — the words are for me, small and calm, and the other side hears only that it was
 * not approved or not confirmed, as for any invite that did not work out.
 */
import type * as Y from 'yjs';
import type { PairRequest } from '../sync/pairing';
import { blockedPerson } from '../vault';

/** A note for my screen when `request` comes from someone I blocked (decline it); else null. */
export function blockedRequestNote(doc: Y.Doc, request: PairRequest): string | null {
  const person = blockedPerson(doc, request.info.memberId ?? '');
  if (!person) return null;
  return `${person.name} asked to join. This person is blocked, so the request was declined. You can unblock people in Settings.`;
}

/** Refuses a grant from someone I blocked, with what my screen says; nothing is added. */
export function refuseBlockedGrant(doc: Y.Doc, memberId: string): void {
  const person = blockedPerson(doc, memberId);
  if (!person) return;
  throw new Error(
    `This invite is from ${person.name}, who you blocked, so nothing was added. You can unblock people in Settings if you change your mind.`,
  );
}
