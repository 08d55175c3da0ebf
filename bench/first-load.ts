/**
 * Figure 6: the JavaScript and CSS a first visit downloads before any lazy chunk, compressed
 * as the server sends it (gzip level 9, brotli quality 9; server/static-files.ts).
 *
 * "Before any lazy chunk" is read from the build itself: the entry script, stylesheets and
 * modulepreloads named in index.html, plus every module those import statically (followed
 * recursively, in case a static import is missing from the preload list). Dynamic `import()`
 * targets are lazy and left out. The service worker (sw.js, workbox) is not page code and is
 * fetched after the page has loaded, so it is reported apart.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

export interface FirstLoadFile {
  path: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface FirstLoadFigures {
  first_load_gzip_kb: number;
  first_load_brotli_kb: number;
  first_load_raw_kb: number;
  first_load_js_gzip_kb: number;
  first_load_css_gzip_kb: number;
  first_load_files: number;
  service_worker_gzip_kb: number;
}

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`; not `import(…)`. */
const STATIC_IMPORT =
  /(?:\bimport\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s*[\w$]+|\{[^}]*\})?\s*(?:from\s*)?|\bexport\s*(?:\*(?:\s*as\s*[\w$]+)?|\{[^}]*\})\s*from\s*)["']([^"']+\.(?:js|mjs|css))["']/g;

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(tag)?.[1] ?? null;
}

/** The URLs index.html makes the browser fetch up front (scripts, preloads, stylesheets). */
export function entryUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    if (tag.startsWith('<script')) {
      const src = attr(tag, 'src');
      if (src && attr(tag, 'type') === 'module') urls.push(src);
    } else {
      const rel = attr(tag, 'rel');
      const href = attr(tag, 'href');
      if (href && (rel === 'modulepreload' || rel === 'stylesheet')) urls.push(href);
    }
  }
  return urls;
}

export function measureFirstLoad(distDir: string): {
  figures: FirstLoadFigures;
  files: FirstLoadFile[];
} {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue = entryUrls(html).map((u) => posix.normalize(u.replace(/^\//, '')));
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    if (!path.endsWith('.js')) continue;
    const source = readFileSync(join(distDir, path), 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const spec = match[1] as string;
      const resolved = spec.startsWith('/')
        ? posix.normalize(spec.slice(1))
        : posix.join(posix.dirname(path), spec);
      if (existsSync(join(distDir, resolved))) queue.push(resolved);
    }
  }

  const size = (path: string): FirstLoadFile => {
    const body = readFileSync(join(distDir, path));
    return {
      path,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }).length,
    };
  };
  const files = [...seen].map(size).sort((a, b) => b.gzip - a.gzip);
  const sum = (list: FirstLoadFile[], key: 'raw' | 'gzip' | 'brotli'): number =>
    list.reduce((total, f) => total + f[key], 0);
  const js = files.filter((f) => f.path.endsWith('.js'));
  const css = files.filter((f) => f.path.endsWith('.css'));
  // sw.js loads workbox as an AMD module: define(["./workbox-<hash>"], …).
  const swSource = readFileSync(join(distDir, 'sw.js'), 'utf8');
  const swFiles = [
    'sw.js',
    ...[...swSource.matchAll(/\.\/(workbox-[\w-]+)/g)].map((m) => `${m[1]}.js`),
  ];
  const sw = [...new Set(swFiles)].filter((f) => existsSync(join(distDir, f))).map(size);

  return {
    figures: {
      first_load_gzip_kb: kb(sum(files, 'gzip')),
      first_load_brotli_kb: kb(sum(files, 'brotli')),
      first_load_raw_kb: kb(sum(files, 'raw')),
      first_load_js_gzip_kb: kb(sum(js, 'gzip')),
      first_load_css_gzip_kb: kb(sum(css, 'gzip')),
      first_load_files: files.length,
      service_worker_gzip_kb: kb(sum(sw, 'gzip')),
    },
    files,
  };
}
