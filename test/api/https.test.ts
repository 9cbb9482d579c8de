// The production entry's HTTPS: with API_TLS_CERT_PATH and API_TLS_KEY_PATH, startApi serves TLS
// with that certificate and plain HTTP on the same port gets no answer. The certificate is made by
// openssl for this test (a self-signed one for 127.0.0.1).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startApi } from '../../api/server';
import { parseConfig } from '../../infra/config';
import { createLogger } from '../../infra/logger';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { freePort } from '../support/processes';
import { TEST_JWT_SECRET } from '../support/app';

let dir: string;
let tdb: TestDatabase;
let connection: Connection;
let app: Awaited<ReturnType<typeof startApi>>;
let port: number;
let cert: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'api-https-'));
  const [crt, key] = [path.join(dir, 'api.crt'), path.join(dir, 'api.key')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', crt], { stdio: 'ignore' });
  cert = readFileSync(crt);
  tdb = await createTestDatabase();
  port = await freePort();
  connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const config = parseConfig({ PORT: String(port), API_TLS_CERT_PATH: crt, API_TLS_KEY_PATH: key, JWT_SECRET: TEST_JWT_SECRET });
  app = await startApi({ config, jwtSecret: TEST_JWT_SECRET, repos: tdb.repos, temporalConnection: connection, namespace: 'default', logger: createLogger('silent', 'api'), docsByDefault: false });
});
afterAll(async () => {
  await app?.close();
  await connection?.close();
  await tdb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

it('answers over HTTPS with the configured certificate', async () => {
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, path: '/livez', ca: cert }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString())).on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      })
      .on('error', reject);
  });
  expect(status).toBe(200);
  expect(JSON.parse(body)).toEqual(expect.objectContaining({ status: 'ok' }));
});

it('gives plain HTTP on that port no answer', async () => {
  const outcome = await new Promise<string>((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/livez', timeout: 3000 }, (res) => resolve(`answered ${res.statusCode}`))
      .on('error', (err) => resolve(`refused: ${err.message}`))
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error('timeout'));
      });
  });
  expect(outcome).toMatch(/^refused/);
});
