/**
 * A Mull server of a test's own, on a free port, serving a folder the test controls: the
 * test can stop it (a real "no network") or swap the build under it (an update).
 */
import type { AddressInfo } from 'node:net';
import { createMullServer } from '../../server/app';

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startAppServer(distDir: string, port = 0): Promise<TestServer> {
  const server = createMullServer({ distDir });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
