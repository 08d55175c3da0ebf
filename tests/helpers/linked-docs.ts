import * as Y from 'yjs';

/**
 * Docs wired together like peers in one room: every update one makes reaches the others at
 * once. `cut()` disconnects a doc (nothing in or out) until `join()` brings it back and syncs.
 */
export function linkDocs(...docs: Y.Doc[]): { cut(doc: Y.Doc): void; join(doc: Y.Doc): void } {
  const REMOTE = Symbol('remote');
  const offline = new Set<Y.Doc>();
  for (const from of docs) {
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || offline.has(from)) return;
      for (const to of docs) if (to !== from && !offline.has(to)) Y.applyUpdate(to, update, REMOTE);
    });
  }
  return {
    cut: (doc) => offline.add(doc),
    join: (doc) => {
      offline.delete(doc);
      for (const other of docs) {
        if (other === doc || offline.has(other)) continue;
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), REMOTE);
        Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), REMOTE);
      }
    },
  };
}
