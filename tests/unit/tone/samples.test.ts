import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateTone, parseToneSamples, ToneSampleError } from '../../../scripts/tone/samples';

describe('parseToneSamples', () => {
  it('reads one labelled sample a line, skipping blank lines and CRLF endings', () => {
    const samples = parseToneSamples(
      '{"label":"heated","text":"Shut up."}\r\n\r\n{"label":"calm","text":"Hi!"}\n',
    );
    expect(samples).toEqual([
      { label: 'heated', text: 'Shut up.', line: 1 },
      { label: 'calm', text: 'Hi!', line: 3 },
    ]);
  });

  it.each([
    ['{"label":"calm","text":"ok"}\n{not json', 2, 'not valid JSON'],
    ['["calm","hi"]', 1, 'expected an object'],
    ['{"label":"angry","text":"hi"}', 1, '"label" must be "heated" or "calm"'],
    ['{"label":"calm","text":""}', 1, '"text" must be a non-empty string'],
    ['{"label":"calm"}', 1, '"text" must be a non-empty string'],
  ])('refuses %j naming line %i', (jsonl, line, problem) => {
    const parse = () => parseToneSamples(jsonl, 'sample.jsonl');
    expect(parse).toThrow(ToneSampleError);
    expect(parse).toThrow(`sample.jsonl, line ${line}: ${problem}`);
  });
});

describe('evaluateTone', () => {
  it('counts recall, false-positive rate and precision, and lists the mistakes', () => {
    const figures = evaluateTone(
      parseToneSamples(
        [
          '{"label":"heated","text":"Shut up."}',
          '{"label":"heated","text":"Lovely weather today."}',
          '{"label":"calm","text":"Thanks for the book."}',
          '{"label":"calm","text":"You are pathetic."}',
        ].join('\n'),
      ),
    );
    expect(figures).toMatchObject({
      heated: 2,
      calm: 2,
      truePositives: 1,
      falsePositives: 1,
      recall: 0.5,
      falsePositiveRate: 0.5,
      precision: 0.5,
    });
    expect(figures.misses.map((s) => s.line)).toEqual([2]);
    expect(figures.falseAlarms.map((s) => s.line)).toEqual([4]);
  });
});

/** Each run of the script starts a fresh tsx; on a busy machine that can take seconds. */
const SCRIPT_RUNS_TIMEOUT_MS = 60_000;

describe('scripts/tone/eval.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tone-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = fileURLToPath(new URL('../../../scripts/tone/eval.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [tsx, script, ...args], { encoding: 'utf8' });

  it('prints recall, false-positive rate, precision and counts, and the errors when asked', () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(
      file,
      '{"label":"heated","text":"Shut up."}\n{"label":"calm","text":"You are pathetic."}\n',
    );
    const result = run(file, '--show-errors');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/recall \(heated\)\s+1\.000\s+1\/1/);
    expect(result.stdout).toMatch(/false-positive rate\s+1\.000\s+1\/1/);
    expect(result.stdout).toMatch(/precision\s+0\.500/);
    expect(result.stdout).toContain('line 2 [score');
  });

  it('names the line of a malformed file and exits 1', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"label":"calm","text":"hi"}\n{"label":"calm",\n');
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bad.jsonl, line 2: not valid JSON');
  });

  it(
    'explains its usage when given no file, two files to evaluate, or --fit with no file',
    () => {
      const file = join(dir, 'one.jsonl');
      writeFileSync(file, '{"label":"calm","text":"hi"}\n');
      for (const args of [[], [file, file], ['--fit'], ['--nonsense', file]]) {
        const result = run(...args);
        expect(result.status, args.join(' ')).toBe(2);
        expect(result.stderr).toContain('usage: npx tsx scripts/tone/eval.ts');
      }
    },
    // Four runs of the script, each starting tsx: slow on a busy machine.
    SCRIPT_RUNS_TIMEOUT_MS,
  );

  it('refuses to fit on a malformed file before touching the weights', () => {
    const file = join(dir, 'bad-fit.jsonl');
    writeFileSync(file, '{"label":"maybe","text":"hi"}\n');
    const result = run('--fit', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bad-fit.jsonl, line 1: "label" must be');
  });
});
