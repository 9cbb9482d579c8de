// `npm run bench -- <scenario|all> [--iterations N] [--concurrency C] [--cases N] [--storm N] [--cache N] [--smoke]`
// One in-memory Temporal dev server, one fresh PostgreSQL database (DATABASE_URL: the API and the
// workers share it), the workflow bundle built once; each scenario starts its own worker process
// and prints its figures beside their anchors (raw Temporal, measured in the same run) and the
// goals of issue 13, met or not. `--smoke`: a handful of everything (the CI stage that keeps the
// scenarios from rotting; its figures mean nothing).
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseConfig } from '../infra/config';
import { applications } from './scenarios/applications';
import type { BenchContext, BenchReport } from './scenarios/context';
import { deadlineStorm } from './scenarios/deadline-storm';
import { inbox } from './scenarios/inbox';
import { openCases } from './scenarios/open-cases';
import { rawPing } from './scenarios/raw-ping';
import { replay } from './scenarios/replay';
import { startBenchStack } from './stack';

const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<BenchReport>> = {
  'raw-ping': rawPing,
  applications,
  replay,
  'open-cases': openCases,
  inbox,
  'deadline-storm': deadlineStorm,
};
// `all`: the inbox runs on the cases open-cases left open, so it follows it (and does not start them again).
const ALL = ['raw-ping', 'applications', 'replay', 'inbox', 'deadline-storm'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}

async function main(): Promise<void> {
  const scenario = process.argv[2] ?? 'all';
  const names = scenario === 'all' ? ALL : [scenario];
  for (const n of names) if (!SCENARIOS[n]) throw new Error(`unknown scenario ${n}; known: all, ${Object.keys(SCENARIOS).join(', ')}`);
  const smoke = process.argv.includes('--smoke');
  const config = parseConfig(process.env);
  if (!config.DATABASE_URL) throw new Error('the bench needs DATABASE_URL (PostgreSQL): the API and the worker processes share its database (a fresh bench_* database is created on that server and dropped after)');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await startBenchStack({ adminDatabaseUrl: config.DATABASE_URL, cliPath: config.TEMPORAL_CLI_PATH, searchPath: config.PATH });
  const ctx: BenchContext = {
    client: new Client({ connection: stack.env.connection }),
    stack,
    iterations: arg('iterations', smoke ? 10 : 200),
    concurrency: arg('concurrency', smoke ? 2 : 10),
    cases: arg('cases', smoke ? 30 : 10_000),
    stormCases: arg('storm', smoke ? 10 : 2000),
    smoke,
    ...(process.argv.includes('--cache') ? { cache: arg('cache', 1) } : {}),
  };
  const goals: BenchReport['goals'] = [];
  try {
    for (const n of names) {
      const t0 = performance.now();
      process.stdout.write(`\n== ${n}\n`);
      const report = await SCENARIOS[n]!(ctx);
      process.stdout.write(`${report.lines.join('\n')}\n  (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
      goals.push(...report.goals);
    }
  } finally {
    await stack.close();
  }
  process.stdout.write(`\n== goals${smoke ? ' (smoke run: sizes too small for the figures to mean anything)' : ''}\n`);
  for (const g of goals) process.stdout.write(`  ${g.met ? 'met    ' : 'NOT MET'}  ${g.goal}\n`);
  // The smoke fails only on what must hold at any size: exactly-once rungs, nothing failed, every case planned.
  const mustHold = goals.filter((g) => /exactly once|nothing failed|all planned/.test(g.goal));
  if (smoke && mustHold.some((g) => !g.met)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
