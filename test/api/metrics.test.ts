// The metrics a city's monitoring scrapes, after real acts: the API's GET /metrics (behind its
// token) counts requests by route pattern and each act by outcome; the worker's port serves the
// app's counters (an activity that failed, by its failure type) beside the Temporal SDK's own
// series from the Runtime's Prometheus exporter, on one authenticated endpoint, with /livez and
// /readyz naming the part that is down.
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { createAppMetrics, type AppMetrics } from '../../infra/metrics';
import { startProbeServer, withSdkMetrics } from '../../infra/probe-server';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { createCaseWorker } from '../../worker';
import { pingWorkflow, policyMatchingWorkflow } from '../../workflows';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { createTestDatabase } from '../support/db';
import { freePort } from '../support/processes';
import { startTimeSkippingServer, workflowBundle } from '../support/temporal';
import { lockedClient } from '../support/time-skipping';

const TQ = 'metrics-test';
const TOKEN = 'metrics-token-of-this-test-0123456789abcdef';
let env: TestWorkflowEnvironment;
let t: TestApi;
let worker: Worker;
let running: Promise<void>;
let sdkMetricsPort: number;
const apiMetrics: AppMetrics = createAppMetrics();
const workerMetrics: AppMetrics = createAppMetrics();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // The Runtime's Prometheus exporter as the production worker installs it (worker.ts), on loopback.
  sdkMetricsPort = await freePort();
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } }, shutdownSignals: [] });
  const [e, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  env = e;
  t = await createTestApi({ tdb, temporal: { client: lockedClient(env), taskQueue: TQ }, metrics: apiMetrics, metricsToken: TOKEN });
  worker = await createCaseWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: TQ,
    deps: { repos: tdb.repos, now: () => new Date(), payments: new InProcessPaymentGateway(tdb.repos.funding), metrics: workerMetrics },
    workflowBundle: await workflowBundle(),
    metrics: workerMetrics,
    // The policy matching of a catalogue version fails for good: a real activity failure to count.
    activityOverrides: {
      resolveMatchingRun: async () => {
        throw ApplicationFailure.nonRetryable('the catalogue is unreadable', 'CATALOGUE_UNREADABLE');
      },
    },
  });
  running = worker.run();
  for (const u of ['ent1', 'gxj.reviewer']) tokens[u] = await t.login(u);
}, 120_000);
afterAll(async () => {
  worker?.shutdown();
  await running;
  await t?.close();
  await env?.teardown();
});

const scrape = (authorization?: string) => t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

describe("the API's GET /metrics", () => {
  let caseId: string;
  beforeAll(async () => {
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(tokens.ent1!), 'idempotency-key': 'metrics-filing-1' },
      payload: { policyCode: 'M09', item: 'exhibition', facts: { exhibitionName: '指标展', boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 } },
    });
    expect(filed.statusCode).toBe(201);
    caseId = (filed.json() as { caseId: string }).caseId;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/accept`, headers: bearer(tokens['gxj.reviewer']!), payload: {} })).statusCode).toBe(200);
    // The same act again is a state conflict: counted as refused.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/accept`, headers: bearer(tokens['gxj.reviewer']!), payload: {} })).statusCode).toBe(409);
    // The enterprise may not accept its own case: denied.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/accept`, headers: bearer(tokens.ent1!), payload: {} })).statusCode).toBe(403);
  });

  it('refuses a scrape without the token or with another one (401)', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
    expect((await scrape(TOKEN)).statusCode).toBe(401);
    expect((await scrape()).json()).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringContaining('METRICS_TOKEN') });
  });

  it('counts each act by case type, act and outcome, and requests by route pattern (never the case number)', async () => {
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('liaoyuan_case_acts_total{case_type="applications",act="accept",outcome="done"} 1');
    expect(res.body).toContain('liaoyuan_case_acts_total{case_type="applications",act="accept",outcome="refused"} 1');
    expect(res.body).toContain('liaoyuan_case_acts_total{case_type="applications",act="accept",outcome="denied"} 1');
    expect(res.body).toContain('liaoyuan_http_requests_total{method="POST",route="/api/v1/applications",status="201"} 1');
    expect(res.body).toContain('liaoyuan_http_requests_total{method="POST",route="/api/v1/applications/:caseId/accept",status="200"} 1');
    expect(res.body).toMatch(/liaoyuan_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/applications\/:caseId\/accept"\} 3/);
    expect(res.body).not.toContain(caseId);
  });

  it('has no /metrics at all without a token configured', async () => {
    const bare = await createTestApi({ tdb: t.tdb });
    try {
      expect((await bare.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await bare.app.close();
    }
  });
});

describe("the worker's port", () => {
  let probes: Awaited<ReturnType<typeof startProbeServer>>;
  const database = { up: true };
  beforeAll(async () => {
    // A workflow whose activity fails for good, and a ping for the SDK's completed-workflow series.
    const client = lockedClient(env);
    await client.workflow.execute(pingWorkflow, { taskQueue: TQ, workflowId: 'metrics-ping', args: [{ echo: 'hi' }] });
    await expect(
      client.workflow.execute(policyMatchingWorkflow, { taskQueue: TQ, workflowId: 'metrics-matching', args: [{ catalogueVersion: 1, reason: 'metrics-test' }] }),
    ).rejects.toThrow();
    probes = await startProbeServer({
      host: '127.0.0.1',
      port: 0,
      live: () => !['FAILED', 'STOPPED'].includes(worker.getState()),
      ready: () => worker.getState() === 'RUNNING',
      checks: [
        {
          name: 'database',
          check: async () => {
            if (!database.up) throw new Error('down');
            await t.tdb.repos.ping();
          },
        },
      ],
      metrics: { token: TOKEN, contentType: workerMetrics.registry.contentType, text: async () => withSdkMetrics(await workerMetrics.registry.metrics(), `http://127.0.0.1:${sdkMetricsPort}/metrics`) },
    });
  }, 60_000);
  afterAll(async () => probes?.close());
  const get = (path: string, authorization?: string) => fetch(`http://127.0.0.1:${probes.port}${path}`, { headers: authorization ? { authorization } : {} });

  it('serves the activity failure by type beside the SDK metrics, behind the token', async () => {
    expect((await get('/metrics')).status).toBe(401);
    const res = await get('/metrics', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('liaoyuan_activity_failures_total{activity="resolveMatchingRun",failure_type="CATALOGUE_UNREADABLE"} 1');
    // The Temporal SDK's own series, from Core's exporter through this endpoint.
    expect(text).toMatch(/^temporal_workflow_completed\{[^}]*task_queue="metrics-test"[^}]*\} 1$/m);
    expect(text).toMatch(/^temporal_activity_execution_failed\{[^}]*activity_type="resolveMatchingRun"/m);
  });

  it('/livez 200 and /readyz 200 while the worker polls; /readyz 503 naming the database when it is down, /livez still 200', async () => {
    expect((await get('/livez')).status).toBe(200);
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ok', down: [] });
    database.up = false;
    try {
      const ready = await get('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'degraded', down: ['database'] });
      expect((await get('/livez')).status).toBe(200);
    } finally {
      database.up = true;
    }
  });
});
