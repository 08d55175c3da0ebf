/**
 * `npm run serve`: serves the built app on PORT (default 4173) and HOST (default all
 * interfaces). `npm start` builds first, then runs this.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMullServer } from './app';

const DEFAULT_PORT = 4173;

const port = Number(process.env.PORT ?? DEFAULT_PORT);
const host = process.env.HOST ?? '0.0.0.0';
const distDir = process.env.MULL_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(1);
}
if (!existsSync(distDir)) {
  console.error(`No built app at ${distDir}. Run "npm run build" first (npm start does both).`);
  process.exit(1);
}

const server = createMullServer({ distDir });
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Mull is being served at http://localhost:${actual}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
