/**
 * Mull's one Node server: the built app, a health check, and (later) WebRTC signaling at
 * `/signal` on the same port, attached to the server's `upgrade` event.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { SECURITY_HEADERS } from './security-headers';
import { createStaticHandler } from './static-files';

export interface MullServerOptions {
  /** Folder with the built app (vite build output). */
  distDir: string;
}

/** The path of a request, or null when its target is not a URL at all ("//%", "/\\["). */
export function requestPath(rawUrl: string | undefined): string | null {
  try {
    return new URL(rawUrl ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

export function createMullServer({ distDir }: MullServerOptions): Server {
  const serveStatic = createStaticHandler(resolve(distDir));
  return createServer((req, res) => {
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
    serveStatic(req, res, SECURITY_HEADERS).catch((err: unknown) => {
      // Never leak paths or stack traces to the client; the log says what happened.
      console.error('static: failed to serve', path, err instanceof Error ? err.message : err);
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    });
  });
}
