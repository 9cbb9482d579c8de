// The verdicts of a chaos run, each with its figure: final states (read through the API as the
// auditor, and Temporal's own status), one case per filing, each case paid exactly once (the
// payments table), escalation rungs, the audit chain and each act audited once, the HTTP answers
// (no 5xx but 503, and 503 only while a part was down, naming it), and the processes.
import type { Database } from '../../infra/db/database';
import { ZApplicationAnswer, ZAuditVerify, ZBudgets, type TApplicationAnswer } from './api-schemas';
import type { ExitRecord } from './children';
import type { FaultRecord } from './faults';
import type { HistoryFindings } from './histories';
import type { ApiClient, Attempt } from './http';
import { EXPECTED_FINAL, type ChaosCase } from './workload';

export type Verdict = 'PASS' | 'FAIL' | 'NOT EXERCISED';

export interface Check {
  name: string;
  verdict: Verdict;
  figure: string;
  details: string[];
}

/** An answer may come this long after its part was back (a request sent during the outage, retried by the client library). */
export const OUTAGE_GRACE_SECONDS = 5;

export interface OutageWindow {
  dependency: 'database' | 'temporal';
  label: string;
  from: number;
  to: number;
}

export function outageWindows(faults: FaultRecord[]): OutageWindow[] {
  return faults
    .filter((f) => f.planned.kind !== 'kill-worker')
    .map((f) => ({
      dependency: f.planned.kind === 'cut-database' ? ('database' as const) : ('temporal' as const),
      label: f.planned.kind === 'cut-database' ? 'PostgreSQL cut' : 'Temporal restart',
      from: f.startedAt,
      to: f.endedAt + OUTAGE_GRACE_SECONDS,
    }));
}

/** The outage an answer fell in: the one its 503 names when outages touch, else the first it overlaps. */
export function windowOf(a: Attempt, windows: OutageWindow[]): OutageWindow | null {
  const overlapping = windows.filter((w) => a.sentAt <= w.to && a.answeredAt >= w.from);
  return overlapping.find((w) => w.dependency === a.dependency) ?? overlapping[0] ?? null;
}

function check(name: string, ok: boolean, figure: string, details: string[] = []): Check {
  return { name, verdict: ok ? 'PASS' : 'FAIL', figure, details: details.slice(0, 12).concat(details.length > 12 ? [`… and ${details.length - 12} more`] : []) };
}

export interface CheckInputs {
  cases: ChaosCase[];
  api: ApiClient;
  auditorToken: string;
  adminToken: string;
  faults: FaultRecord[];
  exits: ExitRecord[];
  db: Database;
  histories: HistoryFindings;
  budgetYear: number;
  nowIso: () => string;
}

export interface CheckResult {
  checks: Check[];
  /** Case views as read at the end, for the final-states table. */
  views: Map<string, TApplicationAnswer>;
}

export async function runChecks(x: CheckInputs): Promise<CheckResult> {
  const checks: Check[] = [];
  const windows = outageWindows(x.faults);

  // --- the users' flows and the faults themselves
  const failedFlows = x.cases.filter((c) => !c.done);
  checks.push(check('every user flow completed (file or start, accept, approve)', failedFlows.length === 0, `${x.cases.length - failedFlows.length}/${x.cases.length}`, failedFlows.map((c) => `${c.cohort} #${c.index} ${c.caseId ?? '(no case)'}: ${c.error ?? 'unfinished'}`)));
  const faultErrors = x.faults.filter((f) => f.error);
  checks.push(check('every planned fault was made', faultErrors.length === 0 && x.faults.length === 7, `${x.faults.length - faultErrors.length}/7`, faultErrors.map((f) => `${f.planned.kind}: ${f.error ?? ''}`)));

  // --- final states, through the API as the auditor, and in Temporal
  const views = new Map<string, TApplicationAnswer>();
  const wrong: string[] = [];
  for (const c of x.cases) {
    if (!c.caseId) continue;
    const { body } = await x.api.call({ op: 'check', method: 'GET', path: `/api/v1/applications/${c.caseId}`, route: '/api/v1/applications/:caseId', token: x.auditorToken, expect: [200], schema: ZApplicationAnswer });
    views.set(c.caseId, body);
    const expected = EXPECTED_FINAL[c.cohort];
    const temporalStatus = x.histories.statusOf.get(c.caseId) ?? 'unknown';
    const temporalExpected = c.cohort === 'payment-path' ? 'COMPLETED' : 'RUNNING';
    const publicityAhead = c.cohort === 'api-filed' ? body.publicity !== null && body.publicity.until > x.nowIso() : true;
    if (body.status !== expected || temporalStatus !== temporalExpected || !publicityAhead) {
      wrong.push(`${c.caseId} (${c.cohort}): ${body.status}, workflow ${temporalStatus}; expected ${expected}, ${temporalExpected}`);
    }
  }
  const withCase = x.cases.filter((c) => c.caseId).length;
  checks.push(check('every case in its expected final state (read model via the API, and Temporal)', wrong.length === 0 && withCase === x.cases.length, `${withCase - wrong.length}/${x.cases.length}`, wrong));

  // --- one case per filing: retried filings returned their first case, nothing else was created
  const splitKeys = x.cases.filter((c) => new Set(c.answeredCaseIds).size > 1);
  const rows = await x.db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM cases WHERE case_type = 'application'`);
  const caseRows = Number(rows[0]?.n ?? 0);
  checks.push(check('one case per filing (Idempotency-Key), no stray case rows', splitKeys.length === 0 && caseRows === x.cases.length, `${caseRows} case rows for ${x.cases.length} applications; ${splitKeys.length} keys answered with two cases`, splitKeys.map((c) => `${c.idempotencyKey}: ${c.answeredCaseIds.join(', ')}`)));

  // --- paid exactly once
  const payments = await x.db.sql.query<{ case_id: string; status: string; amount_fen: string; transfer_ref: string | null }>(`SELECT case_id, status, amount_fen::text, transfer_ref FROM payments`);
  const succeeded = new Map<string, typeof payments>();
  for (const p of payments.filter((p) => p.status === 'succeeded')) succeeded.set(p.case_id, [...(succeeded.get(p.case_id) ?? []), p]);
  const paymentProblems: string[] = [];
  let paidOnce = 0;
  for (const c of x.cases) {
    const mine = c.caseId ? (succeeded.get(c.caseId) ?? []) : [];
    if (c.cohort === 'api-filed') {
      if (mine.length > 0) paymentProblems.push(`${c.caseId}: paid during publicity`);
      continue;
    }
    const view = c.caseId ? views.get(c.caseId) : undefined;
    if (mine.length === 1 && Number(mine[0]?.amount_fen) === c.amountFen && view?.funding.transferRef === mine[0]?.transfer_ref) paidOnce++;
    else paymentProblems.push(`${c.caseId ?? '?'}: ${mine.length} successful transfers (${mine.map((p) => `${p.amount_fen} fen ${p.transfer_ref ?? ''}`).join('; ')}), expected one of ${String(c.amountFen)} fen matching the case's ${view?.funding.transferRef ?? 'none'}`);
  }
  const paymentCases = x.cases.filter((c) => c.cohort === 'payment-path');
  const duplicates = [...succeeded.values()].filter((l) => l.length > 1).length;
  const refused = payments.filter((p) => p.status !== 'succeeded').length;
  const { body: budgets } = await x.api.call({ op: 'check', method: 'GET', path: `/api/v1/budgets/${x.budgetYear}`, route: '/api/v1/budgets/:year', token: x.adminToken, expect: [200], schema: ZBudgets });
  const line = budgets.lines.find((l) => l.policyCode === 'M09');
  const expectedPaidFen = paymentCases.reduce((s, c) => s + (c.amountFen ?? 0), 0);
  if (line?.paidFen !== expectedPaidFen) paymentProblems.push(`budget M09 ${x.budgetYear}: paid ${String(line?.paidFen)} fen, expected ${expectedPaidFen}`);
  checks.push(check('each case paid exactly once', paymentProblems.length === 0 && paidOnce === paymentCases.length, `${paidOnce}/${paymentCases.length} paid once; ${payments.length} payment rows, ${duplicates} cases paid twice, ${refused} refused; budget paid ${String(line?.paidFen)} fen`, paymentProblems));

  // --- escalation rungs
  const rungs = await x.db.sql.query<{ rung_key: string; n: string }>(`SELECT rung_key, count(*)::text AS n FROM escalations GROUP BY rung_key`);
  const rungDuplicates = rungs.filter((r) => Number(r.n) > 1);
  checks.push({
    name: 'each escalation rung at most once',
    verdict: rungDuplicates.length > 0 ? 'FAIL' : rungs.length === 0 ? 'NOT EXERCISED' : 'PASS',
    figure: `${rungs.length} rungs fired, ${rungDuplicates.length} twice`,
    details: rungs.length === 0 ? ['no deadline can fall due in a real-time run: the earliest is the 5-working-day acceptance deadline (the time-skipping workflow tests cover the rungs)'] : rungDuplicates.map((r) => r.rung_key),
  });

  // --- audit
  const { body: verify } = await x.api.call({ op: 'check', method: 'GET', path: '/api/v1/audit/verify', route: '/api/v1/audit/verify', token: x.auditorToken, expect: [200], schema: ZAuditVerify });
  checks.push(check('the audit chain verifies (GET /api/v1/audit/verify)', verify.ok, `${verify.ok ? 'ok' : 'BROKEN'}, ${verify.records} records`, verify.ok ? [] : [`first broken seq ${String(verify.firstBrokenSeq)}: ${String(verify.problem)}`]));
  const audited = await x.db.sql.query<{ subject_id: string; action: string; n: string }>(`SELECT subject_id, action, count(*)::text AS n FROM audit_log WHERE subject_type = 'case' AND outcome = 'ok' GROUP BY subject_id, action`);
  const auditCount = new Map(audited.map((a) => [`${a.subject_id} ${a.action}`, Number(a.n)]));
  const auditProblems: string[] = [];
  let expectedActs = 0;
  for (const c of x.cases) {
    const acts = c.cohort === 'api-filed' ? ['application.file', 'application.accept', 'application.approve'] : ['application.accept', 'application.approve'];
    for (const a of acts) {
      expectedActs++;
      const n = auditCount.get(`${c.caseId ?? '?'} ${a}`) ?? 0;
      if (n !== 1) auditProblems.push(`${c.caseId ?? '?'} ${a}: ${n} records`);
    }
  }
  const refusedAudits = await x.db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_log WHERE subject_type = 'case' AND outcome <> 'ok'`);
  checks.push(check('each act audited exactly once', auditProblems.length === 0, `${expectedActs - auditProblems.length}/${expectedActs} acts; ${refusedAudits[0]?.n ?? '?'} refused attempts audited`, auditProblems));

  // --- HTTP answers
  const fiveHundreds = x.api.attempts.filter((a) => typeof a.outcome === 'number' && a.outcome >= 500 && a.outcome !== 503);
  checks.push(check('no HTTP 5xx but 503', fiveHundreds.length === 0, `${fiveHundreds.length} other 5xx`, fiveHundreds.map((a) => `${a.answeredAt.toFixed(1)} s ${a.route} ${String(a.outcome)} ${a.code ?? ''}`)));
  const unavailable = x.api.attempts.filter((a) => a.outcome === 503);
  const outside = unavailable.filter((a) => !windowOf(a, windows));
  const misnamed = unavailable.filter((a) => {
    const w = windowOf(a, windows);
    return w !== null && a.dependency !== w.dependency;
  });
  checks.push(check('503 only while a part was down', outside.length === 0, `${unavailable.length} 503s, ${outside.length} outside an outage`, outside.map((a) => `${a.sentAt.toFixed(1)}-${a.answeredAt.toFixed(1)} s ${a.route} ${a.code ?? ''} ${a.dependency ?? ''}`)));
  checks.push(check('each 503 names the part that was down', misnamed.length === 0, `${unavailable.length - misnamed.length}/${unavailable.length}`, misnamed.map((a) => `${a.answeredAt.toFixed(1)} s ${a.route}: names ${a.dependency ?? 'nothing'}`)));
  const lost = x.api.attempts.filter((a) => a.outcome === 'network' || a.outcome === 'timeout');
  checks.push(check('the API answered every request (it was never a fault target)', lost.length === 0, `${lost.length} network errors or timeouts`, lost.map((a) => `${a.sentAt.toFixed(1)} s ${a.route} ${String(a.outcome)}`)));

  // --- processes and histories
  const unexpected = x.exits.filter((e) => !e.expected);
  checks.push(check('workers and the API exited only when the harness killed or stopped them', unexpected.length === 0, `${unexpected.length} unexpected exits`, unexpected.map((e) => `${e.name} pid ${e.pid} at ${e.at.toFixed(1)} s: code ${String(e.code)} signal ${String(e.signal)}`)));
  const h = x.histories;
  checks.push(check('no workflow task failed, no activity failed for good (histories)', h.workflowTaskFailures.length === 0 && h.finalFailures.length === 0 && h.unreadable.length === 0, `${h.workflows} histories; ${h.workflowTaskFailures.length} workflow task failures, ${h.finalFailures.length} final activity failures`, [
    ...h.workflowTaskFailures.map((w) => `${w.caseId}: ${w.cause}`),
    ...h.finalFailures.map((w) => `${w.caseId}: ${w.activity} failed for good`),
    ...h.unreadable.map((w) => `${w.caseId}: ${w.error}`),
  ]));
  return { checks, views };
}
