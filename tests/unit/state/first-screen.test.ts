import { describe, expect, it } from 'vitest';
import {
  FIRST_SCREEN_ENTRIES,
  FIRST_SCREEN_KEY,
  firstScreenJson,
  readFirstScreen,
  writeFirstScreen,
} from '../../../src/lib/state/first-screen';
import type { EntrySnapshot } from '../../../src/lib/vault';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const entry = (i: number, patch: Partial<EntrySnapshot> = {}): EntrySnapshot => ({
  id: `e${i}`,
  kind: 'entry',
  createdAt: new Date(Date.UTC(2026, 10, 26, 12) - i * 3_600_000).toISOString(),
  updatedAt: '2026-11-26T12:00:00.000Z',
  body: `Entry number ${i}`,
  mood: null,
  emotions: [],
  tags: [],
  trashedAt: null,
  ...patch,
});

describe('first screen cache', () => {
  it('keeps the newest entries as the card shows them, and reads them back', () => {
    const storage = new MemoryStorage();
    const entries = [
      entry(0, { mood: { pleasantness: 2, energy: -1 }, emotions: ['calm'], tags: ['walk'] }),
      entry(1, { kind: 'checkin', body: '' }),
      ...Array.from({ length: 60 }, (_, i) => entry(i + 2)),
    ];
    writeFirstScreen(firstScreenJson(entries), storage);
    const read = readFirstScreen(storage);
    expect(read).toHaveLength(FIRST_SCREEN_ENTRIES);
    expect(read?.slice(0, 2)).toEqual(entries.slice(0, 2));
  });

  it('cuts long bodies to what a preview needs', () => {
    const storage = new MemoryStorage();
    writeFirstScreen(firstScreenJson([entry(0, { body: 'x'.repeat(50_000) })]), storage);
    expect(storage.getItem(FIRST_SCREEN_KEY)!.length).toBeLessThan(2_000);
    expect(readFirstScreen(storage)?.[0]?.body.length).toBe(800);
  });

  it.each([
    ['not JSON', '{"v":1,"entries":['],
    ['another version', JSON.stringify({ v: 2, entries: [] })],
    ['no list', JSON.stringify({ v: 1 })],
    ['a bad entry', JSON.stringify({ v: 1, entries: [{ ...entry(0), kind: 'letter' }] })],
    ['a bad date', JSON.stringify({ v: 1, entries: [{ ...entry(0), createdAt: 'soon' }] })],
    [
      'a mood off the grid',
      JSON.stringify({ v: 1, entries: [{ ...entry(0), mood: { pleasantness: 9, energy: 0 } }] }),
    ],
    ['tags that are not words', JSON.stringify({ v: 1, entries: [{ ...entry(0), tags: [1] }] })],
  ])('ignores and forgets %s', (_, text) => {
    const storage = new MemoryStorage();
    storage.setItem(FIRST_SCREEN_KEY, text);
    expect(readFirstScreen(storage)).toBeNull();
    expect(storage.getItem(FIRST_SCREEN_KEY)).toBeNull();
  });

  it('is quiet when storage is full or blocked', () => {
    const refusing = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    expect(() => writeFirstScreen(firstScreenJson([entry(0)]), refusing)).not.toThrow();
    expect(readFirstScreen(refusing)).toBeNull();
    expect(readFirstScreen(null)).toBeNull();
  });
});
