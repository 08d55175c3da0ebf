/**
 * "What I almost sent": the first version of a reply that was discarded, or sent much changed.
 * For the person alone; each can be deleted for good.
 */
import type * as Y from 'yjs';
import { discardDraft, getDraft } from './drafts';
import { VaultError } from './errors';
import { ORIGIN } from './origins';
import { ROOT } from './schema';

export interface Reflection {
  id: string;
  contactId: string;
  text: string;
  /** What happened to the reply: set aside, or sent in a different form. */
  outcome: 'discarded' | 'changed';
  at: string;
}

export const reflectionsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.reflections);

/** Below this word overlap, a sent reply counts as "much changed" from its first version. */
export const MUCH_CHANGED_BELOW = 0.6;

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/** Word overlap of two texts, 0 (nothing shared) … 1 (same words, any order). */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 && wb.length === 0) return 1;
  const count = (list: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const ca = count(wa);
  const cb = count(wb);
  let shared = 0;
  for (const [w, n] of ca) shared += Math.min(n, cb.get(w) ?? 0);
  return (2 * shared) / (wa.length + wb.length);
}

export function keepReflection(doc: Y.Doc, init: Omit<Reflection, 'at'> & { at?: string }): void {
  if (!init.text.trim()) return;
  const value: Reflection = { ...init, at: init.at ?? new Date().toISOString() };
  doc.transact(() => reflectionsOf(doc).set(init.id, value), ORIGIN.local);
}

export function listReflections(doc: Y.Doc): Reflection[] {
  const out: Reflection[] = [];
  reflectionsOf(doc).forEach((v) => {
    const r = v as Partial<Reflection> | null;
    if (r && typeof r.id === 'string' && typeof r.text === 'string' && typeof r.at === 'string') {
      out.push({
        id: r.id,
        contactId: String(r.contactId ?? ''),
        text: r.text,
        outcome: r.outcome === 'changed' ? 'changed' : 'discarded',
        at: r.at,
      });
    }
  });
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

export function deleteReflection(doc: Y.Doc, id: string): void {
  if (!reflectionsOf(doc).has(id)) throw new VaultError('not-found', `No reflection ${id}`);
  doc.transact(() => reflectionsOf(doc).delete(id), ORIGIN.local);
}

/**
 * Sets a reply aside: the draft is discarded and its last words are kept as "what I almost
 * sent", for me alone. One transaction, so no device ever sees one without the other.
 */
export function setAsideDraft(doc: Y.Doc, draftId: string, now = new Date()): void {
  const draft = getDraft(doc, draftId);
  if (!draft) return;
  doc.transact(() => {
    discardDraft(doc, draftId, now);
    keepReflection(doc, {
      id: draft.id,
      contactId: draft.contactId,
      text: draft.body,
      outcome: 'discarded',
      at: now.toISOString(),
    });
  }, ORIGIN.local);
}
