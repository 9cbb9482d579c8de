// One chaos run from start to end: the stack (a fresh database behind the cutting proxy, the
// dev server on a SQLite file, two workers and one API as child processes from a dist/ snapshot),
// the setup through the API, the workload and the faults side by side, the settling, the checks,
// and the cleanup of everything it started, whatever happened.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { openDatabase, type Database } from '../../infra/db/database';
import { createRepositories } from '../../infra/db/repositories';
import { parseConfig } from '../../infra/config';
import { resolveCli } from '../../infra/embedded';
import { localDateOf } from '../../domain/calendar';
import { freePort, processesMentioning } from '../../test/support/processes';
import { runChecks, outageWindows } from './checks';
import { Supervised } from './children';
import { planFaults, runFaults, describeFault } from './faults';
import { readHistories } from './histories';
import { ApiClient, sleep } from './http';
import type { ChaosOptions } from './options';
import { formatReport } from './report';
import { Rng } from './rng';
import { setUpActors } from './setup';
import { createDatabase, DevServer, snapshotApp, viaProxy } from './stack';
import { TcpProxy } from './tcp-proxy';
import { EXPECTED_FINAL, planCases, runObservers, runWorkload, type ChaosCase } from './workload';

const TASK_QUEUE = 'liaoyuan-cases';

export async function runChaos(options: ChaosOptions): Promise<boolean> {
  const t0 = Date.now();
  const secondsNow = () => (Date.now() - t0) / 1000;
  const log = (line: string): void => void process.stdout.write(`[${secondsNow().toFixed(1).padStart(6)} s] ${line}\n`);
  const config = parseConfig(process.env);
  const rng = new Rng(options.seed);
  const runDir = mkdtempSync(path.join(os.tmpdir(), `liaoyuan-chaos-${options.seed}-`));
  const cleanups: Array<{ what: string; fn: () => Promise<void> }> = [];
  let passed = false;
  let cleaning: Promise<void> | undefined;

  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const c of cleanups.reverse()) {
        try {
          await c.fn();
        } catch (err) {
          log(`cleanup of ${c.what} failed: ${String(err)}`);
        }
      }
      // Everything this run started mentions the run directory (the snapshot, the SQLite file).
      const left = processesMentioning(runDir);
      for (const l of left) {
        const pid = Number(l.split(/\s+/)[0]);
        if (Number.isInteger(pid) && pid !== process.pid) process.kill(pid, 'SIGKILL');
      }
      log(left.length === 0 ? 'all processes of the run are stopped' : `killed ${left.length} processes left behind: ${left.join(' | ')}`);
      if (passed && !options.keep) rmSync(runDir, { recursive: true, force: true });
      else log(`run directory kept: ${runDir} (logs, answers.jsonl, temporal.sqlite)`);
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything`);
    void cleanUp().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    log(`chaos run: seed ${options.seed}, ${options.applications} applications per cohort, fault window ${options.windowSeconds} s, run directory ${runDir}`);

    // --- the stack (the snapshot first: without a build there is nothing to run)
    const app = snapshotApp(runDir);
    const database = await createDatabase(config.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', options.seed.toString(36));
    cleanups.push({ what: 'the database', fn: async () => (passed && !options.keep ? database.drop() : log(`database kept: ${database.name}`)) });
    const proxy = await TcpProxy.start(await freePort(), { host: database.host, port: database.port });
    cleanups.push({ what: 'the proxy', fn: () => proxy.close() });
    const temporal = new DevServer(resolveCli(config.TEMPORAL_CLI_PATH, config.PATH), await freePort(), path.join(runDir, 'temporal.sqlite'));
    await temporal.start();
    cleanups.push({ what: 'the Temporal dev server', fn: () => temporal.stop() });
    log(`PostgreSQL database ${database.name} behind the proxy on 127.0.0.1:${proxy.port}; Temporal dev server ${temporal.address} on ${temporal.dbFilename}`);

    const apiPort = await freePort();
    const adminPassword = randomBytes(18).toString('base64url');
    const common: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.homedir(),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DATABASE_URL: viaProxy(database, proxy.port),
      LOG_LEVEL: 'info',
    };
    const apiProcess = new Supervised(
      {
        name: 'api',
        command: process.execPath,
        args: [path.join(app, 'dist', 'api', 'server.js')],
        env: { ...common, HOST: '127.0.0.1', PORT: String(apiPort), JWT_SECRET: randomBytes(48).toString('base64url'), JWT_TTL_SECONDS: '7200', BOOTSTRAP_ADMIN_PASSWORD: adminPassword },
        cwd: app,
        logFile: path.join(runDir, 'api.log'),
        readyText: 'Server listening at',
      },
      secondsNow,
    );
    // Each worker its own probe and SDK metrics ports; the recorder pays nobody (a test deployment).
    const workerEnv = async (): Promise<Record<string, string>> => ({
      ...common,
      WORKER_HTTP_PORT: String(await freePort()),
      TEMPORAL_SDK_METRICS_PORT: String(await freePort()),
      PAYMENT_GATEWAY: 'in-process',
      TEST_DEPLOYMENT: 'true',
    });
    const workers: Supervised[] = [];
    for (const i of [1, 2]) {
      workers.push(
        new Supervised(
          { name: `worker-${i}`, command: process.execPath, args: [path.join(app, 'dist', 'worker.js')], env: await workerEnv(), cwd: app, logFile: path.join(runDir, `worker-${i}.log`), readyText: 'worker running' },
          secondsNow,
        ),
      );
    }
    cleanups.push({ what: 'the API and the workers', fn: async () => void (await Promise.all([apiProcess, ...workers].map((p) => p.stop()))) });
    await apiProcess.start();
    await Promise.all(workers.map((w) => w.start()));
    log(`API on 127.0.0.1:${apiPort} and two workers running from a snapshot of dist/ (pids ${[apiProcess, ...workers].map((p) => String(p.pid)).join(', ')})`);

    // --- the harness's own views: the database straight (never cut) and a Temporal client
    const db = await openDatabase({ url: database.directUrl });
    cleanups.push({ what: "the harness's database connection", fn: () => db.close() });
    const connection = await Connection.connect({ address: temporal.address });
    cleanups.push({ what: "the harness's Temporal connection", fn: () => connection.close() });
    const client = new Client({ connection });
    const api = new ApiClient(`http://127.0.0.1:${apiPort}`, secondsNow);

    // --- setup through the API
    const budgetYear = Number(localDateOf(new Date()).slice(0, 4));
    const actors = await setUpActors(api, { adminPassword, enterprises: Math.min(10, options.applications), budgetYear, budgetFen: 1_000_000_000 });
    log(`set up through the API: ${actors.enterprises.length} enterprises with users and bank accounts, a GXJ reviewer, an auditor, the ${budgetYear} M09 budget`);

    // --- the plan
    const runTag = options.seed.toString(36).toUpperCase().slice(-4);
    const cases = planCases(rng, options.applications, options.windowSeconds, actors.enterprises, runTag);
    const plan = planFaults(rng, options.windowSeconds);
    const windowOpenedAt = secondsNow();
    log(`fault plan (seconds after the window opens at ${windowOpenedAt.toFixed(1)} s): ${plan.map((f) => `${f.at.toFixed(1)} ${f.kind}${f.kind === 'kill-worker' ? ` worker-${f.worker + 1}` : ''}`).join(', ')}`);

    // --- workload and faults side by side, with a progress line now and then
    const progress = setInterval(() => void describeState(db, api, cases).then((s) => log(`progress: ${s}`), () => undefined), 15_000);
    cleanups.push({ what: 'the progress line', fn: async () => clearInterval(progress) });
    const workloadDeps = { api, actors, temporal: client, taskQueue: TASK_QUEUE, repos: createRepositories(db.prisma), secondsNow };
    let observing = true;
    const observers = runObservers(workloadDeps, rng, () => observing);
    const [, faults] = await Promise.all([
      runWorkload(workloadDeps, cases, windowOpenedAt),
      runFaults({ workers, temporal, proxy, secondsNow, describeState: () => describeState(db, api, cases) }, plan, windowOpenedAt, log),
    ]);
    observing = false;
    await observers;
    log(`all user flows ended (${cases.filter((c) => c.done).length}/${cases.length} completed) and all ${faults.length} faults made`);

    // --- settling: payments trail the approvals (and a killed worker's activities time out first)
    const settled = await settle(db, cases, options.settleSeconds);
    clearInterval(progress);
    log(settled ? 'every completed case reached its expected state' : `not every case settled within ${options.settleSeconds} s; checking what there is`);

    const histories = await readHistories(client, cases.flatMap((c) => (c.caseId ? [c.caseId] : [])));
    const result = await runChecks({ cases, api, auditorToken: actors.auditor, adminToken: actors.admin, faults, exits: [apiProcess, ...workers].flatMap((p) => p.exits), db, histories, budgetYear, nowIso: () => new Date().toISOString() });
    writeFileSync(path.join(runDir, 'answers.jsonl'), api.attempts.map((a) => JSON.stringify(a)).join('\n'));
    passed = result.checks.every((c) => c.verdict !== 'FAIL');
    process.stdout.write(
      formatReport({ seed: options.seed, applications: options.applications, windowSeconds: options.windowSeconds, wallSeconds: secondsNow(), cases, attempts: api.attempts, retries: api.retries, faults, windows: outageWindows(faults), histories, result, runStartedEpochMs: t0 }) + '\n',
    );
    for (const f of faults) if (f.error) log(`fault failed: ${describeFault(f)}`);
    return passed;
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Cases by status, payments made, requests in flight: what a fault hits. */
async function describeState(db: Database, api: ApiClient, cases: ChaosCase[]): Promise<string> {
  const ids = cases.flatMap((c) => (c.caseId ? [c.caseId] : []));
  const rows = await db.sql.query<{ status: string; n: string }>(`SELECT status, count(*)::text AS n FROM cases WHERE case_id = ANY($1) GROUP BY status ORDER BY status`, [ids]);
  const paid = await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM payments WHERE status = 'succeeded'`);
  const inFlight = [...api.inFlight.entries()].filter(([, n]) => n > 0).map(([op, n]) => `${op} ${n}`);
  return `cases ${rows.map((r) => `${r.status} ${r.n}`).join(', ') || 'none yet'}; payments ${paid[0]?.n ?? '?'}; requests in flight ${inFlight.join(', ') || 'none'}`;
}

/** Waits until each case whose flow completed has its cohort's expected status in the read model. */
async function settle(db: Database, cases: ChaosCase[], timeoutSeconds: number): Promise<boolean> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  // A case whose user gave up (a failed flow, already a failed check) will not get there.
  const want = new Map(cases.flatMap((c) => (c.caseId && c.done ? [[c.caseId, EXPECTED_FINAL[c.cohort]] as const] : [])));
  while (Date.now() < deadline) {
    const rows = await db.sql.query<{ case_id: string; status: string }>(`SELECT case_id, status FROM cases WHERE case_id = ANY($1)`, [[...want.keys()]]);
    if (rows.length === want.size && rows.every((r) => want.get(r.case_id) === r.status)) return true;
    await sleep(2000);
  }
  return false;
}
