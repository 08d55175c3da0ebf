/**
 * Serves the built app from `dist/`: the right type, the right caching, compressed when the
 * browser accepts it, and never a byte from outside `dist/`.
 *
 * Caching, by what a file is:
 *   assets/*        content-hashed names → cached for a year, immutable
 *   index.html, sw.js, *.webmanifest, registerSW.js → no-cache (always revalidated, so an
 *                   update is seen on the next visit)
 *   anything else   (icons, favicon) → a day
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.map',
  '.txt',
]);
/** Below this, compression costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';
export const CACHE_SHORT = 'public, max-age=86400';

const NO_CACHE_FILES = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

/** Workbox's runtime, named by content hash (workbox-d8ed3718.js). */
const HASHED_ROOT_FILE = /^workbox-[0-9a-f]{8,}\.js$/;

export function cacheControlFor(relativePath: string): string {
  if (relativePath.startsWith('assets/') || HASHED_ROOT_FILE.test(relativePath)) {
    return CACHE_IMMUTABLE;
  }
  if (NO_CACHE_FILES.has(relativePath) || relativePath.endsWith('.webmanifest')) {
    return CACHE_REVALIDATE;
  }
  return CACHE_SHORT;
}

interface CachedFile {
  body: Buffer;
  etag: string;
  mtimeMs: number;
  encoded: Map<string, Buffer>;
}

export interface StaticHandler {
  (req: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string>): Promise<void>;
}

/** Maps a URL path to a file path inside `root`, or null if it would leave it. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(/[/\\]/).includes('..')) return null;
  const full = join(root, relative);
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

export function createStaticHandler(root: string): StaticHandler {
  const cache = new Map<string, CachedFile>();

  async function load(file: string): Promise<CachedFile | null> {
    let info;
    try {
      info = await stat(file);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const body = await readFile(file);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
    const entry: CachedFile = { body, etag, mtimeMs: info.mtimeMs, encoded: new Map() };
    cache.set(file, entry);
    return entry;
  }

  return async (req, res, extraHeaders) => {
    const send = (status: number, text: string): void => {
      res.writeHead(status, { ...extraHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(405, 'Method not allowed');
      return;
    }
    let urlPath: string;
    try {
      urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      send(400, 'Bad path');
      return;
    }
    let relative = urlPath === '/' ? 'index.html' : urlPath.replace(/^\/+/, '');
    let file = resolveInside(root, relative);
    if (!file) {
      send(400, 'Bad path');
      return;
    }
    let found = await load(file);
    // Paths without an extension are app routes: the app shell handles them.
    if (!found && extname(relative) === '') {
      relative = 'index.html';
      file = join(root, relative);
      found = await load(file);
    }
    if (!found) {
      send(404, 'Not found');
      return;
    }
    const ext = extname(file).toLowerCase();
    const headers: Record<string, string> = {
      ...extraHeaders,
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': cacheControlFor(relative),
      ETag: found.etag,
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === found.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    let body = found.body;
    const encoding =
      COMPRESSIBLE.has(ext) && body.length >= MIN_COMPRESS_BYTES
        ? pickEncoding(req.headers['accept-encoding'])
        : null;
    if (encoding) {
      let encoded = found.encoded.get(encoding);
      if (!encoded) {
        encoded =
          encoding === 'br'
            ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } })
            : gzipSync(body, { level: 9 });
        found.encoded.set(encoding, encoded);
      }
      body = encoded;
      headers['Content-Encoding'] = encoding;
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
