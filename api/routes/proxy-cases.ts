// 代办 proxy cases (measures 39, 40): filing, one route per act, the case view, the list, and an
// agent's workload. Thin: each route parses its input and makes one service call.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDocumentIds } from '../../domain/document';
import { ZDocumentsByAct } from './documents';
import { PROXY_ACT_BODIES as BODIES, PROXY_ACT_NAMES, type ProxyActBodyOf, type ProxyActName } from '../../domain/proxy/acts';
import { ZProxyStatus } from '../../domain/proxy/status';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZErrorBody, ZPagination, ZUuidParam } from '../schemas/common';
import { ZAppealLinks } from '../schemas/appeal-view';
import { ZCompletionRecord, ZHandover, ZItemState, ZProblem, ZProxyState, ZWaitingOn } from '../schemas/proxy-view';
import { ZCaseEscalation, ZClockView } from '../schemas/sla';
import { ZFileProxyCase, type FileProxyCase } from '../services/file-proxy-case';
import type { ProxyCaseActs } from '../services/proxy-case-acts';

const ZCaseParam = z.object({ caseId: z.string().regex(/^DB-\d{4}-\d{6}$/, 'a case number like DB-2026-000123') });
const ZIdempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() });
const ZKey = z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a key like planning_permit');

/**
 * Each act's body as its route receives it: checked by the act's schema (domain/proxy/acts.ts)
 * and tagged with the act the URL names, so the handler hands one typed ProxyActBody on.
 * `satisfies` checks each route's output against its act's body type.
 */
const ACT_REQUESTS = {
  confirm: BODIES['confirm'].transform((b) => ({ ...b, act: 'confirm' as const })),
  entrust: BODIES['entrust'].transform((b) => ({ ...b, act: 'entrust' as const })),
  assign: BODIES['assign'].transform((b) => ({ ...b, act: 'assign' as const })),
  reassign: BODIES['reassign'].transform((b) => ({ ...b, act: 'reassign' as const })),
  note: BODIES['note'].transform((b) => ({ ...b, act: 'note' as const })),
  problem: BODIES['problem'].transform((b) => ({ ...b, act: 'problem' as const })),
  'resolve-problem': BODIES['resolve-problem'].transform((b) => ({ ...b, act: 'resolve-problem' as const })),
  'request-materials': BODIES['request-materials'].transform((b) => ({ ...b, act: 'request-materials' as const })),
  // The materials and the permit scan as uploads (documentIds): attached to the case by the API,
  // the workflow's act stays as it was.
  'provide-materials': BODIES['provide-materials'].extend({ documentIds: ZDocumentIds.default([]) }).transform((b) => ({ ...b, act: 'provide-materials' as const })),
  guide: BODIES['guide'].transform((b) => ({ ...b, act: 'guide' as const })),
  submit: BODIES['submit'].transform((b) => ({ ...b, act: 'submit' as const })),
  return: BODIES['return'].transform((b) => ({ ...b, act: 'return' as const })),
  approve: BODIES['approve'].extend({ documentIds: ZDocumentIds.default([]) }).transform((b) => ({ ...b, act: 'approve' as const })),
  rate: BODIES['rate'].transform((b) => ({ ...b, act: 'rate' as const })),
  'complete-follow-up': BODIES['complete-follow-up'].transform((b) => ({ ...b, act: 'complete-follow-up' as const })),
  terminate: BODIES['terminate'].transform((b) => ({ ...b, act: 'terminate' as const })),
  'close-stalled': BODIES['close-stalled'].transform((b) => ({ ...b, act: 'close-stalled' as const })),
} satisfies { [K in ProxyActName]: z.ZodType<ProxyActBodyOf<K>, z.input<(typeof BODIES)[K]>> };

const item = ZItemState.shape;
const ZItemView = z.object({
  key: z.string(),
  labelZh: z.string(),
  label: z.string(),
  plannedAuthority: z.string().describe('the authority the plan names'),
  authority: z.string().describe('the authority deciding it now (the one it was filed with)'),
  workingDays: z.number(),
  guidanceRequired: z.boolean().describe('green channel: 提前指导 before filing'),
  status: item.status,
  guidance: item.guidance,
  materialsRequest: item.materialsRequest,
  materials: item.materials,
  submissions: item.submissions,
  returns: item.returns,
  permitNo: item.permitNo,
  approvedAt: item.approvedAt,
  approvedBy: item.approvedBy,
  waitingOn: ZWaitingOn.nullable(),
  clock: ZClockView.nullable().describe('the item’s own clock; null before its stage starts'),
});

const state = ZProxyState.shape;
const ZProxyCaseView = z.object({
  caseId: z.string(),
  status: ZProxyStatus,
  title: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  project: z.object({ name: z.string(), type: z.string(), location: z.string(), investmentFen: z.number() }),
  contact: z.object({ name: z.string(), phone: z.string() }),
  channel: z.enum(['standard', 'green']),
  filedBy: z.string(),
  filedByEnterprise: z.boolean(),
  confirmedAt: z.string().nullable(),
  entrustment: state.entrustment,
  agentId: z.string().nullable(),
  handovers: z.array(ZHandover),
  stages: z.array(
    z.object({
      key: z.string(),
      labelZh: z.string(),
      label: z.string(),
      workingDays: z.number(),
      status: z.enum(['pending', 'running', 'done']),
      startedAt: z.string().nullable(),
      doneAt: z.string().nullable(),
      clock: ZClockView.nullable().describe('the stage’s tracked total'),
      items: z.array(ZItemView),
    }),
  ),
  currentStage: z.string().nullable(),
  waitingOn: ZWaitingOn.nullable(),
  reformTarget: z.object({ budgetDays: z.number(), consumedDays: z.number(), remainingDays: z.number(), state: z.enum(['not_started', 'running', 'suspended', 'overdue', 'stopped']) }),
  assignment: ZClockView.nullable().describe('the assignment clock (分派)'),
  problems: z.array(ZProblem.extend({ waitingOn: z.literal('supervisor').nullable(), clock: ZClockView.nullable() })),
  followUp: z.object({ openedAt: z.string(), outcome: z.object({ text: z.string(), by: z.string(), at: z.string() }).nullable(), clock: ZClockView.nullable() }).nullable(),
  notes: state.notes,
  documentsByAct: ZDocumentsByAct.describe('materials and permits the case holds, by the act (and item) that attached them'),
  completion: ZCompletionRecord.nullable().describe('代办办结单'),
  rating: state.rating,
  ratingDueAt: z.string().nullable(),
  ending: state.ending,
  history: z.array(z.object({ at: z.string(), act: z.string(), by: z.string().nullable(), role: z.string().nullable(), department: z.string().nullable(), note: z.string().nullable() })),
  escalations: z.array(ZCaseEscalation),
  appeals: ZAppealLinks,
  actsAvailable: z.array(z.string()).describe('the acts the caller may take now'),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});

const ZFiled = z.object({ caseId: z.string(), status: ZProxyStatus, channel: z.enum(['standard', 'green']), stages: z.array(z.string()), waitingOn: ZWaitingOn.nullable() });

export const proxyCaseRoutes: FastifyPluginAsyncZod<{ file: FileProxyCase; acts: ProxyCaseActs }> = async (app, { file, acts }) => {
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/proxy-cases',
    {
      schema: {
        tags: ['proxy-cases'],
        summary: 'File a 代办 proxy case (standard stages or the green channel); needs an Idempotency-Key header',
        security,
        headers: ZIdempotencyHeader,
        body: ZFileProxyCase,
        response: { 201: ZFiled, 200: ZFiled, ...protectedErrors, 409: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request, reply) => {
      const { replayed, ...result } = await file(actorOf(request), request.body, request.headers['idempotency-key']);
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/v1/proxy-cases',
    {
      schema: {
        tags: ['proxy-cases'],
        summary: 'Proxy cases in the caller’s scope, newest first',
        security,
        querystring: z.object({
          agentId: z.uuid().optional(),
          status: ZProxyStatus.optional(),
          stage: ZKey.optional().describe('the running stage'),
          overdue: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
          ...ZPagination.shape,
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                status: z.string(),
                title: z.string(),
                enterpriseId: z.string().nullable(),
                agentId: z.string().nullable(),
                currentStage: z.string().nullable(),
                waitingOn: ZWaitingOn.nullable(),
                deadlineAt: z.string().nullable(),
                overdue: z.boolean(),
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
    '/api/v1/proxy-cases/:caseId',
    { schema: { tags: ['proxy-cases'], summary: 'One proxy case: stages, items with their clocks, the reform target, and the acts the caller may take', security, params: ZCaseParam, response: { 200: ZProxyCaseView, ...protectedErrors } } },
    async (request) => acts.get(actorOf(request), request.params.caseId),
  );

  for (const name of PROXY_ACT_NAMES) {
    app.post(
      `/api/v1/proxy-cases/:caseId/${name}`,
      {
        schema: {
          tags: ['proxy-cases'],
          summary: `Act on a proxy case: ${name}`,
          security,
          params: ZCaseParam,
          headers: ZIdempotencyHeader,
          body: ACT_REQUESTS[name],
          response: { 200: ZProxyCaseView, ...protectedErrors, 409: ZErrorBody, 503: ZErrorBody },
        },
      },
      async (request) => acts.act(actorOf(request), request.params.caseId, request.body, request.headers['idempotency-key']),
    );
  }

  app.get(
    '/api/v1/agents/:id/workload',
    {
      schema: {
        tags: ['proxy-cases'],
        summary: 'An agent’s open proxy cases and next deadlines (the agent, the GXJ head, supervisors, auditors, admins)',
        security,
        params: ZUuidParam,
        response: {
          200: z.object({
            agentId: z.string(),
            openCases: z.number(),
            overdueCount: z.number(),
            waitingOnEnterprise: z.object({ count: z.number(), caseIds: z.array(z.string()) }),
            nextDeadlines: z.array(z.object({ caseId: z.string(), title: z.string(), clock: z.string().describe('the clock: an item key, problem_N, assignment, follow_up'), deadlineAt: z.string(), overdue: z.boolean() })),
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => acts.workload(actorOf(request), request.params.id),
  );
};
