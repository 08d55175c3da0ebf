/**
 * Prints how the tone check does on a labelled JSONL file.
 *
 *   npx tsx scripts/tone-eval.ts <file.jsonl> [--show-errors]
 *
 * Each line is {"label":"heated"|"calm","text":"…"}. Prints recall of heated, false-positive rate
 * on calm, precision and counts; --show-errors also lists every misclassified line with the
 * check's score and reasons. Exits 1 on a malformed file (naming the line), 2 on bad arguments.
 */
import { readFileSync } from 'node:fs';
import { checkTone } from '../src/lib/reflect/tone';
import {
  evaluateTone,
  parseToneSamples,
  ToneSampleError,
  type ToneSample,
} from '../src/lib/reflect/tone-samples';

const USAGE = 'usage: npx tsx scripts/tone-eval.ts <file.jsonl> [--show-errors]';

function main(args: string[]): number {
  const showErrors = args.includes('--show-errors');
  const files = args.filter((a) => a !== '--show-errors');
  const unknown = files.filter((a) => a.startsWith('--'));
  if (files.length !== 1 || unknown.length > 0) {
    console.error(unknown.length > 0 ? `unknown option ${unknown.join(', ')}\n${USAGE}` : USAGE);
    return 2;
  }
  const file = files[0] as string;

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  let samples: ToneSample[];
  try {
    samples = parseToneSamples(text, file);
  } catch (error) {
    if (error instanceof ToneSampleError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (samples.length === 0) {
    console.error(`${file}: no samples`);
    return 1;
  }

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

process.exitCode = main(process.argv.slice(2));
