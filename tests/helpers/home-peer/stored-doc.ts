/**
 * Reads what a home peer has stored, from outside it (WAL lets another connection read while
 * the home peer writes), and seeds a data directory as if it had been paired.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { docId } from '../../../src/lib/keys';
import { DocStore, STORE_FILE } from '../../../server/home-peer/doc-store';
import { writeIdentity, type HomeIdentity } from '../../../server/home-peer/identity';
import { PersistedDoc } from '../../../server/home-peer/persisted-doc';

/** The document `name` as stored in `dataDir` right now (every committed row). */
export function readStoredDoc(dataDir: string, name: string): Y.Doc {
  const db = new Database(join(dataDir, STORE_FILE), { fileMustExist: true });
  try {
    const doc = new Y.Doc();
    const rows = db
      .prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE doc = ? ORDER BY id')
      .all(name);
    for (const { data } of rows) Y.applyUpdate(doc, new Uint8Array(data));
    return doc;
  } finally {
    db.close();
  }
}

/**
 * A data directory as a paired home peer leaves it: `device.json` and a stored vault to
 * which `seed` wrote. Returns the vault's doc name.
 */
export async function seedDataDir(
  dataDir: string,
  identity: HomeIdentity,
  seed: (vault: Y.Doc) => void = () => {},
): Promise<string> {
  writeIdentity(dataDir, identity);
  const name = await docId(identity.vaultSecret, 'vault');
  const store = DocStore.open(join(dataDir, STORE_FILE));
  const persisted = PersistedDoc.open(store, name);
  seed(persisted.doc);
  persisted.destroy();
  store.close();
  return name;
}
