/**
 * RFC 4180 CSV: writing cells and lines, and reading records with the line each starts on.
 *
 * Written by hand because it is small and its details are ours: the line numbers in messages,
 * lenient line endings (CRLF, LF or CR) and the spreadsheet formula guard. Records are read
 * lazily so a long file can be checked in slices with progress in between.
 */

/** Line break between records, as RFC 4180 asks; line breaks inside a note are kept as written. */
export const CSV_NEWLINE = '\r\n';

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula —
 * a note like `=HYPERLINK(…)` could then fetch a URL when the file is opened. Such a cell gets a
 * leading apostrophe, which spreadsheets show as text. Apostrophes already in front are counted
 * in, so `unguardFormula` can take exactly one away again.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export const guardFormula = (text: string): string =>
  FORMULA_START.test(text) ? `'${text}` : text;

export const unguardFormula = (text: string): string =>
  text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;

/** A cell, quoted when it holds a comma, a quote or a line break (quotes doubled inside). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvLine = (cells: readonly string[]): string => cells.map(csvCell).join(',');

export interface CsvRecord {
  /** The physical line (1-based) the record starts on: what a person sees in an editor. */
  line: number;
  fields: string[];
  /** Offset in the text just past this record, for progress. */
  end: number;
}

export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(`Line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads the records of `text` (a leading byte order mark is skipped). Empty lines are skipped.
 * Throws `CsvSyntaxError` for a quoted field that never ends or text after a closing quote.
 * A quote inside an unquoted field is taken literally, as most spreadsheets do.
 */
export function* readCsv(text: string): Generator<CsvRecord, void, undefined> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: runs to the next quote that is not doubled.
        const openLine = line;
        let value = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            throw new CsvSyntaxError(openLine, 'a quoted field starts here and never ends');
          }
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        fields.push(value);
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== CR && c !== LF) {
          throw new CsvSyntaxError(line, 'text follows a closing quote (a quote inside a field?)');
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      // Now at a comma, a line break or the end.
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= n) fields.push('');
        else continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      if (c === CR || c === LF) line++;
      atRecordEnd = true;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: startLine, fields, end: i };
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}
