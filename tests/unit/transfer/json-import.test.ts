import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  planImport,
  type FailedImportPlan,
  type ImportPlan,
} from '../../../src/lib/transfer/import-plan';
import { exportVault } from '../../../src/lib/transfer/json-export';
import { MAX_REPORTED_PROBLEMS } from '../../../src/lib/transfer/limits';
import { META, metaOf, SCHEMA_VERSION } from '../../../src/lib/vault';
import { expectUntouched, fingerprint, FIXED_NOW, snapshot, vaultWith } from './fixtures';

const good = snapshot({
  id: 'a',
  body: 'hello',
  tags: ['walk'],
  mood: { pleasantness: 1, energy: 2 },
});

/** A file with one entry, of which `change` may replace or remove fields. */
function fileWith(change: (entry: Record<string, unknown>) => void, top: object = {}): string {
  const entry: Record<string, unknown> = { ...good };
  change(entry);
  return JSON.stringify({
    format: 'mull-export',
    version: 1,
    exportedAt: FIXED_NOW.toISOString(),
    entries: [entry],
    ...top,
  });
}

/** Plans `text` into a vault with content, and checks the plan failed and the vault is as it was. */
async function refused(text: string | Uint8Array): Promise<FailedImportPlan> {
  const doc = vaultWith(snapshot({ id: 'existing', body: 'keep me' }));
  const before = fingerprint(doc);
  const plan: ImportPlan = await planImport(doc, text, { timeZone: 'UTC' });
  expect(plan.ok).toBe(false);
  expectUntouched(doc, before);
  return plan as FailedImportPlan;
}

const messages = (plan: FailedImportPlan): string[] => plan.errors.map((e) => e.message);

describe('Mull JSON import: the file as a whole', () => {
  it('accepts its own export', async () => {
    const text = JSON.stringify(exportVault(vaultWith(good), FIXED_NOW));
    const plan = await planImport(new Y.Doc(), text, { timeZone: 'UTC' });
    expect(plan.ok && plan.entries).toEqual([good]);
  });

  it('accepts a file with conversations and one without, importing entries only', async () => {
    const conversations = [
      {
        contactId: 'c1',
        name: 'Sam',
        sent: [{ id: 's1', text: 'hi', sentAt: FIXED_NOW.toISOString() }],
        received: [],
      },
    ];
    const doc = new Y.Doc();
    const withThem = await planImport(
      doc,
      fileWith(() => {}, { conversations }),
      {
        timeZone: 'UTC',
      },
    );
    expect(withThem.ok && withThem.entries).toEqual([good]);
    expect(withThem.warnings.map((w) => w.message)).toEqual([
      'Conversations in the file are not imported: they are there for you to keep and read.',
    ]);
    const without = await planImport(
      doc,
      fileWith(() => {}),
      { timeZone: 'UTC' },
    );
    expect(without.ok && without.entries).toEqual([good]);
    expect(without.warnings).toEqual([]);
    // Nothing of a conversation reaches the vault, however the field is shaped.
    for (const odd of [[], {}, 'text', [null, 42, { sent: 'x' }]]) {
      const plan = await planImport(
        doc,
        fileWith(() => {}, { conversations: odd }),
        {
          timeZone: 'UTC',
        },
      );
      expect(plan.ok && plan.entries).toEqual([good]);
    }
  });

  it('refuses JSON that is not a Mull export', async () => {
    expect(messages(await refused('{"entries": []}'))).toEqual([
      'This is JSON, but not a Mull export: it has no "format": "mull-export".',
    ]);
    expect(messages(await refused('[1, 2, 3]'))[0]).toMatch(/not a Mull export/);
  });

  it('refuses a wrong format tag, naming it', async () => {
    const plan = await refused(fileWith(() => {}, { format: 'day-one' }));
    expect(messages(plan)).toEqual(['format must be "mull-export" (this file says "day-one")']);
    expect(plan.errors[0]?.path).toBe('format');
  });

  it('refuses a newer version and says to update Mull', async () => {
    expect(messages(await refused(fileWith(() => {}, { version: 2 })))).toEqual([
      'This file was made by a newer version of Mull (format version 2; this one reads version 1). Update Mull, then import it again.',
    ]);
  });

  it('refuses a version that is not a whole number', async () => {
    for (const version of ['1', 0, 1.5, null]) {
      expect(messages(await refused(fileWith(() => {}, { version })))).toEqual([
        'version must be a whole number such as 1',
      ]);
    }
  });

  it('refuses entries that are not a list', async () => {
    expect(messages(await refused(fileWith(() => {}, { entries: {} })))).toEqual([
      'entries must be a list',
    ]);
  });

  it('says a truncated file ends too early', async () => {
    const text = fileWith(() => {});
    for (const cut of [1, 10, text.length / 2, text.length - 1]) {
      expect(messages(await refused(text.slice(0, cut)))[0]).toMatch(/ends too early/);
    }
  });

  it('names the line and column of broken JSON', async () => {
    const plan = await refused('{\n  "format": "mull-export",\n  "version": 1,,\n}');
    expect(messages(plan)).toEqual([
      'Line 3, column 16: this is not valid JSON (a missing comma or quote?).',
    ]);
    expect(plan.errors[0]?.line).toBe(3);
  });

  it('refuses to plan into a vault written by a newer Mull', async () => {
    const doc = vaultWith(good);
    metaOf(doc).set(META.schemaVersion, SCHEMA_VERSION + 1);
    const before = fingerprint(doc);
    const plan = await planImport(
      doc,
      fileWith(() => {}),
      { timeZone: 'UTC' },
    );
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors[0]?.message).toMatch(/newer version of Mull/);
    expectUntouched(doc, before);
  });
});

describe('Mull JSON import: each entry, by field path', () => {
  it.each([
    ['a missing id', (e: Record<string, unknown>) => delete e.id, 'entries[0].id is missing'],
    [
      'a missing createdAt',
      (e: Record<string, unknown>) => delete e.createdAt,
      'entries[0].createdAt is missing',
    ],
    [
      'a number for an id',
      (e: Record<string, unknown>) => (e.id = 7),
      'entries[0].id must be text',
    ],
    [
      'an id with a slash',
      (e: Record<string, unknown>) => (e.id = '../x'),
      'entries[0].id must be 1–128 letters, digits, "-" or "_"',
    ],
    [
      'an unknown kind',
      (e: Record<string, unknown>) => (e.kind = 'note'),
      'entries[0].kind must be "entry" or "checkin"',
    ],
    [
      'text for a mood',
      (e: Record<string, unknown>) => (e.mood = 'happy'),
      'entries[0].mood must be { pleasantness, energy } or null',
    ],
    [
      'pleasantness out of range',
      (e: Record<string, unknown>) => (e.mood = { pleasantness: 6, energy: 0 }),
      'entries[0].mood.pleasantness must be a number from −5 to 5',
    ],
    [
      'energy as text',
      (e: Record<string, unknown>) => (e.mood = { pleasantness: 0, energy: '3' }),
      'entries[0].mood.energy must be a number from −5 to 5',
    ],
    [
      'a missing energy',
      (e: Record<string, unknown>) => (e.mood = { pleasantness: 0 }),
      'entries[0].mood.energy is missing',
    ],
    [
      'a bad date',
      (e: Record<string, unknown>) => (e.createdAt = '2026-02-30T10:00:00.000Z'),
      'entries[0].createdAt must be an ISO-8601 UTC time such as 2026-11-26T21:04:00.000Z',
    ],
    [
      'a local time',
      (e: Record<string, unknown>) => (e.updatedAt = '2026-11-20T10:00:00+01:00'),
      'entries[0].updatedAt must be an ISO-8601 UTC time such as 2026-11-26T21:04:00.000Z',
    ],
    [
      'a bad trashedAt',
      (e: Record<string, unknown>) => (e.trashedAt = true),
      'entries[0].trashedAt must be an ISO-8601 UTC time such as 2026-11-26T21:04:00.000Z',
    ],
    [
      'a number for the body',
      (e: Record<string, unknown>) => (e.body = 12),
      'entries[0].body must be text',
    ],
    [
      'tags as text',
      (e: Record<string, unknown>) => (e.tags = 'walk'),
      'entries[0].tags must be a list of text',
    ],
    [
      'a number among emotions',
      (e: Record<string, unknown>) => (e.emotions = ['calm', 3]),
      'entries[0].emotions[1] must be text',
    ],
    [
      'a tag too long',
      (e: Record<string, unknown>) => (e.tags = ['x'.repeat(49)]),
      'entries[0].tags[0] must be at most 48 characters',
    ],
    [
      'too many tags',
      (e: Record<string, unknown>) => (e.tags = Array.from({ length: 33 }, (_, i) => `t${i}`)),
      'entries[0].tags must have at most 32 items',
    ],
  ])('refuses %s', async (_name, change, expected) => {
    const plan = await refused(fileWith(change));
    expect(messages(plan)).toEqual([expected]);
    expect(plan.errors[0]?.path).toBe(expected.split(' ')[0]);
  });

  it('refuses an entry that is not an object', async () => {
    const plan = await refused(
      JSON.stringify({ format: 'mull-export', version: 1, entries: ['x'] }),
    );
    expect(messages(plan)).toEqual(['entries[0] must be an object']);
  });

  it('refuses an id used twice in one file, naming both places', async () => {
    const text = JSON.stringify({
      format: 'mull-export',
      version: 1,
      entries: [good, snapshot({ id: 'b' }), { ...good, body: 'other' }],
    });
    expect(messages(await refused(text))).toEqual([
      'entries[2].id "a" appears more than once (also entries[0])',
    ]);
  });

  it('reports the first problems of a hopeless file and counts them all', async () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({ ...good, id: `e${i}`, kind: 'x' }));
    const plan = await refused(JSON.stringify({ format: 'mull-export', version: 1, entries }));
    expect(plan.errors).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(plan.errorCount).toBe(100);
  });

  it('fills optional fields the way an older or hand-made file needs', async () => {
    const text = JSON.stringify({
      format: 'mull-export',
      version: 1,
      entries: [{ id: 'min', kind: 'checkin', createdAt: '2026-01-01T10:00:00Z' }],
    });
    const plan = await planImport(new Y.Doc(), text, { timeZone: 'UTC' });
    expect(plan.ok && plan.entries).toEqual([
      {
        id: 'min',
        kind: 'checkin',
        createdAt: '2026-01-01T10:00:00Z',
        updatedAt: '2026-01-01T10:00:00Z',
        body: '',
        mood: null,
        emotions: [],
        tags: [],
        trashedAt: null,
      },
    ]);
  });

  it('stores hand-typed tags and emotions as the vault would', async () => {
    const plan = await planImport(
      new Y.Doc(),
      fileWith((e) => {
        e.tags = ['#Walk', 'walk', ' Sea '];
        e.emotions = ['Calm'];
      }),
      { timeZone: 'UTC' },
    );
    expect(plan.ok && plan.entries[0]).toMatchObject({ tags: ['walk', 'sea'], emotions: ['calm'] });
  });

  it('warns, without refusing, about settings, rescue rows and fields it does not know', async () => {
    const text = fileWith((e) => (e.location = 'Lisbon'), {
      settings: { theme: 'dark' },
      salvage: { rowsRead: 1, unreadableRows: 0, rawRows: [] },
    });
    const plan = await planImport(new Y.Doc(), text, { timeZone: 'UTC' });
    expect(plan.ok).toBe(true);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'Settings in the file are not imported: this vault keeps its own settings.',
      'This is a rescue file: its readable entries are imported; its raw rows are not.',
      'Entries have fields this version of Mull does not know (location); they are not imported.',
    ]);
  });
});
