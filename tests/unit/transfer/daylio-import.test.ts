import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DAYLIO_DEFAULT_MOODS,
  DAYLIO_LEVEL_MOODS,
  daylioNoteToMarkdown,
} from '../../../src/lib/transfer/daylio-csv';
import {
  applyImport,
  describeImport,
  planImport,
  type FailedImportPlan,
  type ImportOptions,
  type ReadyImportPlan,
} from '../../../src/lib/transfer/import-plan';
import { getEntry, listEntries, updateEntry } from '../../../src/lib/vault';
import {
  expectUntouched,
  exportText,
  fingerprint,
  vaultWith,
  snapshot,
  watchWrites,
} from './fixtures';

const HEADER = 'full_date,date,weekday,time,mood,activities,note_title,note';
const BERLIN: ImportOptions = { timeZone: 'Europe/Berlin' };

const csv = (...rows: string[]): string => [HEADER, ...rows].join('\r\n') + '\r\n';

async function ready(
  text: string,
  options: ImportOptions = BERLIN,
  doc = new Y.Doc(),
): Promise<ReadyImportPlan> {
  const plan = await planImport(doc, text, options);
  if (!plan.ok) throw new Error(plan.errors.map((e) => e.message).join('\n'));
  return plan;
}

async function refused(text: string, options: ImportOptions = BERLIN): Promise<FailedImportPlan> {
  const doc = vaultWith(snapshot({ id: 'existing' }));
  const before = fingerprint(doc);
  const plan = await planImport(doc, text, options);
  expect(plan.ok).toBe(false);
  expectUntouched(doc, before);
  return plan as FailedImportPlan;
}

describe('Daylio mood mapping', () => {
  it('places the five default moods on the pleasantness axis, energy in the middle', async () => {
    const names = ['rad', 'good', 'meh', 'bad', 'awful'];
    const plan = await ready(csv(...names.map((m, i) => `2024-01-0${i + 1},,,12:00,${m},,,`)));
    expect(plan.entries.map((e) => e.mood)).toEqual([
      { pleasantness: 4, energy: 0 },
      { pleasantness: 2, energy: 0 },
      { pleasantness: 0, energy: 0 },
      { pleasantness: -2, energy: 0 },
      { pleasantness: -4, energy: 0 },
    ]);
    expect(plan.entries.every((e) => e.emotions.length === 0)).toBe(true);
    expect(DAYLIO_DEFAULT_MOODS.fugly).toBe(2);
    expect(DAYLIO_LEVEL_MOODS[3]).toEqual({ pleasantness: 0, energy: 0 });
  });

  it('reads mood names without minding case or padding', async () => {
    const plan = await ready(csv('2024-01-01,,,12:00, Rad ,,,'));
    expect(plan.entries[0]?.mood).toEqual({ pleasantness: 4, energy: 0 });
  });

  it('imports an unknown mood name without a place on the grid, keeps the word, and says so', async () => {
    const plan = await ready(csv('2024-01-01,,,12:00,Anxious,,,', '2024-01-02,,,12:00,anxious,,,'));
    expect(plan.entries.map((e) => [e.mood, e.emotions])).toEqual([
      [null, ['anxious']],
      [null, ['anxious']],
    ]);
    expect(plan.summary.unknownMoods).toEqual({ anxious: 2 });
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'Line 2: the mood "anxious" (2 rows) is not one of Daylio\'s defaults; without a level those check-ins have no place on the grid and keep "anxious" as an emotion word',
    ]);
  });

  it('places custom mood names at the level the person chose, keeping the word too', async () => {
    const plan = await ready(csv('2024-01-01,,,12:00,Anxious,,,'), {
      ...BERLIN,
      daylioMoods: { ' ANXIOUS ': 2 },
    });
    expect(plan.entries[0]).toMatchObject({
      mood: { pleasantness: -2, energy: 0 },
      emotions: ['anxious'],
    });
    expect(plan.summary.unknownMoods).toEqual({});
    expect(plan.warnings).toEqual([]);
  });
});

describe('Daylio rows to check-ins', () => {
  it('maps activities to tags, title and note to the body, date and time in the chosen zone', async () => {
    const plan = await ready(
      csv(
        '2021-09-28,28 September,Tuesday,10:00 pm,good,"clean | Music  | movies / tv | clean","A day","Went out, ""finally""\nand home"',
      ),
    );
    expect(plan.entries).toEqual([
      {
        id: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        kind: 'checkin',
        createdAt: '2021-09-28T20:00:00.000Z',
        updatedAt: '2021-09-28T20:00:00.000Z',
        body: '# A day\n\nWent out, "finally"\nand home',
        mood: { pleasantness: 2, energy: 0 },
        emotions: [],
        tags: ['clean', 'music', 'movies / tv'],
        trashedAt: null,
      },
    ]);
  });

  it('reads 12- and 24-hour times', async () => {
    const plan = await ready(
      csv(
        '2024-06-01,,,12:05 am,meh,,,',
        '2024-06-01,,,12:05 PM,meh,,,',
        '2024-06-01,,,9:07 p.m.,meh,,,',
        '2024-06-01,,,23:59,meh,,,',
        '2024-06-01,,,07:30:15,meh,,,',
      ),
      { timeZone: 'UTC' },
    );
    expect(plan.entries.map((e) => e.createdAt.slice(11, 19))).toEqual([
      '00:05:00',
      '12:05:00',
      '21:07:00',
      '23:59:00',
      '07:30:15',
    ]);
  });

  it('reads the older format with a year column and day-month dates', async () => {
    const text =
      'year,date,weekday,time,mood,activities,note\r\n' +
      '2018,18 May,Friday,11:54 pm,rad,"clean | cook",Went to a party\r\n' +
      '2018,May 17,Thursday,10:21 pm,awful,,\r\n';
    const plan = await ready(text, { timeZone: 'UTC' });
    expect(plan.entries.map((e) => [e.createdAt, e.body, e.tags])).toEqual([
      ['2018-05-18T23:54:00.000Z', 'Went to a party', ['clean', 'cook']],
      ['2018-05-17T22:21:00.000Z', '', []],
    ]);
  });

  it('turns the simple HTML in Daylio notes into Markdown, and leaves other notes exactly alone', () => {
    expect(
      daylioNoteToMarkdown('<b>Big</b> day<br>next<br/>line<ul><li>one</li><li>two</li></ul>'),
    ).toBe('**Big** day\nnext\nline\n\n- one\n- two');
    expect(daylioNoteToMarkdown('<p>Tom &amp; Jerry &lt;3</p>')).toBe('Tom & Jerry <3');
    expect(daylioNoteToMarkdown('a < b && c > d &amp; <script>')).toBe(
      'a < b && c > d &amp; <script>',
    );
  });

  it('keeps activities beyond the tag limit in the note rather than dropping them', async () => {
    const activities = Array.from({ length: 35 }, (_, i) => `a${i}`).join(' | ');
    const plan = await ready(csv(`2024-01-01,,,12:00,good,"${activities}",,note`));
    const entry = plan.entries[0];
    expect(entry?.tags).toHaveLength(32);
    expect(entry?.body).toBe('note\n\nActivities: a32, a33, a34');
    expect(plan.warnings[0]?.message).toMatch(/^Line 2: 35 activities; Mull keeps 32 tags/);
  });

  it('reads local times on clock-change nights as calendar apps do, in any zone', async () => {
    const at = async (row: string, timeZone: string): Promise<string | undefined> =>
      (await ready(csv(row), { timeZone })).entries[0]?.createdAt;
    // Skipped when clocks go forward: moved on by the jump (02:30 → 03:30 CEST, 03:30 EDT).
    expect(await at('2026-03-29,,,02:30,good,,,', 'Europe/Berlin')).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(await at('2026-03-08,,,2:30 am,good,,,', 'America/New_York')).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // Lord Howe goes from 02:00 to 02:30: 02:15 becomes 02:45 (+11).
    expect(await at('2026-10-04,,,02:15,good,,,', 'Australia/Lord_Howe')).toBe(
      '2026-10-03T15:45:00.000Z',
    );
    // Happening twice when clocks go back: the first time (CEST, EDT, AEDT).
    expect(await at('2026-10-25,,,02:30,good,,,', 'Europe/Berlin')).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(await at('2026-11-01,,,1:30 am,good,,,', 'America/New_York')).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(await at('2026-04-05,,,02:30,good,,,', 'Australia/Sydney')).toBe(
      '2026-04-04T15:30:00.000Z',
    );
  });

  it('gives identical rows their own check-ins', async () => {
    const plan = await ready(csv('2024-01-01,,,12:00,good,,,', '2024-01-01,,,12:00,good,,,'));
    expect(new Set(plan.entries.map((e) => e.id)).size).toBe(2);
  });
});

describe('importing a Daylio file', () => {
  const file = csv('2024-01-02,,,08:00,rad,walk,,morning', '2024-01-01,,,21:00,bad,work,,evening');

  it('adds the check-ins, saying how many first', async () => {
    const doc = new Y.Doc();
    const plan = await ready(file, BERLIN, doc);
    expect(describeImport(plan.summary)).toBe('This will add 2 check-ins.');
    applyImport(doc, plan);
    expect(listEntries(doc).map((e) => [e.createdAt, e.body])).toEqual([
      ['2024-01-02T07:00:00.000Z', 'morning'],
      ['2024-01-01T20:00:00.000Z', 'evening'],
    ]);
  });

  it('adds nothing the second time, even after the check-ins were edited in Mull', async () => {
    const doc = new Y.Doc();
    applyImport(doc, await ready(file, BERLIN, doc));
    const first = listEntries(doc)[0];
    if (!first) throw new Error('nothing imported');
    updateEntry(doc, first.id, { tags: ['changed'] });
    const after = exportText(doc);
    const writes = watchWrites(doc);
    const again = await ready(file, BERLIN, doc);
    expect(again.summary).toMatchObject({ newCheckins: 0, unchanged: 2 });
    applyImport(doc, again);
    expect(writes.transactions()).toBe(0);
    expect(exportText(doc)).toBe(after);
    expect(getEntry(doc, first.id)?.tags).toEqual(['changed']);
  });

  it('imports ten years of daily rows in one go', async () => {
    const rows: string[] = [];
    for (let day = 0; day < 3650; day++) {
      const date = new Date(Date.UTC(2014, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      rows.push(
        `${date},,,20:30,${['rad', 'good', 'meh', 'bad', 'awful'][day % 5]},"walk | tea","","day ${day}"`,
      );
    }
    const doc = new Y.Doc();
    const plan = await ready(csv(...rows), BERLIN, doc);
    expect(describeImport(plan.summary)).toBe('This will add 3,650 check-ins.');
    applyImport(doc, plan);
    expect(listEntries(doc)).toHaveLength(3650);
  });
});

describe('Daylio files that are refused', () => {
  it('refuses a CSV with another header, naming line 1 and the expected columns', async () => {
    expect(
      (await refused('date,mood\r\n2024-01-01,good\r\n')).errors.map((e) => e.message),
    ).toEqual([
      'Line 1: this is not a Daylio CSV export: its first line should name the columns full_date, date, weekday, time, mood, activities, note_title, note.',
    ]);
  });

  it("recognises Mull's own check-in CSV and points to the JSON copy", async () => {
    const plan = await refused('date,time,pleasantness,energy,emotions,tags,note\r\n');
    expect(plan.errors[0]?.message).toMatch(/^This is Mull's check-in CSV/);
  });

  it('names the line of an unterminated quote', async () => {
    const plan = await refused(
      csv('2024-01-01,,,12:00,good,,,ok', '2024-01-02,,,12:00,good,,,"never ends'),
    );
    expect(plan.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'Line 3: a quoted field starts here and never ends'],
    ]);
  });

  it.each([
    ['a bad date', '2024-13-01,,,12:00,good,,,', 'Line 2: the date 2024-13-01 does not exist'],
    [
      'a date that is not a date',
      'yesterday,,,12:00,good,,,',
      'Line 2: full_date must be a date like 2021-09-28, not "yesterday"',
    ],
    ['30 February', '2023-02-30,,,12:00,good,,,', 'Line 2: the date 2023-02-30 does not exist'],
    [
      'a bad time',
      '2024-01-01,,,25:00,good,,,',
      'Line 2: time must look like 22:15 or 10:15 pm, not "25:00"',
    ],
    [
      '13 pm',
      '2024-01-01,,,13:00 pm,good,,,',
      'Line 2: time must look like 22:15 or 10:15 pm, not "13:00 pm"',
    ],
    ['an empty mood', '2024-01-01,,,12:00,,,,', 'Line 2: mood is empty'],
    ['a short row', '2024-01-01,,,12:00,good', 'Line 2: expected 8 columns, found 5'],
  ])('refuses %s, naming the line', async (_name, row, message) => {
    expect((await refused(csv(row))).errors.map((e) => e.message)).toEqual([message]);
  });

  it('refuses an unknown time zone', async () => {
    const plan = await refused(csv('2024-01-01,,,12:00,good,,,'), { timeZone: 'Mars/Base' });
    expect(plan.errors[0]?.message).toBe(
      '"Mars/Base" is not a time zone this browser knows, so Daylio\'s times cannot be placed.',
    );
  });

  it('reports every bad line, not just the first', async () => {
    const plan = await refused(
      csv('2024-01-01,,,12:00,good,,,', 'x,,,12:00,good,,,', '2024-01-03,,,noon,good,,,'),
    );
    expect(plan.errors.map((e) => e.line)).toEqual([3, 4]);
  });
});
