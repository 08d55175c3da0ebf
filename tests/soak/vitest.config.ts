/**
 * `npm run test:soak` (scripts/test-soak.ts): the long runs of the reliability suites, which
 * `npm test` samples. Same setup as the unit tests (fake-indexeddb, Node), other files.
 */
import { defineConfig } from 'vitest/config';
import base from '../../vite.config.ts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/soak/**/*.soak.test.ts'],
    testTimeout: 30 * 60_000,
  },
});
