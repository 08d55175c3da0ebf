/**
 * Prints how the tone check does on a labelled JSONL file, or fits the model on some.
 *
 *   npx tsx scripts/tone/eval.ts <file.jsonl> [--show-errors]
 *   npx tsx scripts/tone/eval.ts --fit <train.jsonl>…
 *
 * Each line is {"label":"heated"|"calm","text":"…"}. Prints recall of heated, false-positive rate
 * on calm, precision and counts; --show-errors also lists every misclassified line with the
 * check's score and reasons. --fit rewrites src/lib/tone/model/weights.ts (family weights and
 * the wording table) as fitted on the files together. Exits 1 on a malformed file (naming the line), 2 on bad
 * arguments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkTone } from '../../src/lib/tone';
import { fitToneModel } from './fit';
import { FEATURES } from '../../src/lib/tone/model/score';
import { evaluateTone, parseToneSamples, ToneSampleError, type ToneSample } from './samples';

const USAGE =
  'usage: npx tsx scripts/tone/eval.ts <file.jsonl> [--show-errors]\n' +
  '       npx tsx scripts/tone/eval.ts --fit <train.jsonl>…';
const OPTIONS = new Set(['--show-errors', '--fit']);
const WEIGHTS_FILE = new URL('../../src/lib/tone/model/weights.ts', import.meta.url);

/** The samples of a file, or an exit code after saying what is wrong. */
function load(file: string): ToneSample[] | number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const samples = parseToneSamples(text, file);
    if (samples.length > 0) return samples;
    console.error(`${file}: no samples`);
    return 1;
  } catch (error) {
    if (error instanceof ToneSampleError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

function main(args: string[]): number {
  const showErrors = args.includes('--show-errors');
  const fit = args.includes('--fit');
  const files = args.filter((a) => !OPTIONS.has(a));
  const unknown = files.filter((a) => a.startsWith('--'));
  if (files.length === 0 || (!fit && files.length !== 1) || unknown.length > 0) {
    console.error(unknown.length > 0 ? `unknown option ${unknown.join(', ')}\n${USAGE}` : USAGE);
    return 2;
  }

  const loaded: ToneSample[] = [];
  for (const file of files) {
    const samples = load(file);
    if (typeof samples === 'number') return samples;
    loaded.push(...samples);
  }
  if (fit) {
    // Everything is computed before the file is replaced: the check itself imports it.
    const module = weightsModule(loaded, files);
    writeFileSync(WEIGHTS_FILE, `${module}\n`);
    console.log(`wrote ${fileURLToPath(WEIGHTS_FILE)} (fitted on ${loaded.length} samples)`);
    return 0;
  }
  const file = files[0] as string;
  const samples = loaded;

  const f = evaluateTone(samples);
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  console.log(file);
  console.log(`  samples              ${samples.length} (${f.heated} heated, ${f.calm} calm)`);
  console.log(`  recall (heated)      ${f.recall.toFixed(3)}  ${f.truePositives}/${f.heated}`);
  console.log(
    `  false-positive rate  ${f.falsePositiveRate.toFixed(3)}  ${f.falsePositives}/${f.calm}`,
  );
  console.log(`  precision            ${f.precision.toFixed(3)}  (${pct(f.precision)})`);

  if (showErrors) {
    const show = (title: string, list: ToneSample[]): void => {
      console.log(`\n${title} (${list.length})`);
      for (const s of list) {
        const check = checkTone(s.text);
        const why = check.reasons.length > 0 ? ` — ${check.reasons.join('; ')}` : '';
        console.log(`  line ${s.line} [score ${check.score}] ${s.text}${why}`);
      }
    };
    show('missed heated', f.misses);
    show('calm called heated', f.falseAlarms);
  }
  return 0;
}

/** src/lib/tone/model/weights.ts as fitted on `samples`. */
function weightsModule(samples: readonly ToneSample[], files: readonly string[]): string {
  const { weights, wording } = fitToneModel(
    samples.map((s) => ({ text: s.text, heated: s.label === 'heated' })),
  );
  const entries = [...wording].map(([term, w]) => `  [${JSON.stringify(term)}, ${w}],`);
  return [
    '/**',
    ' * The fitted part of the tone model: one weight per signal family, in units of the heated',
    ' * threshold (a score of 1), and the wording table (model/wording.ts). Written by',
    ` * \`npx tsx scripts/tone/eval.ts --fit ${files.join(' ')}\`;`,
    ' * do not edit by hand — tests/unit/tone/model.test.ts checks it is what the fit gives.',
    ' */',
    "import type { ToneFamily } from '../signal';",
    '',
    'export const TONE_WEIGHTS: Readonly<Record<ToneFamily, number>> = {',
    ...FEATURES.map((f) => `  ${f}: ${weights[f]},`),
    '};',
    '',
    '// prettier-ignore',
    'export const WORDING_TABLE: ReadonlyMap<string, number> = new Map<string, number>([',
    ...entries,
    ']);',
  ].join('\n');
}

process.exitCode = main(process.argv.slice(2));
