import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEntry, listEntries } from '../../src/lib/vault';

describe('smoke', () => {
  it('adds an entry', () => {
    const doc = new Y.Doc();
    addEntry(doc, { body: 'hi' });
    expect(listEntries(doc)[0]?.body).toBe('hi');
  });
});
