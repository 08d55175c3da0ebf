// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { JournalState } from '../../../src/lib/state/journal.svelte';
import { addEntry } from '../../../src/lib/vault';

describe('journal state', () => {
  it('updates effects when the doc changes', () => {
    const doc = new Y.Doc();
    const journal = new JournalState(doc);
    const seen: number[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(journal.entries.length);
      });
    });
    flushSync();
    addEntry(doc, { body: 'x' });
    flushSync();
    expect(seen).toEqual([0, 1]);
    stop();
  });
});
