// `npm run bench -- <scenario> [--iterations N] [--concurrency C]`
// Brings up a Temporal dev server (in memory) from the resolved binary, the database
// (DATABASE_URL, else PGlite) and the worker in a child process, runs the scenario, and prints
// throughput, p50/p95/p99 latency and the worker's peak RSS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseConfig } from '../infra/config';
import { resolveCli, startDevServer } from '../infra/embedded';
import { spawnProcess } from '../test/support/processes';
import { Client as PgClient } from 'pg';
import { openDatabase } from '../infra/db/database';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../infra/db/migrate';
import { createRepositories } from '../infra/db/repositories';
import { seedDemoData, seedReferenceData } from '../prisma/seed';
import { applications } from './scenarios/applications';
import type { BenchContext } from './scenarios/context';
import { rawPing } from './scenarios/raw-ping';

const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<string>> = {
  'raw-ping': rawPing,
  applications,
};

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
  await seedDemoData(repos, 'bench-password-1');
  await db.close();
  return u.toString();
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}

/** Peak resident set size of a process (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main(): Promise<void> {
  const scenario = process.argv[2] ?? 'raw-ping';
  const run = SCENARIOS[scenario];
  if (!run) throw new Error(`unknown scenario ${scenario}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const iterations = arg('iterations', 200);
  const concurrency = arg('concurrency', 10);
  const config = parseConfig(process.env);
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const databaseUrl = config.DATABASE_URL ? await benchDatabase(config.DATABASE_URL) : null;
  const env = await startDevServer({ executable: resolveCli(config.TEMPORAL_CLI_PATH, config.PATH), namespace: 'default' });
  const taskQueue = `bench-${Date.now().toString(36)}`;
  const root = path.resolve(__dirname, '..');
  const worker = spawnProcess(
    process.execPath,
    ['--import', 'tsx', 'bench/worker-process.ts', env.address, taskQueue, ...(databaseUrl ? [databaseUrl] : [])],
    process.env,
    root,
  );
  try {
    await worker.waitFor('worker ready', 120_000);
    const client = new Client({ connection: env.connection });
    const report = await run({ client, taskQueue, iterations, concurrency, databaseUrl });
    const rss = worker.child.pid ? peakRssMiB(worker.child.pid) : NaN;
    process.stdout.write(`${report}\n  worker peak RSS ${rss.toFixed(0)} MiB (database: ${databaseUrl ? 'PostgreSQL' : 'PGlite in the worker'})\n`);
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await env.teardown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
