/**
 * The cold-start baseline (./raw-load-page.ts) as one script a page can evaluate: bundled with
 * the project's own Vite and Yjs, so the browser decodes with exactly the Yjs the app ships.
 */
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import type { RawLoadResult } from './raw-load-page';

export type { RawLoadResult };

const ENTRY = fileURLToPath(new URL('./raw-load-page.ts', import.meta.url));
/** The global the bundle defines; `rawLoad` hangs off it. */
const GLOBAL = 'MullBenchRawLoad';

let bundled: Promise<string> | null = null;

export function rawLoadScript(): Promise<string> {
  bundled ??= (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'error',
      build: {
        write: false,
        minify: true,
        target: 'es2022',
        lib: { entry: ENTRY, name: GLOBAL, formats: ['iife'], fileName: 'raw-load' },
      },
    });
    const chunk = (Array.isArray(output) ? output[0] : (output as Rollup.RollupOutput))?.output[0];
    if (!chunk) throw new Error('bundling the cold-start baseline produced nothing');
    // Evaluated as a script, `var` may not reach the window everywhere: hang it there.
    return `${chunk.code};window.${GLOBAL}=${GLOBAL};`;
  })();
  return bundled;
}

/**
 * Defines the baseline in `page` (untimed), then runs it once on database `name`; with `keep`
 * the decoded doc stays in memory afterwards.
 */
export async function measureRawLoad(
  page: Page,
  name: string,
  keep = false,
): Promise<RawLoadResult> {
  const script = await rawLoadScript();
  // Evaluated over CDP, so the page's Content Security Policy does not apply to it.
  await page.evaluate(script);
  return page.evaluate(
    ([global, db, keepDoc]) =>
      (
        window as unknown as Record<
          string,
          { rawLoad(n: string, k: boolean): Promise<RawLoadResult> }
        >
      )[global]!.rawLoad(db, keepDoc),
    [GLOBAL, name, keep] as const,
  );
}
