import { describe, expect, it } from 'vitest';
import {
  CHECKIN_CSV_COLUMNS,
  checkinCsvFileName,
  checkinToCsvRow,
  csvCheckins,
  exportCheckinCsv,
  readCheckinCsv,
} from '../../../src/lib/transfer/checkin-csv';
import { readCsv } from '../../../src/lib/transfer/csv';
import { createPrng } from '../../helpers/prng';
import { dailyCheckins, snapshot, vaultWith } from './fixtures';

const BERLIN = 'Europe/Berlin';

describe('exportCheckinCsv', () => {
  it('writes a BOM, the header and one CRLF line per check-in, oldest first', () => {
    const doc = vaultWith(
      snapshot({
        id: 'late',
        kind: 'checkin',
        createdAt: '2026-11-26T23:30:00.000Z',
        mood: { pleasantness: -3, energy: 2 },
        emotions: ['jittery', 'tired'],
        tags: ['work'],
        body: 'deadline, again',
      }),
      snapshot({ id: 'early', kind: 'checkin', createdAt: '2026-11-25T07:05:00.000Z' }),
    );
    expect(exportCheckinCsv(doc, { timeZone: BERLIN })).toBe(
      '\ufeffdate,time,pleasantness,energy,emotions,tags,note\r\n' +
        '2026-11-25,08:05,,,,,\r\n' +
        '2026-11-27,00:30,-3,2,jittery | tired,work,"deadline, again"\r\n',
    );
  });

  it('leaves out journal entries and anything in the Trash', () => {
    const doc = vaultWith(
      snapshot({ id: 'entry', kind: 'entry', body: 'journal' }),
      snapshot({ id: 'gone', kind: 'checkin', trashedAt: '2026-11-21T00:00:00.000Z' }),
      snapshot({ id: 'kept', kind: 'checkin' }),
    );
    expect(csvCheckins(doc).map((e) => e.id)).toEqual(['kept']);
  });

  it('guards text cells against formulas but writes negative numbers as numbers', () => {
    const doc = vaultWith(
      snapshot({
        id: 'a',
        kind: 'checkin',
        mood: { pleasantness: -5, energy: -1 },
        body: '=HYPERLINK("http://evil.example","click")',
        tags: ['-minus'],
        emotions: ['@at'],
      }),
    );
    const [, row] = [...readCsv(exportCheckinCsv(doc, { timeZone: 'UTC' }))];
    expect(row?.fields).toEqual([
      '2026-11-20',
      '10:00',
      '-5',
      '-1',
      "'@at",
      "'-minus",
      `'=HYPERLINK("http://evil.example","click")`,
    ]);
  });

  it('names the file after the day', () => {
    expect(checkinCsvFileName(new Date('2026-11-26T12:00:00.000Z'))).toBe(
      'mull-2026-11-26-check-ins.csv',
    );
  });
});

describe('check-in CSV round trip', () => {
  it('reads back every value exactly, for a year of awkward notes', () => {
    const entries = dailyCheckins(365, createPrng(7));
    for (const zone of ['UTC', BERLIN, 'America/Los_Angeles']) {
      const { checkins, errors } = readCheckinCsv(exportCheckinCsv(entries, { timeZone: zone }));
      expect(errors).toEqual([]);
      expect(checkins).toEqual(csvCheckins(entries).map((e) => checkinToCsvRow(e, zone)));
    }
  });

  it('keeps fractional mood values and the absence of a mood', () => {
    const entries = [
      snapshot({ id: 'a', kind: 'checkin', mood: { pleasantness: 2.5, energy: -0.5 } }),
      snapshot({ id: 'b', kind: 'checkin', mood: null, createdAt: '2026-11-21T10:00:00.000Z' }),
    ];
    const { checkins } = readCheckinCsv(exportCheckinCsv(entries, { timeZone: 'UTC' }));
    expect(checkins.map((c) => [c.pleasantness, c.energy])).toEqual([
      [2.5, -0.5],
      [null, null],
    ]);
  });
});

describe('readCheckinCsv', () => {
  const header = CHECKIN_CSV_COLUMNS.join(',');

  it('names the line of a mood out of range', () => {
    const text = `${header}\r\n2026-01-01,10:00,1,1,,,\r\n2026-01-02,10:00,-7,1,,,\r\n`;
    expect(readCheckinCsv(text).errors.map((e) => e.message)).toEqual([
      'Line 3: pleasantness must be a number from −5 to 5',
    ]);
  });

  it('refuses a wrong header, a short row and an unterminated quote', () => {
    expect(readCheckinCsv('a,b,c\r\n').errors[0]?.message).toMatch(/^Line 1: the columns must be/);
    expect(readCheckinCsv(`${header}\r\n2026-01-01,10:00\r\n`).errors[0]?.message).toBe(
      'Line 2: expected 7 columns, found 2',
    );
    expect(readCheckinCsv(`${header}\r\n2026-01-01,10:00,1,1,,,"open\r\n`).errors[0]?.message).toBe(
      'Line 2: a quoted field starts here and never ends',
    );
  });
});
