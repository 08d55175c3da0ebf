/**
 * The Markdown export: a zip with one `.md` file per entry and check-in, each with YAML front
 * matter — readable in any editor, and ready for Markdown note apps (Obsidian, iA Writer …).
 *
 * Layout (see ./README.md):
 *
 *   entries/2026-11-26-2104-3f2a9c1e.md     journal entries
 *   check-ins/2026-11-26-0815-ab12cd34.md   mood check-ins
 *   trash/2026-10-02-1930-77aa01bc.md       anything in Mull's Trash, either kind
 *
 * File names come only from the date, the time and the id's letters and digits — never from
 * what a person wrote — so no name can climb out of its folder or clash with another.
 */
import { zipSync, type Zippable } from 'fflate';
import type { EntrySnapshot } from '../vault';
import { snapshotsOf, type ExportSource } from './json-export';
import { localDateAndTime } from '../time/dates';

export const MARKDOWN_FOLDERS = {
  entry: 'entries',
  checkin: 'check-ins',
  trash: 'trash',
} as const;

/** Characters of the id that go into a file name: enough to tell a day's entries apart. */
export const FILE_NAME_ID_CHARS = 8;

/** Characters YAML (and some editors) do not accept raw inside a double-quoted string. */
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/**
 * A YAML scalar or flow collection. JSON is a subset of YAML 1.2, so each value is written as
 * JSON (with a space after each comma and colon, which YAML 1.1 readers also need).
 */
function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => `${yamlValue(k)}: ${yamlValue(v)}`);
    return `{ ${pairs.join(', ')} }`;
  }
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(YAML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The whole `.md` file: front matter, a blank line, then the body exactly as written. */
export function entryToMarkdown(entry: EntrySnapshot): string {
  const fields: [string, unknown][] = [
    ['id', entry.id],
    ['kind', entry.kind],
    ['createdAt', entry.createdAt],
    ['updatedAt', entry.updatedAt],
    ['mood', entry.mood && { pleasantness: entry.mood.pleasantness, energy: entry.mood.energy }],
    ['emotions', entry.emotions],
    ['tags', entry.tags],
    ['trashed', entry.trashedAt !== null],
  ];
  if (entry.trashedAt !== null) fields.push(['trashedAt', entry.trashedAt]);
  const front = fields.map(([key, value]) => `${key}: ${yamlValue(value)}`).join('\n');
  return `---\n${front}\n---\n\n${entry.body}${entry.body.endsWith('\n') ? '' : '\n'}`;
}

/** `2026-11-26-2104-3f2a9c1e`: sorts by local date and time; without folder or extension. */
export function markdownBaseName(entry: EntrySnapshot, timeZone: string): string {
  const { date, time } = localDateAndTime(entry.createdAt, timeZone);
  const shortId = entry.id.replace(/[^A-Za-z0-9]/g, '').slice(0, FILE_NAME_ID_CHARS) || 'entry';
  return `${date}-${time.replace(':', '')}-${shortId}`;
}

export interface MarkdownExportOptions {
  /** IANA zone for the dates and times in file names. */
  timeZone: string;
}

export interface MarkdownFile {
  /** Folder and file name inside the zip: `entries/2026-11-26-2104-3f2a9c1e.md`. */
  path: string;
  text: string;
  entry: EntrySnapshot;
}

/** Every file of the export, oldest first (ties by id), so the zip is the same every time. */
export function markdownFiles(
  source: ExportSource,
  { timeZone }: MarkdownExportOptions,
): MarkdownFile[] {
  const entries = [...snapshotsOf(source)].sort(
    (a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
  );
  const taken = new Set<string>();
  return entries.map((entry) => {
    const folder = entry.trashedAt !== null ? MARKDOWN_FOLDERS.trash : MARKDOWN_FOLDERS[entry.kind];
    const base = `${folder}/${markdownBaseName(entry, timeZone)}`;
    let path = `${base}.md`;
    // Two ids that share their first characters at the same minute: number the later ones.
    for (let n = 2; taken.has(path); n++) path = `${base}-${n}.md`;
    taken.add(path);
    return { path, text: entryToMarkdown(entry), entry };
  });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Zip timestamps (DOS format) cover 1980–2107; anything outside is clamped. */
const ZIP_MIN_MS = Date.UTC(1980, 0, 2);
const ZIP_MAX_MS = Date.UTC(2107, 11, 30);

/** The zip, as bytes. Each file's modification time is its entry's `updatedAt`. */
export function exportMarkdownZip(
  source: ExportSource,
  options: MarkdownExportOptions,
): Uint8Array {
  const encoder = new TextEncoder();
  const zippable: Zippable = {};
  for (const { path, text, entry } of markdownFiles(source, options)) {
    const ms = Date.parse(entry.updatedAt);
    const mtime = new Date(Math.min(ZIP_MAX_MS, Math.max(ZIP_MIN_MS, ms || ZIP_MIN_MS)));
    zippable[path] = [encoder.encode(text), { mtime }];
  }
  return zipSync(zippable, { level: 6 });
}

/** `mull-2026-11-26-markdown.zip` */
export const markdownZipFileName = (now: Date): string =>
  `mull-${now.toISOString().slice(0, 10)}-markdown.zip`;
