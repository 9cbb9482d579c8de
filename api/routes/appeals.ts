// 诉求 appeals (measures 45, 46): filing, one route per act, the appeal view, the scoped list and
// the platform's report. Thin: each route parses its input and makes one service call.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDocumentsByAct } from './documents';
import { APPEAL_ACT_BODIES as BODIES, APPEAL_ACT_NAMES, type AppealActBodyOf, type AppealActName } from '../../domain/appeal/acts';
import { APPEAL_CATEGORIES } from '../../domain/appeal/catalogue';
import { ZAppealStatus } from '../../domain/appeal/status';
import { ZIsoDate } from '../../domain/calendar';
import { ZDepartmentCode } from '../../domain/roles';
import { actorOf } from '../plugins/auth';
import { ZAppealState, ZDispatchProposal, ZResponsibleParty } from '../schemas/appeal-view';
import { protectedErrors, ZErrorBody, ZPagination } from '../schemas/common';
import { ZCaseEscalation, ZClockView } from '../schemas/sla';
import { reportCsv, type AppealActs } from '../services/appeal-acts';
import { ZFileAppeal, type FileAppeal } from '../services/file-appeal';
import { jsonOrCsvContent } from './csv-reply';

const ZCaseParam = z.object({ caseId: z.string().regex(/^SQ-\d{4}-\d{6}$/, 'a case number like SQ-2026-000123') });
const ZIdempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() });

/**
 * Each act's body as its route receives it: checked by the act's schema (domain/appeal/acts.ts)
 * and tagged with the act the URL names. `satisfies` checks each route's output against its act's body type.
 */
const ACT_REQUESTS = {
  accept: BODIES['accept'].transform((b) => ({ ...b, act: 'accept' as const })),
  'not-accept': BODIES['not-accept'].transform((b) => ({ ...b, act: 'not-accept' as const })),
  dispatch: BODIES['dispatch'].transform((b) => ({ ...b, act: 'dispatch' as const })),
  'sign-for': BODIES['sign-for'].transform((b) => ({ ...b, act: 'sign-for' as const })),
  return: BODIES['return'].transform((b) => ({ ...b, act: 'return' as const })),
  contribute: BODIES['contribute'].transform((b) => ({ ...b, act: 'contribute' as const })),
  reply: BODIES['reply'].transform((b) => ({ ...b, act: 'reply' as const })),
  rate: BODIES['rate'].transform((b) => ({ ...b, act: 'rate' as const })),
  conclude: BODIES['conclude'].transform((b) => ({ ...b, act: 'conclude' as const })),
} satisfies { [K in AppealActName]: z.ZodType<AppealActBodyOf<K>, z.input<(typeof BODIES)[K]>> };

const ZResponsible = z
  .object({ party: ZResponsibleParty.nullable(), department: z.string().nullable(), deadlineAt: z.string().nullable() })
  .describe('全兜底: who answers for the appeal now, the department behind them, and by when (null once closed)');

const state = ZAppealState.shape;
const ZAppealView = z.object({
  caseId: z.string(),
  status: ZAppealStatus,
  category: z.enum(APPEAL_CATEGORIES),
  title: z.string(),
  description: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  contactPhone: z.string().nullable(),
  relatedPolicyCode: z.string().nullable(),
  relatedCase: z.object({ caseId: z.string(), caseType: z.string(), status: z.string(), title: z.string() }).nullable().describe('null when none was named or the caller may not see it'),
  proposal: ZDispatchProposal.describe('where the appeal goes by default (精准分办)'),
  priority: state.priority,
  leadDepartment: z.string().nullable(),
  coDepartments: z.array(z.string()),
  responsible: ZResponsible,
  // The trail: acceptance, notAccepted, dispatches, returnDueAt, signs, returns, contributions, replies, ratingDueAt, ratings, reopenCount, conclusion.
  ...ZAppealState.omit({ status: true, priority: true, leadDepartment: true, coDepartments: true, ratingClosed: true, closedAt: true }).shape,
  clocks: z.array(ZClockView).describe('every clock in start order (acceptance, dispatch, sign, handling, redispatch, conclusion), finished ones included'),
  documentsByAct: ZDocumentsByAct.describe('the evidence the appeal holds, by the act that attached it'),
  history: z.array(z.object({ at: z.string(), act: z.string(), by: z.string().nullable(), role: z.string().nullable(), department: z.string().nullable(), note: z.string().nullable() })),
  escalations: z.array(ZCaseEscalation),
  actsAvailable: z.array(z.string()).describe('the acts the caller may take now'),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});

const ZFiled = z.object({ caseId: z.string(), status: ZAppealStatus, responsible: ZResponsible, proposal: ZDispatchProposal });

/** A weight 0..1 in a query string ('0.5', '1'); anything else is refused. */
const ZWeight = z.preprocess((value: unknown, ctx) => {
  if (typeof value !== 'string') return value;
  if (/^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$/.test(value)) return Number(value);
  ctx.addIssue({ code: 'custom', message: 'expected a number from 0 to 1, e.g. 0.5' });
  return z.NEVER;
}, z.number().min(0).max(1).default(1));

const ZFigure = z.object({
  key: z.string(),
  labelZh: z.string(),
  formula: z.string(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  value: z.number().nullable().describe('numerator / denominator; null when the denominator is 0; a count’s value is the count'),
});
const ZReport = z.object({
  from: z.string(),
  to: z.string(),
  department: z.string().nullable(),
  basicallySatisfiedWeight: z.number(),
  counts: z.object({
    filed: z.number(),
    accepted: z.number(),
    notAccepted: z.number(),
    open: z.number(),
    closed: z.object({ closed: z.number(), not_rated: z.number(), concluded: z.number() }),
  }),
  figures: z.array(ZFigure),
});

export const appealRoutes: FastifyPluginAsyncZod<{ file: FileAppeal; acts: AppealActs }> = async (app, { file, acts }) => {
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['appeals'],
        summary: 'File a 诉求 appeal (enterprise users); needs an Idempotency-Key header',
        security,
        headers: ZIdempotencyHeader,
        body: ZFileAppeal,
        response: { 201: ZFiled, 200: ZFiled, ...protectedErrors, 409: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request, reply) => {
      const { replayed, ...result } = await file(actorOf(request), request.body, request.headers['idempotency-key']);
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['appeals'],
        summary: 'Appeals in the caller’s scope, newest first',
        security,
        querystring: z.object({
          category: z.enum(APPEAL_CATEGORIES).optional(),
          status: ZAppealStatus.optional(),
          department: ZDepartmentCode.optional().describe('the lead department (GXJ until dispatched)'),
          responsible: ZResponsibleParty.optional().describe('the party that answers for it now'),
          ...ZPagination.shape,
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                status: ZAppealStatus,
                category: z.enum(APPEAL_CATEGORIES),
                title: z.string(),
                enterpriseId: z.string(),
                leadDepartment: z.string().nullable(),
                responsible: ZResponsible,
                openedAt: z.string(),
                closedAt: z.string().nullable(),
              }),
            ),
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => ({ items: await acts.list(actorOf(request), request.query) }),
  );

  app.get(
    '/api/v1/appeals/:caseId',
    { schema: { tags: ['appeals'], summary: 'One appeal: who answers for it by when, its trail, clocks and history, and the acts the caller may take', security, params: ZCaseParam, response: { 200: ZAppealView, ...protectedErrors } } },
    async (request) => acts.get(actorOf(request), request.params.caseId),
  );

  for (const name of APPEAL_ACT_NAMES) {
    app.post(
      `/api/v1/appeals/:caseId/${name}`,
      {
        schema: {
          tags: ['appeals'],
          summary: `Act on an appeal: ${name}`,
          security,
          params: ZCaseParam,
          headers: ZIdempotencyHeader,
          body: ACT_REQUESTS[name],
          response: { 200: ZAppealView, ...protectedErrors, 409: ZErrorBody, 503: ZErrorBody },
        },
      },
      async (request) => acts.act(actorOf(request), request.params.caseId, request.body, request.headers['idempotency-key']),
    );
  }

  app.get(
    '/api/v1/reports/appeals',
    {
      schema: {
        tags: ['appeals', 'reports'],
        summary: 'The appeal platform’s figures over the appeals filed from..to (Asia/Shanghai dates); CSV with Accept: text/csv or format=csv',
        security,
        querystring: z.object({
          from: ZIsoDate,
          to: ZIsoDate,
          department: ZDepartmentCode.optional().describe('only appeals led by this department'),
          basicallySatisfiedWeight: ZWeight.describe('the weight of 基本满意 in 满意率, 0..1 (default 1)'),
          format: z.enum(['json', 'csv']).optional(),
        }),
        response: { 200: jsonOrCsvContent(ZReport, 'or format=csv: the figures as CSV (key,labelZh,formula,numerator,denominator,value)'), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await acts.report(actorOf(request), query);
      const csv = format === 'csv' || (format === undefined && (request.headers.accept ?? '').includes('text/csv'));
      if (!csv) return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="appeal-report-${report.from}-${report.to}${report.department ? `-${report.department}` : ''}.csv"`)
        .send(reportCsv(report));
    },
  );
};
