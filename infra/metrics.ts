// The application's own metrics (prom-client), one registry per process: the API counts
// requests and case acts, the worker escalations fired, payments and activity failures. The
// Temporal SDK's metrics come from its Runtime (worker.ts); these sit beside them.
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface AppMetrics {
  registry: Registry;
  /** Every answer of the API, by route pattern (never the raw URL: ids would explode the series). */
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpRequestSeconds: Histogram<'method' | 'route'>;
  /** Human acts on a case through the API: done, refused (400/409), denied (401/403/404), unavailable (503), error. */
  caseActs: Counter<'case_type' | 'act' | 'outcome'>;
  /** Escalation rungs fired for the first time (a retried rung is not counted again). */
  escalationsFired: Counter<'level'>;
  /** Award payments: paid, refused by the bank, or failed (the activity retries). */
  payments: Counter<'outcome'>;
  /** Activity executions that threw, by activity and failure type; Temporal retries the retryable ones. */
  activityFailures: Counter<'activity' | 'failure_type'>;
}

export function createAppMetrics(opts: { processMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  // Process metrics (CPU, memory, event loop lag) for the running processes; tests leave them out.
  if (opts.processMetrics ?? false) collectDefaultMetrics({ register: registry, prefix: 'liaoyuan_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: 'liaoyuan_http_requests_total', help: 'HTTP requests answered by the API', labelNames: ['method', 'route', 'status'], registers }),
    httpRequestSeconds: new Histogram({
      name: 'liaoyuan_http_request_duration_seconds',
      help: 'Time the API took to answer',
      labelNames: ['method', 'route'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers,
    }),
    caseActs: new Counter({ name: 'liaoyuan_case_acts_total', help: 'Acts on cases through the API, by outcome', labelNames: ['case_type', 'act', 'outcome'], registers }),
    escalationsFired: new Counter({ name: 'liaoyuan_escalations_fired_total', help: 'SLA escalation rungs fired', labelNames: ['level'], registers }),
    payments: new Counter({ name: 'liaoyuan_payments_total', help: 'Award payment attempts by outcome', labelNames: ['outcome'], registers }),
    activityFailures: new Counter({ name: 'liaoyuan_activity_failures_total', help: 'Activity executions that failed', labelNames: ['activity', 'failure_type'], registers }),
  };
}

/** The HTTP status class of a case act's answer, as the caseActs outcome. */
export function actOutcome(status: number): 'done' | 'refused' | 'denied' | 'unavailable' | 'error' {
  if (status < 400) return 'done';
  if (status === 400 || status === 409 || status === 429) return 'refused';
  if (status === 401 || status === 403 || status === 404) return 'denied';
  if (status === 503) return 'unavailable';
  return 'error';
}

/**
 * Whether an Authorization header carries the metrics token: compared as SHA-256 digests in
 * constant time, so neither the length nor a prefix of the token leaks through timing.
 */
export function metricsAuthorized(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!m?.[1]) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}
