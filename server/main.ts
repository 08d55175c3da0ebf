/**
 * `npm run serve`: serves the built app on PORT (default 4173) and HOST (default all
 * interfaces), with signaling at /signal (limits from SIGNAL_* variables, see
 * server/README.md; with REDIS_URL, topics are shared with other instances through Redis).
 * `npm start` builds first, then runs this.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMullServer } from './app';
import { parseSignalConfig, SignalConfigError } from './signaling/config';
import { RedisUrlError, signalBusFromEnv } from './signaling/redis-bus';

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

let signalConfig;
let bus;
try {
  signalConfig = parseSignalConfig(process.env);
  bus = signalBusFromEnv(process.env);
} catch (err) {
  if (!(err instanceof SignalConfigError) && !(err instanceof RedisUrlError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const server = createMullServer({ distDir, signaling: { config: signalConfig, bus } });
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Mull is being served at http://localhost:${actual}`);
});

/** Long enough for signaling clients to get their 1001 and answer it; never a hang. */
const SHUTDOWN_GRACE_MS = 2000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    // Also closes signaling (see app.ts); the callback runs once every socket is gone.
    server.close(() => void Promise.resolve(bus?.close()).then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
