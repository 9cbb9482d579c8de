// The web console's files at / (api/app.ts serveConsole): index.html asked for again each time,
// hashed assets kept by browsers and sent gzipped when the browser accepts it, under the same
// CSP; the API's own answers unchanged beside it (unknown paths are JSON 404s, /api/v1 needs a
// token); without a webRoot there is no console.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTestApi, type TestApi } from '../support/app';
import { createTestDatabase } from '../support/db';

const root = mkdtempSync(path.join(tmpdir(), 'web-static-'));
const script = `console.log(${JSON.stringify('工作台'.repeat(500))});`;
let t: TestApi;
let bare: TestApi;

beforeAll(async () => {
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/main-ABC123.js"></script>');
  writeFileSync(path.join(root, 'assets', 'main-ABC123.js'), script);
  writeFileSync(path.join(root, 'assets', 'main-ABC123.js.gz'), gzipSync(script));
  const tdb = await createTestDatabase();
  t = await createTestApi({ tdb, webRoot: root });
  bare = await createTestApi({ tdb });
});
afterAll(async () => {
  await bare?.app.close();
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

it('serves index.html at / (no-cache) under the API’s CSP', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/html');
  expect(res.headers['cache-control']).toBe('no-cache');
  expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  expect(res.body).toContain('/assets/main-ABC123.js');
});

it('serves hashed assets for a year, gzipped to browsers that accept it', async () => {
  const plain = await t.app.inject({ method: 'GET', url: '/assets/main-ABC123.js' });
  expect(plain.statusCode).toBe(200);
  expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(plain.headers['content-type']).toContain('javascript');
  expect(plain.body).toBe(script);
  const gz = await t.app.inject({ method: 'GET', url: '/assets/main-ABC123.js', headers: { 'accept-encoding': 'gzip' } });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(Number(gz.headers['content-length'])).toBeLessThan(script.length / 4);
});

it('leaves the API as it was: unknown paths are JSON 404s, the API needs a token, the console is not in the OpenAPI document', async () => {
  for (const url of ['/assets/missing.js', '/no-such-page', '/api/v1/no-such-route']) {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  }
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/inbox' })).statusCode).toBe(401);
  const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: object }>().paths);
  expect(paths.filter((p) => !p.startsWith('/api/') && !['/livez', '/readyz', '/health'].includes(p))).toEqual([]);
});

it('has no console without a webRoot', async () => {
  expect((await bare.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
});
