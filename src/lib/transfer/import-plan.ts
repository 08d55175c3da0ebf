/**
 * Importing, in two steps so a person can see what will happen before anything does:
 *
 *   const plan = await planImport(doc, file, { timeZone, onProgress });
 *   if (!plan.ok) show(plan.errors);                  // the vault has not been touched
 *   else if (confirm(describeImport(plan.summary)))   // "This will add 3,650 check-ins."
 *     applyImport(doc, plan, onProgress);             // one transaction, ORIGIN.import
 *
 * `planImport` only reads the vault. It measures the file before reading it, decodes it
 * (UTF-8, byte order mark optional), tells a Mull JSON export from a Daylio CSV, checks every
 * record — all before a single write — and counts what a merge would do (rules in
 * merge-rules.ts). It pauses every IMPORT_SLICE_RECORDS records so the page can show progress.
 *
 * `applyImport` decides again against the vault as it is then (another device may have synced
 * in between) and writes everything in one transaction. That write is synchronous — a page
 * cannot repaint in the middle of it — so its progress calls suit a worker or a log more than
 * a progress bar; for ten years of daily check-ins it takes a fraction of a second.
 */
import type * as Y from 'yjs';
import {
  entriesOf,
  getEntry,
  META,
  metaOf,
  ORIGIN,
  putImportedEntries,
  SCHEMA_VERSION,
  VaultError,
  type EntrySnapshot,
} from '../vault';
import { formatBytes } from '../util/format';
import { isCheckinCsvHeader } from './checkin-csv';
import { CsvSyntaxError, readCsv, type CsvRecord } from './csv';
import { daylioColumns, DaylioReader, DAYLIO_HEADER, type DaylioLevel } from './daylio-csv';
import { MullJsonReader, readMullJsonHeader } from './json-import';
import { IMPORT_SLICE_RECORDS, MAX_IMPORT_BYTES, MAX_IMPORT_RECORDS } from './limits';
import { CONFLICT_TAG, decideMerge, type ImportSource } from './merge-rules';
import { fileProblem, lineProblem, type ImportProblem } from './problems';
import { isKnownTimeZone } from '../time/zoned-time';

export type { ImportSource } from './merge-rules';

/** What `planImport` accepts: a `File` from a picker or a drop, bytes, or text. */
export type ImportInput = Blob | ArrayBuffer | Uint8Array | string;

export interface ImportProgress {
  /** `read`: loading and decoding the file; `check`: checking records; `write`: applying. */
  phase: 'read' | 'check' | 'write';
  /** Of `total`, in units that suit the phase (bytes, records, characters, entries): show the fraction. */
  done: number;
  total: number;
}

export interface ImportOptions {
  /** IANA zone the file's local times were in (Daylio). Mull JSON times are UTC already. */
  timeZone: string;
  /** Levels for Daylio mood names that are not its defaults, by name (see `unknownMoods`). */
  daylioMoods?: Readonly<Record<string, DaylioLevel>>;
  onProgress?: (progress: ImportProgress) => void;
  /** Cancels planning; `planImport` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Defaults to MAX_IMPORT_BYTES. */
  maxBytes?: number;
}

/** What an import will do (from `planImport`) or did (from `applyImport`). */
export interface ImportSummary {
  source: ImportSource;
  /** Entries (JSON) or rows (Daylio) in the file. */
  total: number;
  newEntries: number;
  newCheckins: number;
  /** In the vault, but the file's version was edited later: it replaces the vault's. */
  updated: number;
  /** Already in the vault as they are in the file (or, from Daylio, imported before). */
  unchanged: number;
  /** The vault's version was edited later and stays. */
  keptNewer: number;
  /** Versions that lost a conflict but hold words found nowhere else, added as their own entries. */
  copies: number;
  /** Daylio mood names with no level, and how many rows use each. */
  unknownMoods: Record<string, number>;
}

export interface ReadyImportPlan {
  ok: true;
  source: ImportSource;
  summary: ImportSummary;
  /** Worth telling the person, but no reason to refuse. */
  warnings: ImportProblem[];
  /** Checked and normalized, ready to merge. */
  entries: readonly EntrySnapshot[];
}

export interface FailedImportPlan {
  ok: false;
  /** What the file was recognised as, if anything. */
  source: ImportSource | null;
  /** The first few problems, each naming its line or field. */
  errors: ImportProblem[];
  /** How many problems there were in all. */
  errorCount: number;
  warnings: ImportProblem[];
}

export type ImportPlan = ReadyImportPlan | FailedImportPlan;

const fail = (
  source: ImportSource | null,
  errors: ImportProblem[],
  errorCount = errors.length,
  warnings: ImportProblem[] = [],
): FailedImportPlan => ({ ok: false, source, errors, errorCount, warnings });

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const tooLarge = (size: number, max: number): ImportProblem =>
  fileProblem(`This file is ${formatBytes(size)}; Mull imports files up to ${formatBytes(max)}.`);

/**
 * A `File` may come from another realm (an iframe, a test DOM) where `instanceof Blob` fails,
 * so anything with `size` and `arrayBuffer()` counts as one.
 */
const isBlob = (input: ImportInput): input is Blob =>
  typeof input === 'object' &&
  typeof (input as Blob).size === 'number' &&
  typeof (input as Blob).arrayBuffer === 'function';

const sizeOf = (input: ImportInput): number =>
  typeof input === 'string' ? input.length : isBlob(input) ? input.size : input.byteLength;

/** The file's text, or why there is none. Sizes are checked before anything is read. */
async function readText(input: ImportInput, maxBytes: number): Promise<string | ImportProblem> {
  if (typeof input === 'string') {
    // A UTF-16 code unit is at least one byte of UTF-8, so this never lets a larger file by.
    if (input.length > maxBytes) return tooLarge(input.length, maxBytes);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  const size = sizeOf(input);
  if (size > maxBytes) return tooLarge(size, maxBytes);
  const bytes = isBlob(input)
    ? new Uint8Array(await input.arrayBuffer())
    : input instanceof Uint8Array
      ? input
      : new Uint8Array(input);
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    return fileProblem(
      'This is a zip file. Mull imports its own JSON copy (mull-YYYY-MM-DD.json) or the CSV ' +
        'that Daylio exports; unzip it first if one of those is inside.',
    );
  }
  let text: string;
  try {
    // fatal: a byte sequence that is not UTF-8 is an error, not a silent "�". The decoder
    // drops a leading byte order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return notText();
  }
  return text;
}

const notText = (): ImportProblem =>
  fileProblem(
    'This file is not text (it may be a photo, a document or a damaged file). Mull imports its ' +
      'own JSON copy or the CSV that Daylio exports.',
  );

function jsonSyntaxProblem(text: string, error: unknown): ImportProblem {
  const message = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : text.length;
  if (position >= text.trimEnd().length) {
    return fileProblem(
      'This file is not complete JSON: it ends too early (it may have been cut short while ' +
        'copying or downloading).',
    );
  }
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return {
    message: `Line ${line}, column ${column}: this is not valid JSON (a missing comma or quote?).`,
    line,
  };
}

function vaultIsNewer(doc: Y.Doc): boolean {
  const stored = metaOf(doc).get(META.schemaVersion);
  return typeof stored === 'number' && stored > SCHEMA_VERSION;
}

const NEWER_VAULT =
  'This vault was written by a newer version of Mull; update Mull before importing into it.';

/**
 * Reads, checks and plans an import without writing anything. Never rejects for a bad file —
 * every problem comes back as a failed plan — only when `signal` aborts.
 */
export async function planImport(
  doc: Y.Doc,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportPlan> {
  const { onProgress, signal } = options;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  signal?.throwIfAborted();
  if (vaultIsNewer(doc)) return fail(null, [fileProblem(NEWER_VAULT)]);

  const total = sizeOf(input);
  onProgress?.({ phase: 'read', done: 0, total });
  let text: string | ImportProblem;
  try {
    text = await readText(input, maxBytes);
  } catch {
    text = fileProblem('This file could not be read. Try choosing it again.');
  }
  signal?.throwIfAborted();
  if (typeof text !== 'string') return fail(null, [text]);
  if (text.includes('\u0000')) return fail(null, [notText()]);
  onProgress?.({ phase: 'read', done: total, total });

  const start = text.trimStart()[0];
  if (start === undefined) return fail(null, [fileProblem('This file is empty.')]);
  try {
    return start === '{' || start === '['
      ? await planJson(doc, text, options)
      : await planCsv(doc, text, options);
  } catch (error) {
    if (signal?.aborted) throw error;
    // A bug of ours must not look like a crash to the person, nor write anything.
    const detail = error instanceof Error ? error.message : String(error);
    return fail(null, [fileProblem(`Mull could not read this file (${detail}).`)]);
  }
}

async function planJson(doc: Y.Doc, text: string, options: ImportOptions): Promise<ImportPlan> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(null, [jsonSyntaxProblem(text, error)]);
  }
  const header = readMullJsonHeader(data);
  if (!('entries' in header)) {
    const recognised = typeof data === 'object' && data !== null && 'format' in data;
    return fail(recognised ? 'mull-json' : null, [header]);
  }
  const reader = new MullJsonReader();
  const total = header.entries.length;
  for (let i = 0; i < total; i++) {
    reader.add(i, header.entries[i]);
    if ((i + 1) % IMPORT_SLICE_RECORDS === 0) await slice(options, i + 1, total);
  }
  options.onProgress?.({ phase: 'check', done: total, total });
  const warnings = [...header.warnings, ...reader.warnings()];
  if (reader.errors.count > 0) {
    return fail('mull-json', reader.errors.items, reader.errors.count, warnings);
  }
  return ready(doc, 'mull-json', reader.entries, total, warnings, {});
}

async function slice(options: ImportOptions, done: number, total: number): Promise<void> {
  options.onProgress?.({ phase: 'check', done, total });
  await pause();
  options.signal?.throwIfAborted();
}

async function planCsv(doc: Y.Doc, text: string, options: ImportOptions): Promise<ImportPlan> {
  const records = readCsv(text);
  let reader: DaylioReader | null = null;
  let rows = 0;
  try {
    for (let next = records.next(); !next.done; next = records.next()) {
      const record: CsvRecord = next.value;
      if (!reader) {
        const header = readCsvHeader(record, options);
        if ('problem' in header) return fail(header.source, [header.problem]);
        reader = header.reader;
        continue;
      }
      if (++rows > MAX_IMPORT_RECORDS) {
        return fail('daylio-csv', [
          fileProblem(
            `This file has more than ${MAX_IMPORT_RECORDS} rows; Mull imports up to that many.`,
          ),
        ]);
      }
      reader.add(record);
      if (rows % IMPORT_SLICE_RECORDS === 0) await slice(options, record.end, text.length);
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const problem = lineProblem(error.line, error.message.replace(/^Line \d+: /, ''));
    return fail(reader ? 'daylio-csv' : null, [problem]);
  }
  options.onProgress?.({ phase: 'check', done: text.length, total: text.length });
  if (!reader) return fail(null, [fileProblem('This file is empty.')]);
  const result = reader.finish();
  if (result.errors.count > 0) {
    return fail('daylio-csv', result.errors.items, result.errors.count, result.warnings.items);
  }
  return ready(doc, 'daylio-csv', result.entries, rows, result.warnings.items, result.unknownMoods);
}

/** A reader for the rows under this header, or why there cannot be one. */
function readCsvHeader(
  record: CsvRecord,
  options: ImportOptions,
): { reader: DaylioReader } | { problem: ImportProblem; source: ImportSource | null } {
  if (isCheckinCsvHeader(record.fields)) {
    const problem = fileProblem(
      "This is Mull's check-in CSV, made for spreadsheets: it has no ids, so importing it would " +
        'duplicate check-ins. Import the JSON copy (mull-YYYY-MM-DD.json) instead.',
    );
    return { problem, source: null };
  }
  const columns = daylioColumns(record.fields);
  if (!columns) {
    const expected = DAYLIO_HEADER.split(',').join(', ');
    const problem = lineProblem(
      record.line,
      `this is not a Daylio CSV export: its first line should name the columns ${expected}.`,
    );
    return { problem, source: null };
  }
  if (!isKnownTimeZone(options.timeZone)) {
    const problem = fileProblem(
      `"${options.timeZone}" is not a time zone this browser knows, so Daylio's times cannot be placed.`,
    );
    return { problem, source: 'daylio-csv' };
  }
  const reader = new DaylioReader(columns, {
    timeZone: options.timeZone,
    moodLevels: options.daylioMoods,
  });
  return { reader };
}

const emptySummary = (
  source: ImportSource,
  total: number,
  unknownMoods: Record<string, number>,
): ImportSummary => ({
  source,
  total,
  newEntries: 0,
  newCheckins: 0,
  updated: 0,
  unchanged: 0,
  keptNewer: 0,
  copies: 0,
  unknownMoods,
});

/**
 * Decides every entry against the vault as it is now: the counts, and the entries to write.
 * A conflicted copy already in the vault (from an earlier import) or in the file is not added
 * again.
 */
function mergeAll(
  doc: Y.Doc,
  source: ImportSource,
  entries: readonly EntrySnapshot[],
  summary: ImportSummary,
): EntrySnapshot[] {
  const inFile = new Set(entries.map((e) => e.id));
  const stored = entriesOf(doc);
  const writes: EntrySnapshot[] = [];
  const copyIds = new Set<string>();
  for (const entry of entries) {
    const decision = decideMerge(getEntry(doc, entry.id), entry, source);
    if (decision.outcome === 'add') {
      if (entry.kind === 'checkin') summary.newCheckins++;
      else summary.newEntries++;
    } else if (decision.outcome === 'update') summary.updated++;
    else if (decision.outcome === 'same') summary.unchanged++;
    else summary.keptNewer++;
    if (decision.write) writes.push(decision.write);
    const copy = decision.copy;
    if (copy && !stored.has(copy.id) && !inFile.has(copy.id) && !copyIds.has(copy.id)) {
      copyIds.add(copy.id);
      writes.push(copy);
      summary.copies++;
    }
  }
  return writes;
}

function ready(
  doc: Y.Doc,
  source: ImportSource,
  entries: EntrySnapshot[],
  total: number,
  warnings: ImportProblem[],
  unknownMoods: Record<string, number>,
): ReadyImportPlan {
  const summary = emptySummary(source, total, unknownMoods);
  mergeAll(doc, source, entries, summary);
  return { ok: true, source, summary, warnings, entries };
}

/** Calls to `onProgress` during the write: often enough for a log, rarely enough to be free. */
const WRITE_PROGRESS_EVERY = 250;

/**
 * Writes a ready plan into the vault in one transaction (ORIGIN.import) and says what it did.
 * When everything is already there, nothing is written at all. Throws `VaultError` for a
 * vault written by a newer Mull; a refused entry (which `planImport` has already ruled out)
 * throws before the first write.
 */
export function applyImport(
  doc: Y.Doc,
  plan: ReadyImportPlan,
  onProgress?: (progress: ImportProgress) => void,
): ImportSummary {
  if (!plan.ok) throw new Error('applyImport needs a plan without errors');
  if (vaultIsNewer(doc)) throw new VaultError('newer-schema', NEWER_VAULT);
  const summary = emptySummary(plan.source, plan.summary.total, plan.summary.unknownMoods);
  const writes = mergeAll(doc, plan.source, plan.entries, summary);
  onProgress?.({ phase: 'write', done: 0, total: writes.length });
  if (writes.length > 0) {
    doc.transact(() => {
      putImportedEntries(doc, writes, (done, total) => {
        if (done % WRITE_PROGRESS_EVERY === 0 && done < total) {
          onProgress?.({ phase: 'write', done, total });
        }
      });
    }, ORIGIN.import);
  }
  onProgress?.({ phase: 'write', done: writes.length, total: writes.length });
  return summary;
}

const count = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const joinClauses = (parts: readonly string[]): string =>
  parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

/**
 * Plain sentences for a confirmation or a toast: "This will add 3,650 check-ins." for a plan,
 * "Added 3,650 check-ins." once done.
 */
export function describeImport(summary: ImportSummary, when: 'plan' | 'done' = 'plan'): string {
  const plan = when === 'plan';
  const [add, update, keep] = plan ? ['add', 'update', 'keep'] : ['added', 'updated', 'kept'];
  const added: string[] = [];
  if (summary.newCheckins > 0) added.push(count(summary.newCheckins, 'check-in', 'check-ins'));
  if (summary.newEntries > 0) added.push(count(summary.newEntries, 'entry', 'entries'));
  const changes: string[] = [];
  if (added.length > 0) changes.push(`${add} ${joinClauses(added)}`);
  if (summary.updated > 0) {
    changes.push(
      `${update} ${count(summary.updated, 'entry', 'entries')} edited later in the file`,
    );
  }
  if (summary.copies > 0) {
    const versions = count(summary.copies, 'conflicting version', 'conflicting versions');
    changes.push(`${keep} ${versions} as separate entries tagged "${CONFLICT_TAG}"`);
  }
  const sentences: string[] = [];
  if (changes.length === 0) {
    sentences.push(plan ? 'Nothing to import: nothing in this file is new.' : 'Nothing changed.');
  } else {
    const clauses = joinClauses(changes);
    sentences.push(
      plan ? `This will ${clauses}.` : `${clauses[0]?.toUpperCase()}${clauses.slice(1)}.`,
    );
  }
  if (summary.unchanged > 0) {
    const n = summary.unchanged;
    sentences.push(
      `${n.toLocaleString('en')} ${plan ? (n === 1 ? 'is' : 'are') : n === 1 ? 'was' : 'were'} already here.`,
    );
  }
  if (summary.keptNewer > 0) {
    const n = summary.keptNewer;
    sentences.push(
      `${count(n, 'entry was', 'entries were')} edited later in this vault and ${plan ? (n === 1 ? 'stays' : 'stay') : n === 1 ? 'stayed' : 'stayed'} as ${n === 1 ? 'it is' : 'they are'}.`,
    );
  }
  return sentences.join(' ');
}
