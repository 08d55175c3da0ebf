/**
 * Reading a Mull JSON export back: the file's header first (is this Mull's, and a version this
 * code reads?), then each entry against a valibot schema, then the vault's own entry checks.
 * Nothing here touches a vault; `import-plan.ts` decides what to write.
 */
import * as v from 'valibot';
import {
  checkImportedEntry,
  ENTRY,
  ENTRY_KINDS,
  IMPORTED_ID_PATTERN,
  MAX_IMPORTED_BODY_CHARS,
  MOOD_MAX,
  MOOD_MIN,
  normalizeImportedEntry,
  type EntrySnapshot,
} from '../vault';
import { isCanonicalUtcIso } from '../time/iso';
import { EXPORT_FORMAT, EXPORT_VERSION } from './json-export';
import { MAX_IMPORT_RECORDS } from './limits';
import { fileProblem, pathProblem, ProblemList, type ImportProblem } from './problems';

const MSG_TIME = 'must be an ISO-8601 UTC time such as 2026-11-26T21:04:00.000Z';
const MSG_AXIS = `must be a number from −${-MOOD_MIN} to ${MOOD_MAX}`;
const MSG_TEXT = 'must be text';
const MSG_LIST = 'must be a list of text';

const isoTime = v.pipe(
  v.string(MSG_TIME),
  v.check((s: string) => isCanonicalUtcIso(s), MSG_TIME),
);
const axis = v.pipe(
  v.number(MSG_AXIS),
  v.finite(MSG_AXIS),
  v.minValue(MOOD_MIN, MSG_AXIS),
  v.maxValue(MOOD_MAX, MSG_AXIS),
);
const textList = v.array(v.string(MSG_TEXT), MSG_LIST);

/** One entry as a file may hold it. Optional fields default as an older or hand-made file needs. */
export const EntrySchema = v.object(
  {
    id: v.pipe(
      v.string(MSG_TEXT),
      v.regex(IMPORTED_ID_PATTERN, 'must be 1–128 letters, digits, "-" or "_"'),
    ),
    kind: v.picklist(ENTRY_KINDS, `must be ${ENTRY_KINDS.map((k) => `"${k}"`).join(' or ')}`),
    createdAt: isoTime,
    updatedAt: v.optional(isoTime),
    body: v.optional(
      v.pipe(
        v.string(MSG_TEXT),
        v.maxLength(
          MAX_IMPORTED_BODY_CHARS,
          `must be at most ${MAX_IMPORTED_BODY_CHARS} characters`,
        ),
      ),
      '',
    ),
    mood: v.optional(
      v.nullable(
        v.object({ pleasantness: axis, energy: axis }, 'must be { pleasantness, energy } or null'),
      ),
      null,
    ),
    emotions: v.optional(textList, () => []),
    tags: v.optional(textList, () => []),
    trashedAt: v.optional(v.nullable(isoTime), null),
  },
  'must be an object',
);

const KNOWN_ENTRY_FIELDS = new Set<string>(Object.values(ENTRY));

function formatPath(prefix: string, path: readonly { key: unknown }[] | undefined): string {
  let out = prefix;
  for (const item of path ?? []) {
    out += typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`;
  }
  return out;
}

/** What the header of a file says, once it is known to be a Mull export this code reads. */
export interface MullJsonHeader {
  entries: unknown[];
  warnings: ImportProblem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the parts of a parsed file around its entries; a string says why it is refused. */
export function readMullJsonHeader(data: unknown): MullJsonHeader | ImportProblem {
  if (!isRecord(data) || !('format' in data)) {
    return fileProblem(
      `This is JSON, but not a Mull export: it has no "format": "${EXPORT_FORMAT}".`,
    );
  }
  if (data.format !== EXPORT_FORMAT) {
    return pathProblem(
      'format',
      `must be "${EXPORT_FORMAT}" (this file says ${JSON.stringify(data.format)?.slice(0, 60)})`,
    );
  }
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return pathProblem('version', 'must be a whole number such as 1');
  }
  if (version > EXPORT_VERSION) {
    return fileProblem(
      `This file was made by a newer version of Mull (format version ${version}; this one reads ` +
        `version ${EXPORT_VERSION}). Update Mull, then import it again.`,
    );
  }
  if (!Array.isArray(data.entries)) return pathProblem('entries', 'must be a list');
  if (data.entries.length > MAX_IMPORT_RECORDS) {
    return pathProblem('entries', `must hold at most ${MAX_IMPORT_RECORDS} entries`);
  }
  const warnings: ImportProblem[] = [];
  if (isRecord(data.settings) && Object.keys(data.settings).length > 0) {
    warnings.push(
      fileProblem('Settings in the file are not imported: this vault keeps its own settings.'),
    );
  }
  if (Array.isArray(data.conversations) && data.conversations.length > 0) {
    warnings.push(
      fileProblem(
        'Conversations in the file are not imported: they are there for you to keep and read.',
      ),
    );
  }
  if ('salvage' in data) {
    warnings.push(
      fileProblem(
        'This is a rescue file: its readable entries are imported; its raw rows are not.',
      ),
    );
  }
  return { entries: data.entries, warnings };
}

/**
 * Checks entries one at a time (`add(index, raw)`), then `finish`. Entries come out normalized
 * (tags and emotions as the vault stores them) and checked against the vault's own rules.
 */
export class MullJsonReader {
  readonly entries: EntrySnapshot[] = [];
  readonly errors = new ProblemList();
  readonly #firstIndexOf = new Map<string, number>();
  readonly #unknownFields = new Set<string>();

  add(index: number, raw: unknown): void {
    const where = `entries[${index}]`;
    const parsed = v.safeParse(EntrySchema, raw);
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const path = formatPath(where, issue.path);
        this.errors.add(
          pathProblem(path, issue.input === undefined ? 'is missing' : issue.message),
        );
      }
      return;
    }
    if (isRecord(raw)) {
      for (const key of Object.keys(raw)) {
        if (!KNOWN_ENTRY_FIELDS.has(key)) this.#unknownFields.add(key);
      }
    }
    const out = parsed.output;
    const entry = normalizeImportedEntry({
      ...out,
      updatedAt: out.updatedAt ?? out.createdAt,
    });
    const problems = checkImportedEntry(entry);
    for (const p of problems) this.errors.add(pathProblem(`${where}.${p.field}`, p.message));
    const first = this.#firstIndexOf.get(entry.id);
    if (first !== undefined) {
      this.errors.add(
        pathProblem(`${where}.id`, `"${entry.id}" appears more than once (also entries[${first}])`),
      );
      return;
    }
    this.#firstIndexOf.set(entry.id, index);
    if (problems.length === 0) this.entries.push(entry);
  }

  /** Warnings for what the file holds that this version does not keep. */
  warnings(): ImportProblem[] {
    if (this.#unknownFields.size === 0) return [];
    const names = [...this.#unknownFields].sort().slice(0, 10).join(', ');
    return [
      fileProblem(
        `Entries have fields this version of Mull does not know (${names}); they are not imported.`,
      ),
    ];
  }
}
