// The printed figures of a chaos run.
import type { Check, CheckResult, OutageWindow } from './checks';
import { windowOf } from './checks';
import { describeFault, type FaultRecord } from './faults';
import type { HistoryFindings } from './histories';
import type { Attempt } from './http';
import { EXPECTED_FINAL, type ChaosCase } from './workload';

export interface RunFigures {
  seed: number;
  applications: number;
  windowSeconds: number;
  wallSeconds: number;
  cases: ChaosCase[];
  attempts: Attempt[];
  retries: number;
  faults: FaultRecord[];
  windows: OutageWindow[];
  histories: HistoryFindings;
  result: CheckResult;
  /** Seconds since the run started at which the window opened (epoch ms of the run start). */
  runStartedEpochMs: number;
}

function count<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

function table(m: Map<string, number>): string {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export function formatReport(f: RunFigures): string {
  const out: string[] = [];
  const firstAttempts = f.attempts.filter((a) => a.attempt === 1);
  const filings = f.attempts.filter((a) => a.op === 'file');
  const filed = f.cases.filter((c) => c.cohort === 'api-filed' && c.caseId).length;
  const filingSpan = filings.length > 0 ? Math.max(...filings.map((a) => a.answeredAt)) - Math.min(...filings.map((a) => a.sentAt)) : 0;

  out.push('', '== figures');
  out.push(`  seed ${f.seed} (repeat: npm run chaos -- --seed ${f.seed} --applications ${f.applications} --window ${f.windowSeconds})`);
  out.push(`  applications ${f.applications} filed through the API + ${f.applications} driven to payment; wall time ${f.wallSeconds.toFixed(1)} s (fault window ${f.windowSeconds} s)`);
  out.push(`  filings ${filed} in ${filingSpan.toFixed(1)} s: ${(filingSpan > 0 ? filed / filingSpan : 0).toFixed(2)} filings/s (paced arrivals, not a throughput test)`);
  for (const op of ['file', 'accept', 'approve']) {
    const ok = f.attempts.filter((a) => a.op === op && typeof a.outcome === 'number' && a.outcome < 300).map((a) => (a.answeredAt - a.sentAt) * 1000).sort((a, b) => a - b);
    out.push(`  ${op.padEnd(8)} ${ok.length} answered, latency ms p50 ${percentile(ok, 50).toFixed(0)} p95 ${percentile(ok, 95).toFixed(0)} max ${percentile(ok, 100).toFixed(0)}`);
  }
  out.push(`  HTTP: ${firstAttempts.length} requests, ${f.attempts.length} attempts, ${f.retries} retries after a 503, network error or timeout`);
  out.push('  answers by what the user did:');
  const ops = [...new Set(f.attempts.map((a) => a.op))];
  for (const op of ops) out.push(`    ${op.padEnd(14)} ${table(count(f.attempts.filter((a) => a.op === op), (a) => String(a.outcome)))}`);
  const unavailable = f.attempts.filter((a) => a.outcome === 503);
  out.push(`  503s: ${unavailable.length} (${table(count(unavailable, (a) => `${windowOf(a, f.windows)?.label ?? 'OUTSIDE ANY OUTAGE'}: ${a.route} naming ${a.dependency ?? '?'}`)) || 'none'})`);
  const startRetries = f.cases.reduce((s, c) => s + c.startRetries, 0);
  const confirmed = f.cases.flatMap((c) => c.confirmedAfterConflict);
  out.push(`  harness workflow starts retried ${startRetries}; acts found done after a retry's conflict ${confirmed.length}`);

  out.push('', '== faults (time since the run started)');
  for (const r of f.faults) out.push(`  ${describeFault(r)}`);
  const kills = f.faults.filter((r) => r.planned.kind === 'kill-worker').length;
  const restarts = f.faults.filter((r) => r.planned.kind === 'restart-temporal').length;
  const cuts = f.faults.filter((r) => r.planned.kind === 'cut-database').length;
  out.push(`  kills ${kills}, Temporal restarts ${restarts}, PostgreSQL cuts ${cuts}`);

  out.push('', '== what the faults cost (from the histories: workflow tasks a killed worker had taken, activities that needed another attempt)');
  const h = f.histories;
  out.push(`  by activity: ${table(count(h.retried, (r) => r.activity)) || 'none'}`);
  out.push(`  by the failure before: ${table(count(h.retried, (r) => r.lastFailure.slice(0, 80))) || 'none'}`);
  // Each retry is laid at the last fault that began before its last attempt did (within 90 s:
  // a start-to-close timeout of 30 s plus the retry backoff). Temporal records only the last
  // attempt's start, so with faults closer than 30 s a retry can land on the fault after its cause.
  const faultOf = (atMs: number) => {
    const at = (atMs - f.runStartedEpochMs) / 1000;
    let found = -1;
    f.faults.forEach((r, i) => {
      if (r.startedAt <= at && at - r.startedAt <= 90) found = i;
    });
    return found;
  };
  const byFault = count(h.retried, (x) => String(faultOf(x.atMs)));
  const tasksByFault = count(h.workflowTaskTimeouts, (atMs) => String(faultOf(atMs)));
  for (const [i, r] of f.faults.entries()) {
    const hit = h.retried.filter((x) => faultOf(x.atMs) === i);
    out.push(
      `  fault ${i + 1} (${r.planned.kind}): ${tasksByFault.get(String(i)) ?? 0} workflow tasks timed out, ${byFault.get(String(i)) ?? 0} activities whose last attempt began after it (${table(count(hit, (x) => `${x.activity} after ${x.lastFailure.slice(0, 60)}`)) || '-'})`,
    );
  }
  if (byFault.get('-1') || tasksByFault.get('-1')) out.push(`  after no fault: ${tasksByFault.get('-1') ?? 0} workflow tasks timed out, ${byFault.get('-1') ?? 0} activities retried`);
  out.push(`  in all: ${h.workflowTaskTimeouts.length} workflow task timeouts, ${h.retried.length} activities retried`);

  out.push('', '== final states');
  out.push('  cohort         expected      count  in expected state');
  for (const cohort of ['api-filed', 'payment-path'] as const) {
    const mine = f.cases.filter((c) => c.cohort === cohort);
    const states = count(mine, (c) => (c.caseId ? (f.result.views.get(c.caseId)?.status ?? '?') : 'no case'));
    const ok = states.get(EXPECTED_FINAL[cohort]) ?? 0;
    out.push(`  ${cohort.padEnd(14)} ${EXPECTED_FINAL[cohort].padEnd(13)} ${String(mine.length).padStart(5)}  ${ok}   (${table(states)})`);
  }

  out.push('', '== checks');
  for (const c of f.result.checks) out.push(...formatCheck(c));
  const failed = f.result.checks.filter((c) => c.verdict === 'FAIL');
  out.push('', failed.length === 0 ? `RESULT: PASS (${f.result.checks.length} checks; ${f.result.checks.filter((c) => c.verdict === 'NOT EXERCISED').length} not exercised)` : `RESULT: FAIL (${failed.length} of ${f.result.checks.length} checks failed)`);
  return out.join('\n');
}

function formatCheck(c: Check): string[] {
  return [`  ${c.verdict.padEnd(13)} ${c.name}: ${c.figure}`, ...c.details.map((d) => `                  ${d}`)];
}
