// docker-compose.yml cannot run here (no Docker engine), so its structure is checked instead:
// the services a city needs, pinned images, wiring between them, and only configuration keys
// that the application's schema knows.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ZConfig } from '../../infra/config';

const ROOT = path.resolve(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

it('has postgres, a Temporal server, its UI, the API and the worker', () => {
  expect(Object.keys(services).sort()).toEqual(['api', 'postgres', 'temporal', 'temporal-ui', 'worker']);
});

it('pins every third-party image to a version', () => {
  for (const name of ['postgres', 'temporal', 'temporal-ui']) {
    expect(services[name]?.image).toMatch(/^[\w./-]+:\d+(\.\d+)*$/);
  }
  expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:/);
});

it('builds the API and the worker from the one Dockerfile and runs the compiled entries', () => {
  expect(existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
  expect(services.api?.build).toBe('.');
  expect(services.worker?.build).toBe('.');
  expect(services.api?.command).toEqual(['node', 'dist/api/server.js']);
  expect(services.worker?.command).toEqual(['node', 'dist/worker.js']);
  // dist/api/server.js and dist/worker.js are compiled from these sources.
  expect(existsSync(path.join(ROOT, 'api', 'server.ts'))).toBe(true);
  expect(existsSync(path.join(ROOT, 'worker.ts'))).toBe(true);
  expect(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toContain('npm run build');
});

it('depends only on services that exist', () => {
  for (const [name, svc] of Object.entries(services)) {
    const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
    for (const dep of deps) expect([name, Object.keys(services).includes(dep)]).toEqual([name, true]);
  }
});

it('gives the API and the worker only configuration keys the application knows, and all the production ones', () => {
  const known = Object.keys(ZConfig.shape);
  for (const name of ['api', 'worker']) {
    const env = services[name]?.environment ?? {};
    expect(Object.keys(env).filter((k) => !known.includes(k))).toEqual([]);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['TEMPORAL_ADDRESS', 'DATABASE_URL', 'JWT_SECRET']));
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(new URL(env.DATABASE_URL!.replace(/\$\{[^}]+\}/g, 'x')).hostname).toBe('postgres');
  }
  expect(services.api?.environment?.HOST).toBe('0.0.0.0');
});

it('runs Temporal on the same PostgreSQL service', () => {
  expect(services.temporal?.environment).toEqual(expect.objectContaining({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' }));
  expect(services['temporal-ui']?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
});
