import type * as Y from 'yjs';

/** Records the origin of every transaction on `doc` (including ones that changed nothing). */
export function recordOrigins(doc: Y.Doc): { origins: unknown[]; stop: () => void } {
  const origins: unknown[] = [];
  const listener = (tr: Y.Transaction): void => {
    origins.push(tr.origin);
  };
  doc.on('afterTransaction', listener);
  return { origins, stop: () => doc.off('afterTransaction', listener) };
}
