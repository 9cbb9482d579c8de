// The production image installs `dependencies` only (Dockerfile: npm ci --omit=dev): the API and
// worker entries, and everything of ours they load, must not need a development dependency
// (PGlite, the Temporal test servers, tsx, ...). The embedded mode (npm start) may: `npm ci`
// installs both. Loaded for real in a child process with a resolver that fails on the first one.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');
const load = (files: string[]) =>
  spawnSync(process.execPath, ['--require', 'tsx/cjs', '--require', path.join(ROOT, 'test/support/deny-dev-dependencies.cjs'), '-e', files.map((f) => `require(${JSON.stringify(f)});`).join('')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

it('loads worker.ts and api/server.ts without any development dependency', () => {
  const r = load(['./worker.ts', './api/server.ts', './infra/db/database.ts']);
  expect(r.stderr).not.toContain('DEV DEPENDENCY');
  expect(r.status).toBe(0);
});

it('fails when one of ours needs a development dependency (the guard itself works)', () => {
  const r = load(['./infra/db/pglite.ts']);
  expect(r.status).toBe(97);
  expect(r.stderr).toContain('DEV DEPENDENCY @electric-sql/pglite required by infra/db/pglite.ts');
});

describe('the image HEALTHCHECK (scripts/healthcheck.ts)', () => {
  /** Its exit code against env, with the same guard against development dependencies. */
  const healthcheck = (args: string[], env: Record<string, string>) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', '--require', path.join(ROOT, 'test/support/deny-dev-dependencies.cjs'), 'scripts/healthcheck.ts', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: 'ignore',
      });
      child.on('exit', (code) => resolve(code));
    });

  it('exits 0 when /livez answers 200 on the configured port, 1 when it answers otherwise or nothing listens', async () => {
    let status = 200;
    const server = createServer((req, res) => res.writeHead(req.url === '/livez' ? status : 404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = String((server.address() as AddressInfo).port);
    try {
      expect(await healthcheck([], { PORT: port })).toBe(0);
      expect(await healthcheck(['worker'], { WORKER_HTTP_PORT: port })).toBe(0);
      status = 503;
      expect(await healthcheck([], { PORT: port })).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(await healthcheck(['worker'], { WORKER_HTTP_PORT: String(await freePort()) })).toBe(1);
  });
});
