import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { IncomingMessage, ServerResponse, type Server } from 'node:http';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMullServer } from '../../../server/app';
import { SECURITY_HEADERS } from '../../../server/security-headers';
import { close, listen, rawRequest } from '../../helpers/http';

let dist: string;
let server: Server;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'mull-app-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Mull</title>');
  // A relative path is resolved once, at start.
  server = createMullServer({ distDir: join(dist, '.', 'sub', '..') });
  await listen(server);
});

afterAll(async () => {
  await close(server);
  await rm(dist, { recursive: true, force: true });
});

describe('createMullServer', () => {
  it('answers /healthz with ok, never cached, with the security headers', async () => {
    const res = await rawRequest(server, '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers[name.toLowerCase()]).toBe(value);
    }
  });

  it('answers /healthz whatever the query string', async () => {
    const res = await rawRequest(server, '/healthz?probe=1');
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
  });

  it('serves the app for everything else', async () => {
    const res = await rawRequest(server, '/');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('<title>Mull</title>');
  });

  it('works with fetch from a real client', async () => {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.ok).toBe(true);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('stays up after a bad request', async () => {
    expect((await rawRequest(server, '/%E0%A4%A')).status).toBe(400);
    expect((await rawRequest(server, '/healthz')).status).toBe(200);
  });
});

/** Calls the server's request listener directly, so a throw cannot take the test run down. */
function handleDirectly(url: string): ServerResponse {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.method = 'GET';
  const res = new ServerResponse(req);
  const [listener] = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  listener?.(req, res);
  return res;
}

describe('createMullServer: request targets that are not paths', () => {
  it('the listener handles a plain path without throwing', () => {
    expect(() => handleDirectly('/healthz')).not.toThrow();
  });

  it.each(['//..%2f..%2fsecret.txt', '/\\[', '//%'])(
    'answers the target %j with 400 instead of throwing',
    (url) => {
      let res: ServerResponse | undefined;
      expect(() => (res = handleDirectly(url))).not.toThrow();
      expect(res?.statusCode).toBe(400);
    },
  );
});
