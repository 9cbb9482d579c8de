// `npm start`: the whole system on one machine with nothing else installed.
// - Temporal: the dev server from the resolved `temporal` binary, SQLite under DATA_DIR,
//   Web UI on; or the cluster at TEMPORAL_ADDRESS when set.
// - Database: PGlite under DATA_DIR; or PostgreSQL at DATABASE_URL when set.
// - Worker and API in this process. Ctrl-C stops all of it, the dev server included.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Runtime } from '@temporalio/worker';
import { openDatabase } from '../infra/db/database';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../infra/db/migrate';
import { createRepositories } from '../infra/db/repositories';
import { loadConfigOrExit, type AppConfig } from '../infra/config';
import { describeExecutable } from '../infra/temporal-binaries';
import { embeddedJwtSecret, ensureDataDir, resolveCli, startDevServer } from '../infra/embedded';
import { createLogger, temporalLogger } from '../infra/logger';
import { createAppMetrics } from '../infra/metrics';
import { assertPortsFree, PortTakenError, type WantedPort } from '../infra/ports';
import { connectClient, connectWorker, DEFAULT_NAMESPACE, temporalTargetFromConfig, type TemporalTarget } from '../infra/temporal';
import { ensureHistoryArchiveSchedule, ensureMatchingSchedule, startFirstMatching } from '../infra/schedules';
import { workflowCodeVersion } from '../infra/history/code-version';
import { APP_VERSION } from '../api/version';
import { startApi } from '../api/server';
import { seedDemoData, seedReferenceData } from '../prisma/seed';
import { createCaseWorker } from '../worker';
import { workflowBundleOptions } from '../infra/workflow-bundle';
import { ensureWebBuilt, WEB_DIST } from './web-build';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.LOG_LEVEL, 'embedded');
  await checkPorts(config);
  // The SDK's own INFO lines (bundle statistics, state changes) drown the start-up summary.
  // shutdownSignals: []: Ctrl-C is handled below, in order (worker, then connections, then the dev
  // server); the SDK's own handler would start draining the worker first and log the double stop.
  Runtime.install({ logger: temporalLogger(log, config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN'), shutdownSignals: [] });
  const dataDir = ensureDataDir(config.DATA_DIR);
  const cleanups: Array<() => Promise<void>> = [];
  const shutdown = async (code: number) => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log.error({ err }, 'error while stopping');
      }
    }
    process.exit(code);
  };

  try {
    // Temporal: the cluster of the configuration (TLS, API key) or the dev server started here.
    let target: TemporalTarget | null = config.TEMPORAL_ADDRESS ? temporalTargetFromConfig(config) : null;
    let uiUrl: string | null = null;
    if (!target) {
      const executable = resolveCli(config.TEMPORAL_CLI_PATH, config.PATH);
      log.info(`starting the Temporal dev server from ${describeExecutable(executable)}`);
      const env: TestWorkflowEnvironment = await startDevServer({
        executable,
        namespace: config.TEMPORAL_NAMESPACE ?? DEFAULT_NAMESPACE,
        dbFilename: path.join(dataDir, 'temporal.sqlite'),
        port: config.TEMPORAL_PORT,
        ui: true,
        uiPort: config.TEMPORAL_UI_PORT,
      });
      cleanups.push(() => env.teardown());
      target = { address: env.address, namespace: config.TEMPORAL_NAMESPACE ?? DEFAULT_NAMESPACE };
      uiUrl = `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`;
    }

    // Database
    const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir: path.join(dataDir, 'pglite') });
    cleanups.push(() => db.close());
    const applied = await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    const repos = createRepositories(db.prisma);
    // Who each case waits on, for rows written before the inbox's columns or under older rules.
    const backfilled = await repos.cases.backfillWaiting();
    if (backfilled > 0) log.info({ cases: backfilled }, 'inbox columns computed for stored cases');
    await seedReferenceData(repos);
    const demo = config.DEMO_SEED ?? true ? await seedDemoData(repos, config.DEMO_PASSWORD) : null;

    // Worker
    // One registry for the worker and the API in this process: the API's /metrics shows both.
    const metrics = createAppMetrics({ processMetrics: true });
    const workerConnection = await connectWorker(target);
    cleanups.push(() => workerConnection.close());
    // Bundled once: the worker runs it, the API replays cases with it, the archive records its hash.
    const { code } = await bundleWorkflowCode(workflowBundleOptions());
    const { client, connection } = await connectClient(target);
    cleanups.push(() => connection.close());
    const worker = await createCaseWorker({
      connection: workerConnection,
      namespace: target.namespace,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle: { code },
      deps: { repos, now: () => new Date(), metrics, histories: { client, codeVersion: workflowCodeVersion(APP_VERSION, code) } },
      metrics,
      shutdownGraceTimeMs: config.SHUTDOWN_GRACE_SECONDS * 1000,
    });
    const running = worker.run();
    cleanups.push(async () => {
      worker.shutdown();
      await running;
    });

    // API
    await ensureMatchingSchedule(client, config.TEMPORAL_TASK_QUEUE);
    // The first start matches at once (not only at night), so the demo enterprises see their
    // matches and notifications right away; once per Temporal data directory.
    await startFirstMatching(client, config.TEMPORAL_TASK_QUEUE);
    await ensureHistoryArchiveSchedule(client, config.TEMPORAL_TASK_QUEUE);
    mkdirSync(WEB_DIST, { recursive: true });
    const app = await startApi({
      webRoot: WEB_DIST,
      // The web console from the sources and this app's OpenAPI document: built when missing or
      // stale, before the API answers (so /health 200 means the console is there too).
      beforeListen: async (built) => {
        await built.ready();
        const web = await ensureWebBuilt(JSON.stringify(built.swagger()));
        if (web === 'built') log.info({ dir: WEB_DIST }, 'web console built');
      },
      config,
      jwtSecret: config.JWT_SECRET ?? embeddedJwtSecret(dataDir),
      repos,
      temporalConnection: connection,
      namespace: target.namespace,
      logger: log,
      metrics,
      workflowBundle: { code },
    });
    cleanups.push(() => app.close());

    const api = `http://${config.HOST}:${config.PORT}`;
    const lines = [
      '',
      '辽源 enterprise services is running (embedded mode)',
      `  Web console     ${api}/`,
      `  API             ${api}/api/v1`,
      `  OpenAPI docs    ${config.API_DOCS === false ? 'off (API_DOCS=false)' : `${api}/docs`}`,
      `  Health          ${api}/health`,
      `  Temporal        ${target.address}${uiUrl ? `   Web UI ${uiUrl}` : ''}`,
      `  Database        ${db.kind === 'pglite' ? `PGlite in ${path.join(dataDir, 'pglite')}` : 'PostgreSQL (DATABASE_URL)'}`,
      `  Data directory  ${dataDir}`,
    ];
    if (demo) {
      lines.push(
        `  Demo accounts   admin, supervisor, auditor, agent1, agent2, ent1, ent2, <dept>.reviewer, <dept>.head (e.g. gxj.reviewer, scj.head)`,
        `  Demo password   ${config.DEMO_PASSWORD}`,
      );
    }
    lines.push('Press Ctrl-C to stop.', '');
    process.stdout.write(lines.join('\n') + '\n');

    process.once('SIGINT', () => void shutdown(0));
    process.once('SIGTERM', () => void shutdown(0));
    running.catch((err: unknown) => {
      log.error({ err }, 'worker stopped unexpectedly');
      void shutdown(1);
    });
  } catch (err) {
    log.fatal({ err }, 'could not start the embedded stack');
    await shutdown(1);
  }
}

/** Every port this process will listen on, checked before anything is started or opened. */
async function checkPorts(config: AppConfig): Promise<void> {
  const wanted: WantedPort[] = [];
  // With TEMPORAL_ADDRESS set, no dev server is started here.
  if (config.TEMPORAL_ADDRESS === undefined) {
    wanted.push(
      { port: config.TEMPORAL_PORT, host: '127.0.0.1', what: 'Temporal dev server', variable: 'TEMPORAL_PORT' },
      { port: config.TEMPORAL_UI_PORT, host: '127.0.0.1', what: 'Temporal Web UI', variable: 'TEMPORAL_UI_PORT' },
    );
  }
  wanted.push({ port: config.PORT, host: config.HOST, what: 'API', variable: 'PORT' });
  try {
    await assertPortsFree(wanted);
  } catch (err) {
    if (!(err instanceof PortTakenError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

void main();
