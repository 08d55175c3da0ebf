import * as Y from 'yjs';
import { META, ROOT, SCHEMA_VERSION } from './schema';
import { ORIGIN } from './origins';

/** One journal entry or mood check-in, as a Y.Map of the fields named in `ENTRY`. */
export type EntryMap = Y.Map<unknown>;

export const entriesOf = (doc: Y.Doc): Y.Map<EntryMap> => doc.getMap<EntryMap>(ROOT.entries);
export const metaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.meta);
export const settingsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.settings);

export type SchemaStatus =
  /** The document is at the version this code writes. */
  | 'current'
  /** The document was written by a newer Mull: this code must not write to it. */
  | 'newer';

/**
 * Stamps the schema version into a loaded vault, or reports that it is newer than this code.
 *
 * Call only after local persistence has finished loading: stamping an empty document that is
 * still loading would be harmless here, but the habit is what keeps later templates safe.
 */
export function ensureSchema(doc: Y.Doc): SchemaStatus {
  const meta = metaOf(doc);
  const stored = meta.get(META.schemaVersion);
  if (typeof stored === 'number' && stored > SCHEMA_VERSION) return 'newer';
  if (stored !== SCHEMA_VERSION) {
    doc.transact(() => meta.set(META.schemaVersion, SCHEMA_VERSION), ORIGIN.schema);
  }
  return 'current';
}
