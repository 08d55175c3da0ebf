import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  entryToMarkdown,
  exportMarkdownZip,
  markdownFiles,
  markdownZipFileName,
} from '../../../src/lib/transfer/markdown-export';
import type { EntrySnapshot } from '../../../src/lib/vault';
import { snapshot, vaultWith } from './fixtures';

/** Front matter back to values: every value is written as JSON, which is also YAML. */
function frontMatter(file: string): { fields: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(file);
  if (!match) throw new Error(`no front matter in ${file}`);
  const fields: Record<string, unknown> = {};
  for (const line of (match[1] ?? '').split('\n')) {
    const at = line.indexOf(': ');
    fields[line.slice(0, at)] = JSON.parse(line.slice(at + 2));
  }
  return { fields, body: match[2] ?? '' };
}

const entry = snapshot({
  id: '3f2a9c1e-0000-4000-8000-000000000001',
  body: '# Walk\n\nBy the sea.\n---\nnot front matter',
  createdAt: '2026-11-26T20:04:00.000Z',
  updatedAt: '2026-11-26T21:00:00.000Z',
  mood: { pleasantness: 3, energy: -1 },
  emotions: ['calm'],
  tags: ['walk', 'sea "side"'],
});

describe('entryToMarkdown', () => {
  it('writes front matter with every field, then the body exactly as written', () => {
    const text = entryToMarkdown(entry);
    expect(text.split('\n').slice(0, 10)).toEqual([
      '---',
      'id: "3f2a9c1e-0000-4000-8000-000000000001"',
      'kind: "entry"',
      'createdAt: "2026-11-26T20:04:00.000Z"',
      'updatedAt: "2026-11-26T21:00:00.000Z"',
      'mood: { "pleasantness": 3, "energy": -1 }',
      'emotions: ["calm"]',
      'tags: ["walk", "sea \\"side\\""]',
      'trashed: false',
      '---',
    ]);
    const { fields, body } = frontMatter(text);
    expect(fields).toEqual({
      id: entry.id,
      kind: 'entry',
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      mood: entry.mood,
      emotions: entry.emotions,
      tags: entry.tags,
      trashed: false,
    });
    expect(body).toBe(`${entry.body}\n`);
  });

  it('says when an entry is in the Trash, and writes a missing mood as null', () => {
    const { fields } = frontMatter(
      entryToMarkdown({ ...entry, mood: null, trashedAt: '2026-11-27T00:00:00.000Z' }),
    );
    expect(fields).toMatchObject({
      mood: null,
      trashed: true,
      trashedAt: '2026-11-27T00:00:00.000Z',
    });
  });

  it('escapes characters YAML does not take raw inside quotes', () => {
    const text = entryToMarkdown({ ...entry, tags: ['line\u2028sep', 'c1\u0085'] });
    expect(text).toContain('tags: ["line\\u2028sep", "c1\\u0085"]');
    expect(frontMatter(text).fields.tags).toEqual(['line\u2028sep', 'c1\u0085']);
  });
});

describe('markdownFiles', () => {
  it('puts entries, check-ins and the Trash in their folders, named by local date, time and id', () => {
    const files = markdownFiles(
      [
        entry,
        snapshot({ id: 'ab12cd34ef', kind: 'checkin', createdAt: '2026-11-26T07:15:00.000Z' }),
        snapshot({ id: 'gone', trashedAt: '2026-11-27T00:00:00.000Z' }),
      ],
      { timeZone: 'Europe/Berlin' },
    );
    expect(files.map((f) => f.path)).toEqual([
      'trash/2026-11-20-1100-gone.md',
      'check-ins/2026-11-26-0815-ab12cd34.md',
      'entries/2026-11-26-2104-3f2a9c1e.md',
    ]);
  });

  it('never lets an id leave its folder, and keeps names unique', () => {
    const odd: EntrySnapshot[] = ['../../etc/passwd', '..', '', 'a/b\\c:d', 'ab', 'a-b'].map((id) =>
      snapshot({ id }),
    );
    const paths = markdownFiles(odd, { timeZone: 'UTC' }).map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) {
      expect(path).toMatch(/^entries\/2026-11-20-1000-[A-Za-z0-9]+(-\d+)?\.md$/);
    }
  });
});

describe('exportMarkdownZip', () => {
  it('unzips to the expected files and front matter', () => {
    const doc = vaultWith(
      entry,
      snapshot({
        id: 'c1',
        kind: 'checkin',
        body: 'note 🌊',
        createdAt: '2026-11-26T07:15:00.000Z',
      }),
    );
    const files = unzipSync(exportMarkdownZip(doc, { timeZone: 'UTC' }));
    expect(Object.keys(files).sort()).toEqual([
      'check-ins/2026-11-26-0715-c1.md',
      'entries/2026-11-26-2004-3f2a9c1e.md',
    ]);
    const checkin = frontMatter(strFromU8(files['check-ins/2026-11-26-0715-c1.md'] as Uint8Array));
    expect(checkin.fields).toMatchObject({ id: 'c1', kind: 'checkin' });
    expect(checkin.body).toBe('note 🌊\n');
  });

  it('is the same bytes every time for the same vault', () => {
    const doc = vaultWith(entry);
    expect(exportMarkdownZip(doc, { timeZone: 'UTC' })).toEqual(
      exportMarkdownZip(doc, { timeZone: 'UTC' }),
    );
  });

  it('copes with times outside what zip timestamps can hold', () => {
    const old = snapshot({
      id: 'old',
      createdAt: '1900-01-01T00:00:00.000Z',
      updatedAt: '1900-01-01T00:00:00.000Z',
    });
    expect(Object.keys(unzipSync(exportMarkdownZip([old], { timeZone: 'UTC' })))).toEqual([
      'entries/1900-01-01-0000-old.md',
    ]);
  });

  it('names the file after the day', () => {
    expect(markdownZipFileName(new Date('2026-11-26T12:00:00.000Z'))).toBe(
      'mull-2026-11-26-markdown.zip',
    );
  });
});
