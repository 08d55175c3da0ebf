import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildExport,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportFileName,
  exportVault,
  serializeExport,
} from '../../../src/lib/transfer/json-export';
import {
  addEntry,
  ENTRY,
  entriesOf,
  listEntries,
  setReminder,
  SETTING,
  settingsOf,
  trashEntry,
} from '../../../src/lib/vault';

describe('exportVault', () => {
  const now = new Date('2026-11-26T08:15:00.000Z');

  it('names its format and version and says when it was made', () => {
    const exported = exportVault(new Y.Doc(), now);
    expect(exported).toEqual({
      format: 'mull-export',
      version: 1,
      exportedAt: '2026-11-26T08:15:00.000Z',
      entries: [],
      settings: {},
      conversations: [],
    });
    expect(EXPORT_FORMAT).toBe('mull-export');
    expect(EXPORT_VERSION).toBe(1);
  });

  it('includes every entry, trashed ones too, newest first, with all their fields', () => {
    const doc = new Y.Doc();
    addEntry(doc, {
      id: 'a',
      body: '# Title\nText',
      tags: ['walk'],
      emotions: ['calm'],
      mood: { pleasantness: 2, energy: -1 },
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    addEntry(doc, { id: 'b', kind: 'checkin', createdAt: '2026-11-25T10:00:00.000Z' });
    trashEntry(doc, 'a');
    const exported = exportVault(doc, now);
    expect(exported.entries).toEqual(listEntries(doc));
    expect(exported.entries.map((e) => e.id)).toEqual(['b', 'a']);
    expect(exported.entries[1]).toMatchObject({
      body: '# Title\nText',
      tags: ['walk'],
      emotions: ['calm'],
      mood: { pleasantness: 2, energy: -1 },
      trashedAt: expect.any(String),
    });
  });

  it('is plain JSON: it survives a stringify/parse round trip unchanged', () => {
    const doc = new Y.Doc();
    addEntry(doc, { body: 'quotes " and \\ and emoji 🌊 and\nnewlines' });
    const exported = exportVault(doc, now);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it('skips entries that cannot be read rather than failing', () => {
    const doc = new Y.Doc();
    addEntry(doc, { id: 'ok' });
    const bad = new Y.Map<unknown>();
    entriesOf(doc).set('bad', bad);
    bad.set(ENTRY.body, 'no id or date');
    expect(exportVault(doc, now).entries.map((e) => e.id)).toEqual(['ok']);
  });

  it("includes the settings a person chose, as plain JSON, but not Mull's own member id", () => {
    const doc = new Y.Doc();
    setReminder(doc, { enabled: true, time: '21:30' });
    doc.transact(() => {
      settingsOf(doc).set(SETTING.memberId, 'generated-id');
      settingsOf(doc).set(SETTING.displayName, 'Robin');
      const quiet = new Y.Map<unknown>();
      settingsOf(doc).set(SETTING.quietHours, quiet);
      quiet.set('start', '22:00');
      settingsOf(doc).set('somethingUnknown', 'x');
    });
    expect(exportVault(doc, now).settings).toEqual({
      displayName: 'Robin',
      quietHours: { start: '22:00' },
      reminder: { enabled: true, time: '21:30' },
    });
  });

  it('builds the same export from snapshots as from the vault', () => {
    const doc = new Y.Doc();
    addEntry(doc, { id: 'a', body: 'x' });
    // exportVault adds the conversations (./conversation-export.test.ts).
    expect({ ...buildExport(listEntries(doc), now), conversations: [] }).toEqual(
      exportVault(doc, now),
    );
    expect(JSON.parse(serializeExport(exportVault(doc, now)))).toEqual(exportVault(doc, now));
    expect(serializeExport(exportVault(doc, now)).endsWith('}\n')).toBe(true);
  });

  it('uses the current time when none is given', () => {
    const before = Date.now();
    const exported = exportVault(new Y.Doc());
    const at = Date.parse(exported.exportedAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});

describe('exportFileName', () => {
  it('names the file after the UTC day, so names sort by date', () => {
    expect(exportFileName(new Date('2026-11-26T23:59:59.000Z'))).toBe('mull-2026-11-26.json');
  });

  it('adds a suffix before the extension', () => {
    expect(exportFileName(new Date('2026-01-02T00:00:00.000Z'), '-rescue')).toBe(
      'mull-2026-01-02-rescue.json',
    );
  });
});
