/**
 * `npm run serve` (after `npm run build`; `npm start` does both): serves the built app on PORT
 * (default 4173) and HOST (default all interfaces), with signaling at /signal (limits from
 * SIGNAL_* variables, see server/README.md; with REDIS_URL, topics are shared with other
 * instances through Redis). Runs as plain JavaScript from dist-server/main.js.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMullServer } from './app';
import { listeningPort, readServerEnv, refuseToStart, stopOnSignal } from './startup';

const DEFAULT_PORT = 4173;

const { port, host, signalConfig, bus } = readServerEnv(process.env, DEFAULT_PORT);
// server/main.ts and its build dist-server/main.js both sit one level below the app's dist/.
const distDir = process.env.MULL_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));

if (!existsSync(distDir)) {
  refuseToStart(`No built app at ${distDir}. Run "npm run build" first (npm start does both).`);
}

const server = createMullServer({ distDir, signaling: { config: signalConfig, bus } });
server.listen(port, host, () => {
  console.log(`Mull is being served at http://localhost:${listeningPort(server, port)}`);
});

stopOnSignal(async () => {
  // Also closes signaling (see app.ts); the callback runs once every socket is gone.
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await bus?.close();
});
