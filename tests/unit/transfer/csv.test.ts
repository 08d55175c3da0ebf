import { describe, expect, it } from 'vitest';
import {
  csvCell,
  csvLine,
  CsvSyntaxError,
  guardFormula,
  readCsv,
  unguardFormula,
} from '../../../src/lib/transfer/csv';
import { createPrng } from '../../helpers/prng';

const rows = (text: string) => [...readCsv(text)].map((r) => r.fields);
const lines = (text: string) => [...readCsv(text)].map((r) => r.line);

describe('writing CSV (RFC 4180)', () => {
  it('quotes only cells with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvLine(['a', '', 'b,c'])).toBe('a,,"b,c"');
  });

  it('reads back exactly what it wrote, for any text', () => {
    const prng = createPrng(4180);
    const alphabet = ['a', 'Z', ',', '"', '\n', '\r', '\r\n', ' ', 'é', '🌊', "'", '='];
    for (let round = 0; round < 200; round++) {
      const record = Array.from({ length: prng.int(1, 6) }, () =>
        Array.from({ length: prng.int(0, 8) }, () => prng.pick(alphabet)).join(''),
      );
      // A record of one empty cell is an empty line, which readers skip by design.
      if (record.length === 1 && record[0] === '') continue;
      const text = `${csvLine(record)}\r\n${csvLine(['end'])}\r\n`;
      expect(rows(text)).toEqual([record, ['end']]);
    }
  });
});

describe('reading CSV', () => {
  it('accepts CRLF, LF and CR line endings, a byte order mark and a missing final newline', () => {
    expect(rows('\ufeffa,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('skips empty lines and keeps empty cells, including a trailing one', () => {
    expect(rows('a,\n\n,b\n')).toEqual([
      ['a', ''],
      ['', 'b'],
    ]);
    expect(rows('a,')).toEqual([['a', '']]);
  });

  it('numbers each record by the physical line it starts on, counting breaks inside quotes', () => {
    expect(lines('h\r\n"two\r\nlines",x\r\nnext\n\nlast')).toEqual([1, 2, 4, 6]);
  });

  it('takes a quote inside an unquoted cell literally', () => {
    expect(rows('5" screen,b')).toEqual([['5" screen', 'b']]);
  });

  it('names the line of a quoted cell that never ends', () => {
    let caught: unknown;
    try {
      rows('a,b\nc,"never\nends\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CsvSyntaxError);
    expect((caught as CsvSyntaxError).line).toBe(2);
    expect((caught as CsvSyntaxError).message).toBe(
      'Line 2: a quoted field starts here and never ends',
    );
  });

  it('refuses text after a closing quote', () => {
    expect(() => rows('"a"b,c')).toThrow(/Line 1: text follows a closing quote/);
  });
});

describe('the spreadsheet formula guard', () => {
  it('puts an apostrophe before = + - @ tab and carriage return, and takes exactly it away', () => {
    for (const text of ['=1+1', '+1', '-x', '@SUM(A1)', '\tx', '\rx', "'=already", "''+x"]) {
      const guarded = guardFormula(text);
      expect(guarded.startsWith("'")).toBe(true);
      expect(unguardFormula(guarded)).toBe(text);
    }
  });

  it('leaves harmless text alone, including text that starts with an apostrophe', () => {
    for (const text of ['hello', "'quoted'", '', ' =not first', '1-2']) {
      expect(guardFormula(text)).toBe(text);
      expect(unguardFormula(text)).toBe(text);
    }
  });
});
