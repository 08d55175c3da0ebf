/**
 * Serves the built app for the end-to-end tests, exactly as `npm start` would, from the same
 * server code: E2E_DIST (default dist/) on E2E_PORT (default: any free port, so several runs
 * can share a machine).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createMullServer } from '../../server/app';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 0);
const E2E_DIST = process.env.E2E_DIST ?? 'dist';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(`${E2E_DIST}/index.html`)) {
    throw new Error(`No built app in ${E2E_DIST}/. Run "npm run build" first (npm test does).`);
  }
  // Quiet signaling log: the test report is for test results.
  const server = createMullServer({ distDir: E2E_DIST, signaling: { log: () => {} } });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(E2E_PORT, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  process.env.MULL_E2E_URL = `http://127.0.0.1:${port}`;
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
