// The API process entry (`node dist/api/server.js`): connects to Temporal and Postgres from the
// configuration, listens (HTTPS with API_TLS_CERT_PATH and API_TLS_KEY_PATH), and on SIGINT or
// SIGTERM stops taking requests (503 to new ones), lets those in flight finish within
// SHUTDOWN_GRACE_SECONDS, then closes. The embedded mode (scripts/start-embedded.ts) builds the
// same app with embedded servers.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Connection } from '@temporalio/client';
import { Client } from '@temporalio/client';
import type { Repositories } from '../infra/db/repositories';
import { openDatabase } from '../infra/db/database';
import { createRepositories } from '../infra/db/repositories';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../infra/db/migrate';
import { loadConfigOrExit, type AppConfig } from '../infra/config';
import { documentSettingsFromConfig } from '../infra/documents/from-config';
import { createLogger } from '../infra/logger';
import { createAppMetrics, type AppMetrics } from '../infra/metrics';
import { connectClient, temporalProbe, temporalTargetFromConfig } from '../infra/temporal';
import { bootstrapAdmin, seedReferenceData } from '../prisma/seed';
import { buildApp } from './app';
import type { LoginLimits } from './auth/login-guard';
import type { WorkflowBundle } from './services/case-history-service';
import { APP_VERSION } from './version';

export interface ApiWiring {
  config: AppConfig;
  jwtSecret: string;
  repos: Repositories;
  temporalConnection: Connection;
  /** The namespace that connection serves (temporalTargetFromConfig). */
  namespace: string;
  logger: FastifyBaseLogger;
  /** The process's metrics registry (the embedded mode shares its worker's); a new one when absent. */
  metrics?: AppMetrics;
  /**
   * Whether /docs is served when API_DOCS is unset: true (the default) for the embedded
   * `npm start` (scripts/start-embedded.ts), false for the production entry below.
   */
  docsByDefault?: boolean;
  /** The workflow code the worker runs (replay); absent: POST /cases/:caseId/replay answers 503. */
  workflowBundle?: WorkflowBundle;
  /** The built web console served at /; absent: none (the API alone). */
  webRoot?: string;
  /** Runs once the app is built, before it listens (the embedded mode builds the console from its OpenAPI document). */
  beforeListen?: (app: FastifyInstance) => Promise<void>;
}

/** The app settings that come from the configuration (besides the connections). */
export function apiSettingsFromConfig(config: AppConfig, opts: { docsByDefault: boolean }): { jwtPreviousSecrets: string[]; loginLimits: LoginLimits; apiDocs: boolean } {
  return {
    jwtPreviousSecrets: config.JWT_PREVIOUS_SECRETS,
    loginLimits: {
      maxFailures: config.LOGIN_MAX_FAILURES,
      failureWindowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
      lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
      addressMaxFailures: config.LOGIN_ADDRESS_MAX_FAILURES,
      addressWindowSeconds: config.LOGIN_ADDRESS_WINDOW_SECONDS,
    },
    apiDocs: config.API_DOCS ?? opts.docsByDefault,
  };
}

export async function startApi(w: ApiWiring) {
  const https = w.config.API_TLS_CERT_PATH && w.config.API_TLS_KEY_PATH ? { cert: readFileSync(w.config.API_TLS_CERT_PATH), key: readFileSync(w.config.API_TLS_KEY_PATH) } : null;
  const app = await buildApp({
    ...(https ? { https } : {}),
    metrics: w.metrics ?? createAppMetrics({ processMetrics: true }),
    ...(w.config.METRICS_TOKEN ? { metricsToken: w.config.METRICS_TOKEN } : {}),
    repos: w.repos,
    probes: [temporalProbe(w.temporalConnection, w.namespace)],
    jwtSecret: w.jwtSecret,
    ...apiSettingsFromConfig(w.config, { docsByDefault: w.docsByDefault ?? true }),
    tokenTtlSeconds: w.config.JWT_TTL_SECONDS,
    version: APP_VERSION,
    logger: w.logger,
    temporal: { client: new Client({ connection: w.temporalConnection, namespace: w.namespace }), taskQueue: w.config.TEMPORAL_TASK_QUEUE },
    ...(w.workflowBundle ? { workflowBundle: w.workflowBundle } : {}),
    ...(w.webRoot ? { webRoot: w.webRoot } : {}),
    // DATA_DIR/documents, or the S3-compatible bucket of DOCUMENT_STORE=s3.
    documents: documentSettingsFromConfig(w.config),
    productCatalogue: { listingValidDays: w.config.PRODUCT_LISTING_VALID_DAYS, public: w.config.PRODUCT_CATALOGUE_PUBLIC ?? false },
  });
  if (w.beforeListen) await w.beforeListen(app);
  await app.listen({ host: w.config.HOST, port: w.config.PORT });
  return app;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL, 'api');
  const missing = (['TEMPORAL_ADDRESS', 'DATABASE_URL', 'JWT_SECRET'] as const).filter((k) => !config[k]);
  if (missing.length > 0 || !config.TEMPORAL_ADDRESS || !config.DATABASE_URL || !config.JWT_SECRET) {
    logger.fatal(`the API process needs ${missing.join(', ')} (use \`npm start\` for the embedded mode)`);
    process.exit(78);
  }
  const db = await openDatabase({ url: config.DATABASE_URL });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  const repos = createRepositories(db.prisma);
  await seedReferenceData(repos);
  if (config.BOOTSTRAP_ADMIN_PASSWORD && (await bootstrapAdmin(repos, config.BOOTSTRAP_ADMIN_PASSWORD))) {
    logger.info('created the administrator account `admin` from BOOTSTRAP_ADMIN_PASSWORD');
  }
  // Fail fast rather than serve a system nobody can sign in to.
  if ((await repos.users.findActiveByRole('admin')).length === 0) {
    logger.fatal('no administrator account exists: set BOOTSTRAP_ADMIN_PASSWORD (at least 12 characters) for the first start; it creates `admin`');
    process.exit(78);
  }
  const target = temporalTargetFromConfig(config);
  const { connection } = await connectClient(target);
  // Production: the OpenAPI document stays private unless API_DOCS=true.
  // The image's prebuilt bundle (the worker's code byte for byte), for the auditors' replay.
  const bundlePath = path.join(__dirname, '..', 'workflow-bundle.js');
  const workflowBundle = existsSync(bundlePath) ? { codePath: bundlePath } : undefined;
  if (!workflowBundle) logger.warn({ bundlePath }, 'no prebuilt workflow bundle: replaying cases answers 503 workflow_code');
  // The image's web console (npm run build: dist/web), served at /.
  const webRoot = path.join(__dirname, '..', 'web');
  const hasConsole = existsSync(path.join(webRoot, 'index.html')) && existsSync(path.join(webRoot, 'assets'));
  if (!hasConsole) logger.warn({ webRoot }, 'no built web console: / answers 404 (npm run build builds it)');
  const app = await startApi({ config, jwtSecret: config.JWT_SECRET, repos, temporalConnection: connection, namespace: target.namespace, logger, docsByDefault: false, ...(workflowBundle ? { workflowBundle } : {}), ...(hasConsole ? { webRoot } : {}) });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'stopping: new requests get 503, requests in flight may finish');
    // Past the grace, exit anyway: the orchestrator is about to kill the process.
    setTimeout(() => {
      logger.warn('requests still in flight after the grace time; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_SECONDS * 1000).unref();
    await app.close();
    await connection.close();
    await db.close();
    logger.info('api stopped');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`api failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
