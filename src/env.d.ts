/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The app's version, set at build time (vite.config.ts: MULL_VERSION or package.json). */
declare const __MULL_VERSION__: string;
