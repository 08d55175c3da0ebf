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
import { METRICS_CONTENT_TYPE } from './signaling/metrics';
import { listeningPort, readServerEnv, stopOnSignal } from './startup';

const DEFAULT_PORT = 4444;

const { port, host, signalConfig, bus } = readServerEnv(process.env, DEFAULT_PORT);

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
const signaling = attachSignaling(server, { config: signalConfig, bus, paths: [SIGNAL_PATH, '/'] });

server.listen(port, host, () => {
  console.log(`Mull signaling at ws://localhost:${listeningPort(server, port)}${SIGNAL_PATH}`);
});

stopOnSignal(async () => {
  server.close();
  server.closeAllConnections();
  // Every client gets 1001 (going away) and reconnects elsewhere at once.
  await signaling.close();
  await bus?.close();
});
