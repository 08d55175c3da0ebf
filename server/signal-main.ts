/**
 * `npm run signal`: the signaling server alone, for when the app is served elsewhere. Listens
 * on PORT (default 4444, as y-webrtc's own server) and HOST (default all interfaces); accepts
 * WebSocket upgrades at `/signal` and, like the stock server, at `/`. Also answers
 * GET /healthz and GET /metrics. Limits come from SIGNAL_* variables (server/README.md); with
 * REDIS_URL, several of these share topics through Redis (signaling/redis-bus.ts).
 */
import { createServer } from 'node:http';
import { requestPath } from './app';
import { attachSignaling, SIGNAL_PATH } from './signaling/attach';
import { parseSignalConfig, SignalConfigError } from './signaling/config';
import { METRICS_CONTENT_TYPE } from './signaling/metrics';
import { RedisUrlError, signalBusFromEnv } from './signaling/redis-bus';

const DEFAULT_PORT = 4444;
/** Long enough for clients to get their 1001 and answer it; never a hang. */
const SHUTDOWN_GRACE_MS = 2000;

const port = Number(process.env.PORT ?? DEFAULT_PORT);
const host = process.env.HOST ?? '0.0.0.0';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(1);
}

let config;
let bus;
try {
  config = parseSignalConfig(process.env);
  bus = signalBusFromEnv(process.env);
} catch (err) {
  if (!(err instanceof SignalConfigError) && !(err instanceof RedisUrlError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const server = createServer((req, res) => {
  const path = requestPath(req.url);
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (path === '/healthz') {
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  } else if (path === '/metrics') {
    res.writeHead(200, { ...headers, 'Content-Type': METRICS_CONTENT_TYPE });
    res.end(signaling.renderMetrics());
  } else {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }
});
const signaling = attachSignaling(server, { config, bus, paths: [SIGNAL_PATH, '/'] });

server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Mull signaling at ws://localhost:${actual}${SIGNAL_PATH}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    server.close();
    server.closeAllConnections();
    // Every client gets 1001 (going away) and reconnects elsewhere at once.
    void signaling
      .close()
      .then(() => bus?.close())
      .then(() => process.exit(0));
  });
}
