// An API instance on this file's own database with the demo accounts, driven by app.inject().
import type { Client } from '@temporalio/client';
import { buildApp, type App, type AppDeps } from '../../api/app';
import type { HealthProbe } from '../../api/services/health-service';
import type { AppMetrics } from '../../infra/metrics';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { createTestDatabase, type TestDatabase } from './db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFsDocumentStore } from '../../infra/documents/fs-store';
import type { DocumentSettings } from '../../infra/documents/from-config';

export const TEST_PASSWORD = 'test-password-123';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestApi {
  app: App;
  tdb: TestDatabase;
  /** The clock the app sees; tests may move it. */
  clock: { now: Date };
  /** The document settings the app runs with (tests look into the store and the spool). */
  documents: DocumentSettings;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  probes?: HealthProbe[];
  tokenTtlSeconds?: number;
  /** A Temporal client for routes that start or signal workflows. */
  temporal?: { client: Client; taskQueue: string };
  /** Reuse a database (e.g. one a worker in the same test file writes to). */
  tdb?: TestDatabase;
  /** The registry requests and acts are counted in, and the token of GET /metrics. */
  metrics?: AppMetrics;
  metricsToken?: string;
  /** The workflow code for POST /cases/:caseId/replay. */
  workflowBundle?: { code: string };
  /** Told of every route the app adds. */
  onRoute?: AppDeps['onRoute'];
  /** Serve the built web console from this directory (browser tests). */
  webRoot?: string;
  /** The document store and limits; default: a filesystem store in a temporary directory, the default limits. */
  documents?: Partial<DocumentSettings>;
}

export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const tdb = options.tdb ?? (await createTestDatabase());
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, TEST_PASSWORD);
  const clock = { now: new Date() };
  // Each API gets its own document directory (store and spool), removed when it closes.
  const documentsDir = mkdtempSync(path.join(tmpdir(), 'api-documents-'));
  const documents: DocumentSettings = {
    store: createFsDocumentStore(path.join(documentsDir, 'store')),
    spoolDir: mkdtempSync(path.join(documentsDir, 'spool-')),
    maxBytes: 50 * 1024 * 1024,
    caseMaxBytes: 1024 * 1024 * 1024,
    ...options.documents,
  };
  const app = await buildApp({
    documents,
    repos: tdb.repos,
    probes: options.probes ?? [],
    jwtSecret: TEST_JWT_SECRET,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 900,
    version: 'test',
    logger: false,
    now: () => clock.now,
    ...(options.temporal ? { temporal: options.temporal } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });
  await app.ready();
  return {
    app,
    tdb,
    clock,
    async login(username) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    documents,
    async close() {
      await app.close();
      await tdb.drop();
      rmSync(documentsDir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}
