import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMullServer } from '../../../server/app';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../server/security-headers';
import {
  CACHE_IMMUTABLE,
  CACHE_REVALIDATE,
  CACHE_SHORT,
  cacheControlFor,
  resolveInside,
} from '../../../server/static-files';
import { close, listen, rawRequest } from '../../helpers/http';
import { createPrng } from '../../helpers/prng';

const SECRET = 'TOP-SECRET-DO-NOT-SERVE';
const INDEX_HTML = '<!doctype html><title>Mull</title><div id="app"></div>';
// Over the 1 KB compression threshold, and compressible.
const APP_JS = `console.log(${JSON.stringify('mull '.repeat(400))});\n`.repeat(3);
const SW_JS = `self.addEventListener('install', () => {});${' '.repeat(2000)}`;
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>`;
const MANIFEST = JSON.stringify({ name: 'Mull', start_url: '/' });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(4000, 7)]);

let base: string;
let dist: string;
let server: Server;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'mull-static-'));
  dist = join(base, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await mkdir(join(base, 'dist-evil'), { recursive: true });
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(base, 'dist-evil', 'stolen.txt'), SECRET);
  await writeFile(join(dist, 'index.html'), INDEX_HTML);
  await writeFile(join(dist, 'assets', 'app-abc123.js'), APP_JS);
  await writeFile(join(dist, 'sw.js'), SW_JS);
  await writeFile(join(dist, 'registerSW.js'), 'navigator.serviceWorker.register("/sw.js")');
  await writeFile(join(dist, 'favicon.svg'), FAVICON);
  await writeFile(join(dist, 'manifest.webmanifest'), MANIFEST);
  await writeFile(join(dist, 'icon-512.png'), PNG);
  await writeFile(join(dist, 'changing.txt'), 'version one');
  server = createMullServer({ distDir: dist });
  await listen(server);
});

afterAll(async () => {
  await close(server);
  await rm(base, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(server, path, { headers });

describe('static files: what is served', () => {
  it.each([
    ['/', INDEX_HTML, 'text/html; charset=utf-8'],
    ['/index.html', INDEX_HTML, 'text/html; charset=utf-8'],
    ['/assets/app-abc123.js', APP_JS, 'text/javascript; charset=utf-8'],
    ['/sw.js', SW_JS, 'text/javascript; charset=utf-8'],
    ['/favicon.svg', FAVICON, 'image/svg+xml'],
    ['/manifest.webmanifest', MANIFEST, 'application/manifest+json; charset=utf-8'],
  ])('serves %s with its content and type', async (path, content, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.body.toString()).toBe(content);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(content)));
  });

  it('serves binary files byte for byte', async () => {
    const res = await get('/icon-512.png');
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body.equals(PNG)).toBe(true);
  });

  it.each(['/journal', '/entry/abc', '/some/deep/route', '/assets'])(
    'answers the app route %s with index.html',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe(CACHE_REVALIDATE);
      expect(res.body.toString()).toBe(INDEX_HTML);
    },
  );

  it.each(['/missing.js', '/assets/app-000000.js', '/favicon.ico', '/a/b.css'])(
    'answers a missing file %s with 404',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.body.toString()).toBe('Not found');
    },
  );

  it('ignores the query string', async () => {
    const res = await get('/favicon.svg?v=2');
    expect(res.body.toString()).toBe(FAVICON);
  });
});

describe('static files: headers', () => {
  it.each(['/', '/assets/app-abc123.js', '/missing.js', '/healthz', '/journal'])(
    'sends the security headers with %s',
    async (path) => {
      const res = await get(path);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(res.headers[name.toLowerCase()]).toBe(value);
      }
    },
  );

  it('has a CSP that allows no inline or eval script and no framing', async () => {
    const res = await get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['/assets/app-abc123.js', CACHE_IMMUTABLE],
    ['/index.html', CACHE_REVALIDATE],
    ['/', CACHE_REVALIDATE],
    ['/sw.js', CACHE_REVALIDATE],
    ['/registerSW.js', CACHE_REVALIDATE],
    ['/manifest.webmanifest', CACHE_REVALIDATE],
    ['/favicon.svg', CACHE_SHORT],
    ['/icon-512.png', CACHE_SHORT],
  ])('caches %s with %s', async (path, cacheControl) => {
    expect((await get(path)).headers['cache-control']).toBe(cacheControl);
  });

  it('caches assets for a year, immutably, and the rest briefly', () => {
    expect(CACHE_IMMUTABLE).toMatch(/max-age=31536000/);
    expect(CACHE_IMMUTABLE).toMatch(/immutable/);
    expect(CACHE_REVALIDATE).toBe('no-cache');
    expect(CACHE_SHORT).toMatch(/max-age=\d+/);
  });
});

describe('static files: revalidation', () => {
  it('sends an ETag and answers a matching If-None-Match with an empty 304', async () => {
    const first = await get('/assets/app-abc123.js');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get('/assets/app-abc123.js', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe(CACHE_IMMUTABLE);
  });

  it('answers a stale If-None-Match with the full file', async () => {
    const res = await get('/favicon.svg', { 'If-None-Match': '"not-the-etag"' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(FAVICON);
  });

  it('gives different files different ETags', async () => {
    const a = await get('/favicon.svg');
    const b = await get('/sw.js');
    expect(a.headers.etag).not.toBe(b.headers.etag);
  });

  it('notices a changed file: new content, new ETag', async () => {
    const first = await get('/changing.txt');
    expect(first.body.toString()).toBe('version one');
    const file = join(dist, 'changing.txt');
    await writeFile(file, 'version two');
    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later); // a different mtime whatever the clock's resolution
    const second = await get('/changing.txt', { 'If-None-Match': String(first.headers.etag) });
    expect(second.status).toBe(200);
    expect(second.body.toString()).toBe('version two');
    expect(second.headers.etag).not.toBe(first.headers.etag);
  });
});

describe('static files: compression', () => {
  it('sends gzip when only gzip is accepted', async () => {
    const res = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-length']).toBe(String(res.body.length));
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS));
    expect(gunzipSync(res.body).toString()).toBe(APP_JS);
  });

  it('prefers brotli when both are accepted', async () => {
    const res = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe(APP_JS);
  });

  it('compresses every time alike (a cached encoding is reused correctly)', async () => {
    const a = await get('/sw.js', { 'Accept-Encoding': 'br' });
    const b = await get('/sw.js', { 'Accept-Encoding': 'br' });
    expect(a.body.equals(b.body)).toBe(true);
    expect(brotliDecompressSync(b.body).toString()).toBe(SW_JS);
  });

  it('sends identity when no encoding is accepted', async () => {
    const res = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(APP_JS);
  });

  it('does not compress small files or images', async () => {
    const small = await get('/index.html', { 'Accept-Encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe(INDEX_HTML);
    const png = await get('/icon-512.png', { 'Accept-Encoding': 'gzip, br' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.equals(PNG)).toBe(true);
  });
});

describe('static files: methods', () => {
  it('answers HEAD with the GET headers and no body', async () => {
    const getRes = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip' });
    const head = await rawRequest(server, '/assets/app-abc123.js', {
      method: 'HEAD',
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-length', 'etag', 'cache-control']) {
      expect(head.headers[name]).toBe(getRes.headers[name]);
    }
  });

  it('answers HEAD of a missing file with 404 and no body', async () => {
    const head = await rawRequest(server, '/missing.js', { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(head.body.length).toBe(0);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const res = await rawRequest(server, '/index.html', { method });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('static files: never outside dist', () => {
  const attempts = [
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/....//secret.txt',
    '/%252e%252e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/secret.txt%00.html',
    '/%00../secret.txt',
    '/../dist-evil/stolen.txt',
    '/..%2fdist-evil%2fstolen.txt',
    '/.%2e/secret.txt',
  ];

  it.each(attempts)('never serves a file outside dist for %s', async (path) => {
    const res = await get(path);
    expect(res.body.toString()).not.toContain(SECRET);
    expect([200, 400, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body.toString()).toBe(INDEX_HTML);
  });

  it('never serves an absolute path outside dist', async () => {
    const absolute = encodeURIComponent(join(base, 'secret.txt'));
    const res = await get(`/${absolute}`);
    expect(res.body.toString()).not.toContain(SECRET);
  });

  it('answers a NUL byte or broken percent-encoding with 400', async () => {
    for (const path of ['/%00', '/index.html%00', '/%E0%A4%A', '/%']) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.toString()).toBe('Bad path');
    }
  });

  it('never leaks the secret for random mixes of dot segments and separators (seeded)', async () => {
    const prng = createPrng(2026);
    const parts = [
      '..',
      '%2e%2e',
      '.%2e',
      '%2e.',
      '.',
      'assets',
      '%2f',
      '/',
      '\\',
      '%5c',
      'secret.txt',
    ];
    for (let i = 0; i < 150; i++) {
      // The first segment is never a separator: a target starting with "//" is a separate
      // case (see app.test.ts).
      const first = prng.pick(parts.filter((p) => !/^(\/|\\|%2f|%5c)$/.test(p)));
      const rest = Array.from({ length: prng.int(0, 6) }, () => prng.pick(parts));
      const path = '/' + [first, ...rest].join('/');
      const res = await get(`${path}/secret.txt`);
      expect(res.body.toString(), path).not.toContain(SECRET);
    }
  });
});

describe('resolveInside', () => {
  const root = join(sep, 'srv', 'mull', 'dist');

  it.each([
    ['index.html', join(root, 'index.html')],
    ['/index.html', join(root, 'index.html')],
    ['//index.html', join(root, 'index.html')],
    ['assets/app.js', join(root, 'assets', 'app.js')],
    ['assets/./app.js', join(root, 'assets', 'app.js')],
    ['assets/x/../app.js', join(root, 'assets', 'app.js')],
    ['assets%2Fapp.js', join(root, 'assets', 'app.js')],
    ['a%20b.txt', join(root, 'a b.txt')],
    ['', root],
    ['/', root],
    ['/etc/passwd', join(root, 'etc', 'passwd')],
  ])('maps %j inside the root', (path, expected) => {
    expect(resolveInside(root, path)).toBe(expected);
  });

  it.each([
    '..',
    '../secret',
    'a/../../secret',
    '%2e%2e/secret',
    '..%2fsecret',
    '..\\secret',
    'a\\..\\..\\secret',
    '../dist-evil/x',
    'a\0b',
    'a%00b',
    '%E0%A4%A',
    '%',
  ])('refuses %j', (path) => {
    expect(resolveInside(root, path)).toBeNull();
  });

  it('works with a root that ends in a separator', () => {
    expect(resolveInside(root + sep, 'index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root + sep, '../x')).toBeNull();
  });
});

describe('cacheControlFor', () => {
  it.each([
    ['assets/app-abc.js', CACHE_IMMUTABLE],
    ['assets/deep/font.woff2', CACHE_IMMUTABLE],
    ['index.html', CACHE_REVALIDATE],
    ['sw.js', CACHE_REVALIDATE],
    ['registerSW.js', CACHE_REVALIDATE],
    ['manifest.webmanifest', CACHE_REVALIDATE],
    ['other.webmanifest', CACHE_REVALIDATE],
    ['favicon.svg', CACHE_SHORT],
    ['icons/pwa-192.png', CACHE_SHORT],
    ['robots.txt', CACHE_SHORT],
  ])('gives %s %s', (path, expected) => {
    expect(cacheControlFor(path)).toBe(expected);
  });
});
