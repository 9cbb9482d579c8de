// `npm run bench -- <scenario> [--iterations N] [--concurrency C]`
// Brings up a Temporal dev server (in memory) from the resolved binary, the database
// (DATABASE_URL, else PGlite) and the worker in a child process, runs the scenario, and prints
// throughput, p50/p95/p99 latency and the worker's peak RSS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseConfig } from '../activities/infra/config';
import { resolveCli, startDevServer } from '../activities/infra/embedded';
import { spawnProcess } from '../test/support/processes';
import { formatResult, type RunResult } from './harness';
import { rawPing } from './scenarios/raw-ping';

const SCENARIOS: Record<string, (client: Client, taskQueue: string, n: number, c: number) => Promise<RunResult>> = {
  'raw-ping': rawPing,
};

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

  const env = await startDevServer({ executable: resolveCli(config.TEMPORAL_CLI_PATH, config.PATH), namespace: 'default' });
  const taskQueue = `bench-${Date.now().toString(36)}`;
  const root = path.resolve(__dirname, '..');
  const worker = spawnProcess(
    process.execPath,
    ['--import', 'tsx', 'bench/worker-process.ts', env.address, taskQueue, ...(config.DATABASE_URL ? [config.DATABASE_URL] : [])],
    process.env,
    root,
  );
  try {
    await worker.waitFor('worker ready', 120_000);
    const client = new Client({ connection: env.connection });
    // Warm-up: the first workflow tasks pay for isolate creation and connection set-up.
    await run(client, taskQueue, Math.min(20, iterations), Math.min(concurrency, 5));
    const result = await run(client, taskQueue, iterations, concurrency);
    const rss = worker.child.pid ? peakRssMiB(worker.child.pid) : NaN;
    process.stdout.write(`${formatResult(scenario, result)}\n  worker peak RSS ${rss.toFixed(0)} MiB\n`);
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
