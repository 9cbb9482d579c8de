// What every bench scenario runs on: one in-memory Temporal dev server, one fresh PostgreSQL
// database (migrated and seeded), the workflow bundle built once, and workers in child processes
// (each scenario its own, so its peak RSS is its own), started from the prebuilt bundle as a
// production worker is (bundling at start would count webpack in the worker's memory).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { resolveCli, startDevServer } from '../infra/embedded';
import { openDatabase } from '../infra/db/database';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../infra/db/migrate';
import { createRepositories } from '../infra/db/repositories';
import { seedDemoData, seedReferenceData } from '../prisma/seed';
import { hashPassword } from '../api/auth/password';
import { expectedCheckCharacter } from '../domain/credit-code';
import { workflowBundleOptions } from '../infra/workflow-bundle';
import { spawnProcess, type Spawned } from '../test/support/processes';
import type { BenchWorkerConfig } from './worker-config';

export const BENCH_PASSWORD = 'bench-password-1';
/** Enterprises (users bench.ent0…) that file in parallel: one enterprise's filings of a measure are serialised by design (its caps). */
export const BENCH_ENTERPRISES = 10;

async function seedBenchEnterprises(repos: ReturnType<typeof createRepositories>): Promise<void> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  for (let i = 0; i < BENCH_ENTERPRISES; i++) {
    const first17 = `9122040${String(i).padStart(2, '0')}MA0Y8K2L`;
    const e = await repos.enterprises.upsertByCreditCode({
      creditCode: `${first17}${expectedCheckCharacter(first17)}`,
      name: `辽源压测企业${i} Bench enterprise ${i}`,
      industry: 'C34 通用设备制造业',
      aboveScale: true,
      profile: { annualRevenueFen: 12_000_000_000, employees: 240 },
    });
    await repos.users.upsertByUsername({ username: `bench.ent${i}`, displayName: `压测企业${i}`, role: 'enterprise', departmentCode: null, enterpriseId: e.id, passwordHash });
  }
}

export interface BenchStack {
  env: TestWorkflowEnvironment;
  databaseUrl: string;
  bundlePath: string;
  startWorker(name: string, extra?: Partial<BenchWorkerConfig>): Promise<BenchWorker>;
  close(): Promise<void>;
}

export interface BenchWorker {
  taskQueue: string;
  /** Peak resident set size so far (VmHWM) and now (VmRSS), in MiB. */
  rss(): { peakMiB: number; nowMiB: number };
  stop(): Promise<void>;
}

/** A fresh, migrated and seeded database for this run on the server at DATABASE_URL. */
async function benchDatabase(adminUrl: string): Promise<string> {
  const name = `bench_${Date.now().toString(36)}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = await openDatabase({ url: u.toString() });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  const repos = createRepositories(db.prisma);
  await seedReferenceData(repos);
  await seedDemoData(repos, BENCH_PASSWORD);
  await seedBenchEnterprises(repos);
  await db.close();
  return u.toString();
}

/** With BENCH_CPU_PROF_DIR set, the worker and API processes write a V8 CPU profile there when they exit. */
export function profileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

function memoryOf(pid: number): { peakMiB: number; nowMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? 0);
  return { peakMiB: kb('VmHWM') / 1024, nowMiB: kb('VmRSS') / 1024 };
}

export async function startBenchStack(o: { adminDatabaseUrl: string; cliPath: string | undefined; searchPath: string }): Promise<BenchStack> {
  const databaseUrl = await benchDatabase(o.adminDatabaseUrl);
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), 'bench-bundle-')), 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflowCode(workflowBundleOptions({ logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } }))).code);
  const env = await startDevServer({ executable: resolveCli(o.cliPath, o.searchPath), namespace: 'default' });
  const workers: Spawned[] = [];
  const root = path.resolve(__dirname, '..');
  return {
    env,
    databaseUrl,
    bundlePath,
    async startWorker(name, extra = {}) {
      const taskQueue = `bench-${name}-${Date.now().toString(36)}`;
      const config: BenchWorkerConfig = { address: env.address, taskQueue, databaseUrl, bundlePath, ...extra };
      const child = spawnProcess(process.execPath, [...profileArgs(), '--import', 'tsx', 'bench/worker-process.ts'], { ...process.env, BENCH_WORKER: JSON.stringify(config) }, root);
      workers.push(child);
      await child.waitFor('worker ready', 120_000);
      const pid = child.child.pid ?? 0;
      return {
        taskQueue,
        rss: () => memoryOf(pid),
        stop: async () => {
          child.child.kill('SIGTERM');
          await child.exited;
        },
      };
    },
    async close() {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await env.teardown();
      const admin = new PgClient({ connectionString: o.adminDatabaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    },
  };
}
