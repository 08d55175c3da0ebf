/**
 * Serves the built app for the end-to-end tests on E2E_PORT (default 4174), exactly as
 * `npm start` would, from the same server code.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createMullServer } from '../../server/app';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4174);

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('dist/index.html')) {
    throw new Error('No built app in dist/. Run "npm run build" first (npm test does).');
  }
  const server = createMullServer({ distDir: 'dist' });
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
