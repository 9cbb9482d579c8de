// The reports of issue 12 (supervisors, auditors, admins): SLA performance over a period, the
// funds of a year per measure, and the yearly evaluation of the 46 measures. JSON with each
// figure's formula, or CSV (Accept: text/csv): one row per department or measure.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIsoDate } from '../../domain/calendar';
import { ZDepartmentCode } from '../../domain/roles';
import { actorOf } from '../plugins/auth';
import { protectedErrors } from '../schemas/common';
import type { ReportService } from '../services/report-service';
import { jsonOrCsvContent, sendCsv, wantsCsv } from './csv-reply';

const ZRate = z.number().nullable().describe('a fraction 0..1 to four decimals; null when nothing was counted');
const ZFormulas = z.record(z.string(), z.string()).describe('each figure with how it is computed');
const ZLevels = z.object({ '1': z.int(), '2': z.int(), '3': z.int() });
const ZYear = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
/** CSV when the client asks for it with Accept: text/csv. */
const csv = wantsCsv;

const ZSlaReport = z.object({
  from: z.string(),
  to: z.string(),
  department: z.string().nullable(),
  type: z.string().nullable(),
  cases: z.int(),
  finishedStages: z.int(),
  onTimeStages: z.int(),
  onTimeRate: ZRate,
  stages: z.array(z.object({ stage: z.string(), finished: z.int(), onTime: z.int(), onTimeRate: ZRate, p50: z.number().nullable(), p90: z.number().nullable() })),
  overdueNow: z.int(),
  escalationsByLevel: ZLevels,
  departments: z.array(z.object({ department: z.string(), cases: z.int(), finished: z.int(), onTime: z.int(), onTimeRate: ZRate, overdueNow: z.int(), escalations: ZLevels })),
  formulas: ZFormulas,
});

const ZFundsReport = z.object({
  year: z.int(),
  measures: z.array(
    z.object({
      policyCode: z.string(),
      titleZh: z.string(),
      budgetFen: z.int(),
      committedFen: z.int(),
      paidFen: z.int(),
      cases: z.int(),
      paidCases: z.int(),
      averagePaidFen: z.int().nullable(),
      paidWithinSla: z.int(),
      paidWithinSlaRate: ZRate,
    }),
  ),
  formulas: ZFormulas,
});

const ZAnnual = z.object({
  year: z.int(),
  measures: z.array(
    z.object({
      policyCode: z.string(),
      titleZh: z.string(),
      lead: z.string(),
      kind: z.string(),
      filings: z.int(),
      approvals: z.int(),
      rejections: z.int(),
      notAccepted: z.int(),
      paidFen: z.int(),
      averageWorkingDaysToDecision: z.number().nullable(),
      escalations: z.int(),
      appeals: z.int(),
      budgetFen: z.int(),
      budgetExecutionRate: ZRate,
    }),
  ),
  measuresWithoutFilings: z.array(z.string()),
  formulas: ZFormulas,
});

export const reportRoutes: FastifyPluginAsyncZod<{ reports: ReportService }> = async (app, { reports }) => {
  const security = [{ bearer: [] }];
  app.get(
    '/api/v1/reports/sla',
    {
      schema: {
        tags: ['reports'],
        summary: 'SLA performance of the cases opened from..to (Asia/Shanghai dates, both included): on-time rate, working days per stage p50/p90, overdue now, escalations by level, per department',
        security,
        querystring: z.object({ from: ZIsoDate, to: ZIsoDate, department: ZDepartmentCode.optional(), type: z.enum(['application', 'proxy', 'appeal']).optional() }),
        response: { 200: jsonOrCsvContent(ZSlaReport, 'one row per department as CSV'), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const { from, to, department, type } = request.query;
      const r = await reports.sla(actorOf(request), { from: new Date(`${from}T00:00:00+08:00`), to: new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000), department, type });
      if (!csv(request)) return r;
      return sendCsv(reply, {
        filename: `sla-${from}-${to}.csv`,
        header: ['department', 'cases', 'finished_stages', 'on_time_stages', 'on_time_rate', 'overdue_now', 'escalations_l1', 'escalations_l2', 'escalations_l3'],
        rows: r.departments.map((d) => [d.department, d.cases, d.finished, d.onTime, d.onTimeRate, d.overdueNow, d.escalations['1'], d.escalations['2'], d.escalations['3']]),
        nextCursor: null,
      });
    },
  );
  app.get(
    '/api/v1/reports/funds',
    {
      schema: { tags: ['reports', 'funding'], summary: 'Funds of a year per measure: budget, committed, paid, cases, average amount, paid within the payment SLA', security, querystring: ZYear, response: { 200: jsonOrCsvContent(ZFundsReport, 'one row per measure as CSV'), ...protectedErrors } },
    },
    async (request, reply) => {
      const r = await reports.funds(actorOf(request), request.query.year);
      if (!csv(request)) return r;
      return sendCsv(reply, {
        filename: `funds-${r.year}.csv`,
        header: ['policy_code', 'title_zh', 'budget_fen', 'committed_fen', 'paid_fen', 'cases', 'paid_cases', 'average_paid_fen', 'paid_within_sla', 'paid_within_sla_rate'],
        rows: r.measures.map((m) => [m.policyCode, m.titleZh, m.budgetFen, m.committedFen, m.paidFen, m.cases, m.paidCases, m.averagePaidFen, m.paidWithinSla, m.paidWithinSlaRate]),
        nextCursor: null,
      });
    },
  );
  app.get(
    '/api/v1/reports/annual-evaluation',
    {
      schema: {
        tags: ['reports'],
        summary: 'The yearly evaluation of every measure (filings, approvals, rejections, money paid, working days to decision, escalations, appeals naming it, budget execution) and the measures nobody filed for',
        security,
        querystring: ZYear,
        response: { 200: jsonOrCsvContent(ZAnnual, 'one row per measure as CSV'), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const r = await reports.annualEvaluation(actorOf(request), request.query.year);
      if (!csv(request)) return r;
      return sendCsv(reply, {
        filename: `annual-evaluation-${r.year}.csv`,
        header: ['policy_code', 'title_zh', 'lead', 'kind', 'filings', 'approvals', 'rejections', 'not_accepted', 'paid_fen', 'average_working_days_to_decision', 'escalations', 'appeals', 'budget_fen', 'budget_execution_rate'],
        rows: r.measures.map((m) => [m.policyCode, m.titleZh, m.lead, m.kind, m.filings, m.approvals, m.rejections, m.notAccepted, m.paidFen, m.averageWorkingDaysToDecision, m.escalations, m.appeals, m.budgetFen, m.budgetExecutionRate]),
        nextCursor: null,
      });
    },
  );
};
