import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** Shown in Settings; MULL_VERSION lets a build (or the update test) name itself. */
const version = process.env.MULL_VERSION ?? pkg.version;

export default defineConfig({
  plugins: [svelte()],
  define: { __MULL_VERSION__: JSON.stringify(version) },
  build: {
    // The editor chunk (CodeMirror + markdown) is large but loads only when someone edits.
    chunkSizeWarningLimit: 600,
    target: 'es2022',
    sourcemap: true,
  },
  // Dev server and `vite preview` share the production server's port; `npm start` uses server/.
  server: { port: 5173 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/helpers/setup-unit.ts'],
    // Node by default. Tests of rune modules (*.svelte.test.ts) start with
    // `// @vitest-environment jsdom`: in a DOM environment Svelte compiles and resolves for
    // the browser, where effects run (its server build renders once and never reacts).
    environment: 'node',
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
});
