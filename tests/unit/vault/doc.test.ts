import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ensureSchema,
  META,
  metaOf,
  ORIGIN,
  ROOT,
  SCHEMA_VERSION,
  entriesOf,
  settingsOf,
} from '../../../src/lib/vault';
import { recordOrigins } from '../../helpers/origins';

describe('ensureSchema', () => {
  it('stamps the schema version into a new vault with the schema origin', () => {
    const doc = new Y.Doc();
    const { origins } = recordOrigins(doc);
    expect(ensureSchema(doc)).toBe('current');
    expect(metaOf(doc).get(META.schemaVersion)).toBe(SCHEMA_VERSION);
    expect(origins).toEqual([ORIGIN.schema]);
  });

  it('writes nothing when the version is already stamped', () => {
    const doc = new Y.Doc();
    ensureSchema(doc);
    const before = Y.encodeStateAsUpdate(doc);
    const { origins } = recordOrigins(doc);
    expect(ensureSchema(doc)).toBe('current');
    expect(ensureSchema(doc)).toBe('current');
    expect(origins).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('reports a vault from a newer Mull as newer, without writing', () => {
    const doc = new Y.Doc();
    metaOf(doc).set(META.schemaVersion, SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    const { origins } = recordOrigins(doc);
    expect(ensureSchema(doc)).toBe('newer');
    expect(origins).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(metaOf(doc).get(META.schemaVersion)).toBe(SCHEMA_VERSION + 1);
  });

  it('repairs a version of the wrong type by stamping the current one', () => {
    const doc = new Y.Doc();
    metaOf(doc).set(META.schemaVersion, 'one');
    expect(ensureSchema(doc)).toBe('current');
    expect(metaOf(doc).get(META.schemaVersion)).toBe(SCHEMA_VERSION);
  });

  it('two devices stamping independently converge on the same version', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    ensureSchema(a);
    ensureSchema(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(metaOf(a).toJSON()).toEqual(metaOf(b).toJSON());
    expect(metaOf(a).get(META.schemaVersion)).toBe(SCHEMA_VERSION);
  });
});

describe('root accessors', () => {
  it('name the root types spelled in ROOT', () => {
    const doc = new Y.Doc();
    expect(entriesOf(doc)).toBe(doc.getMap(ROOT.entries));
    expect(metaOf(doc)).toBe(doc.getMap(ROOT.meta));
    expect(settingsOf(doc)).toBe(doc.getMap(ROOT.settings));
  });
});
