// The API process entry (`node dist/api/server.js`): connects to Temporal and Postgres from the
// configuration, listens, and closes gracefully on SIGINT/SIGTERM. The embedded mode
// (scripts/start-embedded.ts) builds the same app with embedded servers.
import type { FastifyBaseLogger } from 'fastify';
import type { Connection } from '@temporalio/client';
import { Client } from '@temporalio/client';
import type { Repositories } from '../infra/db/repositories';
import { openDatabase } from '../infra/db/database';
import { createRepositories } from '../infra/db/repositories';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../infra/db/migrate';
import { loadConfigOrExit, type AppConfig } from '../infra/config';
import { createLogger } from '../infra/logger';
import { connectClient, temporalProbe } from '../infra/temporal';
import { bootstrapAdmin, seedReferenceData } from '../prisma/seed';
import { buildApp } from './app';
import type { LoginLimits } from './auth/login-guard';
import { APP_VERSION } from './version';

export interface ApiWiring {
  config: AppConfig;
  jwtSecret: string;
  repos: Repositories;
  temporalConnection: Connection;
  logger: FastifyBaseLogger;
  /**
   * Whether /docs is served when API_DOCS is unset: true (the default) for the embedded
   * `npm start` (scripts/start-embedded.ts), false for the production entry below.
   */
  docsByDefault?: boolean;
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
  const app = await buildApp({
    repos: w.repos,
    probes: [temporalProbe(w.temporalConnection, w.config.TEMPORAL_NAMESPACE)],
    jwtSecret: w.jwtSecret,
    ...apiSettingsFromConfig(w.config, { docsByDefault: w.docsByDefault ?? true }),
    tokenTtlSeconds: w.config.JWT_TTL_SECONDS,
    version: APP_VERSION,
    logger: w.logger,
    temporal: { client: new Client({ connection: w.temporalConnection, namespace: w.config.TEMPORAL_NAMESPACE }), taskQueue: w.config.TEMPORAL_TASK_QUEUE },
  });
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
  const { connection } = await connectClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
  const repos = createRepositories(db.prisma);
  await seedReferenceData(repos);
  if (config.BOOTSTRAP_ADMIN_PASSWORD && (await bootstrapAdmin(repos, config.BOOTSTRAP_ADMIN_PASSWORD))) {
    logger.info('created the administrator account `admin` from BOOTSTRAP_ADMIN_PASSWORD');
  }
  // Production: the OpenAPI document stays private unless API_DOCS=true.
  const app = await startApi({ config, jwtSecret: config.JWT_SECRET, repos, temporalConnection: connection, logger, docsByDefault: false });
  const stop = async () => {
    await app.close();
    await connection.close();
    await db.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`api failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
