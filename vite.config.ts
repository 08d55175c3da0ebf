import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** Shown in Settings; MULL_VERSION lets a build (or the update test) name itself. */
const version = process.env.MULL_VERSION ?? pkg.version;

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      // The page side is ours (src/lib/pwa): it asks before updating, never reloads alone.
      registerType: 'prompt',
      injectRegister: false,
      // Icons are generated from public/favicon.svg (pwa-assets.config.ts). Theme colours
      // for light and dark are set in index.html, so none is injected here.
      pwaAssets: { config: true, overrideManifestIcons: true, injectThemeColor: false },
      manifest: {
        id: '/',
        name: 'Mull',
        short_name: 'Mull',
        description: 'A local-first journal and a place to answer people slowly.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        // Light theme colours; index.html's media-specific theme-color metas cover dark.
        theme_color: '#f6f4ef',
        background_color: '#f6f4ef',
        categories: ['lifestyle', 'health', 'productivity'],
      },
      workbox: {
        // Everything the app needs to start and run offline, code-split chunks included.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        // (The manifest is added by the plugin itself; globbing it too makes a conflicting entry.)
        navigateFallback: '/index.html',
        // Server endpoints are never answered from the cache.
        navigateFallbackDenylist: [/^\/signal/, /^\/healthz/, /^\/metrics/],
        cleanupOutdatedCaches: true,
        // A new version waits until the person says "Reload to update" (SKIP_WAITING).
        skipWaiting: false,
        clientsClaim: true,
      },
    }),
  ],
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
