// The reports (supervisors, auditors, admins): SLA performance of a period, the funds of a year
// per measure, and the yearly evaluation of every measure that the policy's closing paragraph asks
// for (with the fund performance of each award clause). Each figure comes with its formula.
import { MEASURES } from '../../domain/policy/catalogue';
import { answerableClocks, finishedOnTime, percentile, rate } from '../../domain/reports/figures';
import type { Actor } from '../../domain/roles';
import type { ClockLedger } from '../../domain/sla';
import { requireRole } from '../auth/guards';
import { storedClocks } from '../schemas/sla';
import type { ServiceDeps } from './deps';

const READERS = ['supervisor', 'auditor', 'admin'] as const;

export const SLA_FORMULAS = {
  cases: 'count of cases opened in [from, to)',
  onTimeRate: 'finished stages on time / finished stages; a stage is finished when its clock stopped, on time when consumed working days ≤ its budget (extensions included); tracking budgets excluded',
  p50p90: 'nearest-rank percentile of the working days consumed by the finished stages of that name',
  overdueNow: 'open cases (of any opening date) whose running clock is past its deadline now',
  escalations: 'escalation rungs fired in [from, to), by level',
} as const;

export const FUNDS_FORMULAS = {
  budgetFen: "the year's budget of the measure",
  committedFen: 'committed and paid amounts together (what the budget no longer has)',
  paidFen: 'sum of successful payments to cases committed on this year’s budget',
  cases: 'cases with a commitment on the year’s budget that was not released',
  averagePaidFen: 'paidFen / paid cases, rounded down to a fen',
  paidWithinSla: 'paid cases whose funding (拨付) stage finished within its working-day budget / paid cases',
} as const;

export const ANNUAL_FORMULAS = {
  filings: 'applications of the measure filed in the year',
  approvals: "filings whose decision is 'approved'",
  rejections: "filings whose decision is 'rejected'",
  notAccepted: "filings not accepted (不予受理)",
  paidFen: 'successful payments to the year’s filings',
  averageWorkingDaysToDecision: 'mean over decided filings of the working days their stages before funding consumed',
  escalations: 'escalation rungs fired in the year on the year’s filings',
  appeals: 'appeals filed in the year that name the measure',
  budgetExecutionRate: 'paidFen / budgetFen of the year (award measures with a budget)',
} as const;

function clocksOf(caseId: string, view: unknown): ClockLedger[] {
  try {
    return answerableClocks(storedClocks(caseId, view).clocks);
  } catch {
    return [];
  }
}

function decisionOf(view: unknown): string | null {
  if (typeof view !== 'object' || view === null || !('state' in view)) return null;
  const state = view.state;
  if (typeof state !== 'object' || state === null || !('decision' in state)) return null;
  const d = state.decision;
  return typeof d === 'object' && d !== null && 'outcome' in d && typeof d.outcome === 'string' ? d.outcome : null;
}

const yearRange = (year: number) => ({ from: new Date(Date.UTC(year - 1, 11, 31, 16)), to: new Date(Date.UTC(year, 11, 31, 16)) }); // Asia/Shanghai year

export function createReportService({ repos, now }: ServiceDeps) {
  return {
    async sla(actor: Actor, q: { from: Date; to: Date; department?: string | undefined; type?: string | undefined }) {
      requireRole(actor, READERS, 'read the SLA report');
      const [cases, overdue, escalations] = await Promise.all([repos.reports.casesOpened(q), repos.reports.overdueNow(now(), q), repos.reports.escalationsFired(q)]);
      const stageDays = new Map<string, { days: number[]; onTime: number }>();
      const departments = new Map<string, { cases: number; finished: number; onTime: number; overdueNow: number; escalations: Record<'1' | '2' | '3', number> }>();
      const dept = (code: string) => {
        let d = departments.get(code);
        if (!d) departments.set(code, (d = { cases: 0, finished: 0, onTime: 0, overdueNow: 0, escalations: { '1': 0, '2': 0, '3': 0 } }));
        return d;
      };
      let finished = 0;
      let onTime = 0;
      for (const c of cases) {
        const d = dept(c.departmentCode);
        d.cases++;
        for (const l of clocksOf(c.caseId, c.view).filter((x) => x.state === 'stopped')) {
          const s = stageDays.get(l.stage) ?? { days: [], onTime: 0 };
          s.days.push(l.consumedDays);
          const ok = finishedOnTime(l);
          if (ok) s.onTime++;
          stageDays.set(l.stage, s);
          finished++;
          d.finished++;
          if (ok) {
            onTime++;
            d.onTime++;
          }
        }
      }
      for (const o of overdue) dept(o.departmentCode).overdueNow += o._count._all;
      const byLevel: Record<'1' | '2' | '3', number> = { '1': 0, '2': 0, '3': 0 };
      for (const e of escalations) {
        const level = String(e.level) as '1' | '2' | '3';
        if (level in byLevel) {
          byLevel[level]++;
          dept(e.caseDepartment).escalations[level]++;
        }
      }
      return {
        from: q.from.toISOString(),
        to: q.to.toISOString(),
        department: q.department ?? null,
        type: q.type ?? null,
        cases: cases.length,
        finishedStages: finished,
        onTimeStages: onTime,
        onTimeRate: rate(onTime, finished),
        stages: [...stageDays.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([stage, s]) => ({ stage, finished: s.days.length, onTime: s.onTime, onTimeRate: rate(s.onTime, s.days.length), p50: percentile(s.days, 50), p90: percentile(s.days, 90) })),
        overdueNow: overdue.reduce((n, o) => n + o._count._all, 0),
        escalationsByLevel: byLevel,
        departments: [...departments.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([department, d]) => ({ department, ...d, onTimeRate: rate(d.onTime, d.finished) })),
        formulas: SLA_FORMULAS,
      };
    },

    async funds(actor: Actor, year: number) {
      requireRole(actor, READERS, 'read the funds report');
      const [lines, commitments] = await Promise.all([repos.funding.budgetsOfYear(year), repos.reports.commitmentsOfYear(year)]);
      const live = commitments.filter((c) => c.status !== 'released');
      const [payments, views] = await Promise.all([repos.reports.paymentsOf(live.map((c) => c.caseId)), repos.reports.casesByIds(live.map((c) => c.caseId))]);
      const viewOf = new Map(views.map((v) => [v.caseId, v.view]));
      const paidOf = new Map<string, bigint>();
      for (const p of payments) paidOf.set(p.caseId, (paidOf.get(p.caseId) ?? 0n) + p.amountFen);
      const codes = [...new Set([...lines.map((l) => l.policyCode), ...live.map((c) => c.policyCode)])].sort();
      const measures = codes.map((policyCode) => {
        const line = lines.find((l) => l.policyCode === policyCode);
        const mine = live.filter((c) => c.policyCode === policyCode);
        const paid = mine.filter((c) => paidOf.has(c.caseId));
        const paidFen = paid.reduce((n, c) => n + (paidOf.get(c.caseId) ?? 0n), 0n);
        const inSla = paid.filter((c) => clocksOf(c.caseId, viewOf.get(c.caseId)).some((l) => l.stage === 'funding' && l.state === 'stopped' && finishedOnTime(l))).length;
        return {
          policyCode,
          titleZh: MEASURES.find((m) => m.code === policyCode)?.titleZh ?? policyCode,
          budgetFen: Number(line?.totalFen ?? 0),
          committedFen: Number(line?.committedFen ?? 0),
          paidFen: Number(paidFen),
          cases: mine.length,
          paidCases: paid.length,
          averagePaidFen: paid.length === 0 ? null : Number(paidFen / BigInt(paid.length)),
          paidWithinSla: inSla,
          paidWithinSlaRate: rate(inSla, paid.length),
        };
      });
      return { year, measures, formulas: FUNDS_FORMULAS };
    },

    async annualEvaluation(actor: Actor, year: number) {
      requireRole(actor, READERS, 'read the annual evaluation');
      const range = yearRange(year);
      const [filings, appeals, escalations, lines] = await Promise.all([
        repos.reports.casesOpened({ ...range, type: 'application' }),
        repos.reports.casesOpened({ ...range, type: 'appeal' }),
        repos.reports.escalationsFired(range),
        repos.funding.budgetsOfYear(year),
      ]);
      const payments = await repos.reports.paymentsOf(filings.map((f) => f.caseId));
      const paidOf = new Map<string, number>();
      for (const p of payments) paidOf.set(p.caseId, (paidOf.get(p.caseId) ?? 0) + Number(p.amountFen));
      const escalationsOf = new Map<string, number>();
      for (const e of escalations) escalationsOf.set(e.caseId, (escalationsOf.get(e.caseId) ?? 0) + 1);
      const measures = MEASURES.map((m) => {
        const mine = filings.filter((f) => f.policyCode === m.code);
        const decided = mine.filter((f) => decisionOf(f.view) === 'approved' || decisionOf(f.view) === 'rejected');
        const daysToDecision = decided.map((f) => clocksOf(f.caseId, f.view).filter((l) => l.state === 'stopped' && l.stage !== 'funding').reduce((n, l) => n + l.consumedDays, 0));
        const paidFen = mine.reduce((n, f) => n + (paidOf.get(f.caseId) ?? 0), 0);
        const budgetFen = Number(lines.find((l) => l.policyCode === m.code)?.totalFen ?? 0);
        return {
          policyCode: m.code,
          titleZh: m.titleZh,
          lead: m.lead,
          kind: m.kind,
          filings: mine.length,
          approvals: mine.filter((f) => decisionOf(f.view) === 'approved').length,
          rejections: mine.filter((f) => decisionOf(f.view) === 'rejected').length,
          notAccepted: mine.filter((f) => f.status === 'not_accepted').length,
          paidFen,
          averageWorkingDaysToDecision: daysToDecision.length === 0 ? null : Math.round((daysToDecision.reduce((a, b) => a + b, 0) / daysToDecision.length) * 100) / 100,
          escalations: mine.reduce((n, f) => n + (escalationsOf.get(f.caseId) ?? 0), 0),
          appeals: appeals.filter((a) => a.policyCode === m.code).length,
          budgetFen,
          budgetExecutionRate: budgetFen === 0 ? null : rate(paidFen, budgetFen),
        };
      });
      return { year, measures, measuresWithoutFilings: measures.filter((m) => m.filings === 0).map((m) => m.policyCode), formulas: ANNUAL_FORMULAS };
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
