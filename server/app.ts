/**
 * Mull's one Node server: the built app, a health check, metrics, and WebRTC signaling at
 * `/signal` on the same port, attached to the server's `upgrade` event.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { SECURITY_HEADERS } from './security-headers';
import { attachSignaling, type AttachSignalingOptions } from './signaling/attach';
import { METRICS_CONTENT_TYPE } from './signaling/metrics';
import { createStaticHandler } from './static-files';

export interface MullServerOptions {
  /** Folder with the built app (vite build output). */
  distDir: string;
  /** Signaling at /signal (default limits when omitted), or false for none. */
  signaling?: Omit<AttachSignalingOptions, 'paths'> | false;
}

/** The path of a request, or null when its target is not a URL at all ("//%", "/\\["). */
export function requestPath(rawUrl: string | undefined): string | null {
  try {
    return new URL(rawUrl ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

export function createMullServer({ distDir, signaling = {} }: MullServerOptions): Server {
  const serveStatic = createStaticHandler(resolve(distDir));
  const server = createServer((req, res) => {
    const path = requestPath(req.url);
    if (path === null) {
      res.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Bad request');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
      });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    if (path === '/metrics' && signalingHandle) {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': METRICS_CONTENT_TYPE,
        'Cache-Control': 'no-store',
      });
      res.end(signalingHandle.renderMetrics());
      return;
    }
    serveStatic(req, res, SECURITY_HEADERS).catch((err: unknown) => {
      // Never leak paths or stack traces to the client; the log says what happened.
      console.error('static: failed to serve', path, err instanceof Error ? err.message : err);
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });
  const signalingHandle = signaling === false ? null : attachSignaling(server, signaling);
  if (signalingHandle) {
    // Upgraded sockets are no longer HTTP connections: closeAllConnections() does not end
    // them and close() would wait for them forever. Closing the server closes signaling too.
    const closeHttp = server.close.bind(server);
    server.close = (callback?: (err?: Error) => void) => {
      void signalingHandle.close();
      return closeHttp(callback);
    };
  }
  return server;
}
