import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'playwright-report/', '.tmp/'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    rules: {
      // TypeScript checks names itself, and knows about declared globals like __MULL_VERSION__.
      'no-undef': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // State classes make reactivity explicit with $state fields; the Maps and Dates inside
    // them are private bookkeeping, deliberately not reactive (see journal.svelte.ts).
    files: ['src/lib/state/**/*.svelte.ts'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  {
    // Plain JS config files are not part of the TypeScript project.
    files: ['**/*.js', '**/*.mjs'],
    ...ts.configs.disableTypeChecked,
  },
  {
    // The one-way layering of DESIGN.md §1: lib/ never imports Svelte or the UI.
    files: ['src/lib/**/*.ts'],
    ignores: ['src/lib/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'lib/ never imports Svelte (DESIGN.md §1).' },
            {
              group: ['**/state/*', '**/components/*', '**/views/*', '**/ui/*'],
              message: 'lib/ sits below the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    // Components and ui/ sit below the screens: they take what they need as props or from
    // state/, never from a view (the router lives in lib/state/ for that reason).
    files: ['src/components/**', 'src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/views/*', '**/views'],
              message: 'Components and ui/ never import views (views → components → state → lib).',
            },
          ],
        },
      ],
    },
  },
);
