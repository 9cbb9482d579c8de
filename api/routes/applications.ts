import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { APPLICATION_ACT_REQUEST_BODIES as BODIES, APPLICATION_ACT_NAMES, ZDocumentRef, type ApplicationActName, type ApplicationActRequestOf } from '../../domain/application/acts';
import { ZApplicationStatus } from '../../domain/application/status';
import { actorOf } from '../plugins/auth';
import { ZAppealLinks } from '../schemas/appeal-view';
import { ZDocumentsByAct } from './documents';
import { protectedErrors, ZErrorBody, ZPagination } from '../schemas/common';
import { ZCaseEscalation } from '../schemas/sla';
import type { ApplicationActs } from '../services/application-acts';
import { ZPublicNotice } from '../services/public-notice';
import { ZFileApplication } from '../services/file-application';
import type { createFileApplication } from '../services/file-application';

const ZCaseParam = z.object({ caseId: z.string().regex(/^SB-\d{4}-\d{6}$/, 'a case number like SB-2026-000123') });
const ZIdempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() });

/**
 * Each act's body as its route receives it: checked by the act's schema (domain/application/
 * acts.ts) and tagged with the act the URL names, so the handler hands one typed
 * ApplicationActBody on. `satisfies` checks each route's output against its act's body type.
 */
const ACT_REQUESTS = {
  accept: BODIES['accept'].transform((b) => ({ ...b, act: 'accept' as const })),
  'request-supplement': BODIES['request-supplement'].transform((b) => ({ ...b, act: 'request-supplement' as const })),
  'not-accept': BODIES['not-accept'].transform((b) => ({ ...b, act: 'not-accept' as const })),
  supplement: BODIES['supplement'].transform((b) => ({ ...b, act: 'supplement' as const })),
  approve: BODIES['approve'].transform((b) => ({ ...b, act: 'approve' as const })),
  reject: BODIES['reject'].transform((b) => ({ ...b, act: 'reject' as const })),
  countersign: BODIES['countersign'].transform((b) => ({ ...b, act: 'countersign' as const })),
  objection: BODIES['objection'].transform((b) => ({ ...b, act: 'objection' as const })),
  'resolve-objection': BODIES['resolve-objection'].transform((b) => ({ ...b, act: 'resolve-objection' as const })),
  withdraw: BODIES['withdraw'].transform((b) => ({ ...b, act: 'withdraw' as const })),
} satisfies { [K in ApplicationActName]: z.ZodType<ApplicationActRequestOf<K>, z.input<(typeof BODIES)[K]>> };

const ZQuote = z.object({
  eligible: z.boolean(),
  amountFen: z.number(),
  breakdown: z.array(z.object({ label: z.string(), amountFen: z.number(), rule: z.string() })),
  reasons: z.array(z.string()),
  pending: z.array(z.object({ parameter: z.string(), label: z.string(), note: z.string() })),
  awardRecords: z.array(z.object({ policyCode: z.string(), item: z.string(), limitKey: z.string(), amountFen: z.number(), period: z.string().optional() })),
});

const ZApplicationView = z.object({
  caseId: z.string(),
  status: ZApplicationStatus,
  title: z.string(),
  enterpriseId: z.string().nullable(),
  policyCode: z.string(),
  item: z.string(),
  kind: z.enum(['award', 'approval']),
  catalogueVersion: z.number(),
  leadDepartment: z.string(),
  coDepartments: z.array(z.string()),
  filedAt: z.string(),
  facts: z.record(z.string(), z.unknown()),
  documents: z.array(ZDocumentRef).describe('what the workflow holds: every document filed or supplied, in order'),
  documentsByAct: ZDocumentsByAct.describe('the documents the case holds, by the act that attached them (download: GET /api/v1/documents/:documentId)'),
  quote: ZQuote,
  decision: z.unknown().nullable(),
  supplementRequest: z.unknown().nullable(),
  countersigns: z.array(z.unknown()),
  objections: z.array(z.unknown()),
  publicity: z.object({ from: z.string(), until: z.string() }).nullable(),
  funding: z.object({ commitment: z.string(), attempts: z.number(), transferRef: z.string().nullable(), account: z.string().nullable(), failure: z.string().nullable() }),
  history: z.array(z.object({ at: z.string(), act: z.string(), by: z.string().nullable(), role: z.string().nullable(), department: z.string().nullable(), note: z.string().nullable() })),
  assigneeId: z.string().nullable(),
  clock: z.unknown().nullable().describe('the SLA clock ledger of the current stage'),
  clocks: z.array(z.unknown()).describe('every stage clock of the case in start order, finished ones included (budget, consumed days, suspensions, extensions)'),
  escalations: z.array(ZCaseEscalation),
  appeals: ZAppealLinks,
  actsAvailable: z.array(z.string()).describe('the acts the caller may take now'),
  closedAt: z.string().nullable(),
});

export const applicationRoutes: FastifyPluginAsyncZod<{ file: ReturnType<typeof createFileApplication>; acts: ApplicationActs }> = async (app, { file, acts }) => {
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'File an application (申报) for an award or approval item; needs an Idempotency-Key header',
        security,
        headers: ZIdempotencyHeader,
        body: ZFileApplication,
        response: {
          201: z.object({ caseId: z.string(), status: z.string(), quote: ZQuote.nullable(), deadline: z.string().nullable() }),
          200: z.object({ caseId: z.string(), status: z.string(), quote: ZQuote.nullable(), deadline: z.string().nullable() }),
          ...protectedErrors,
          409: ZErrorBody,
          503: ZErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { replayed, ...result } = await file(actorOf(request), request.body, request.headers['idempotency-key']);
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Applications in the caller’s scope, newest first',
        security,
        querystring: z.object({
          status: ZApplicationStatus.optional(),
          policyCode: z.string().regex(/^M\d{2}$/).optional(),
          enterpriseId: z.uuid().optional(),
          ...ZPagination.shape,
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                status: z.string(),
                title: z.string(),
                policyCode: z.string().nullable(),
                enterpriseId: z.string().nullable(),
                departmentCode: z.string(),
                deadlineAt: z.string().nullable(),
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
    '/api/v1/applications/:caseId',
    { schema: { tags: ['applications'], summary: 'One application with its clock, escalations and the acts the caller may take', security, params: ZCaseParam, response: { 200: ZApplicationView, ...protectedErrors } } },
    async (request) => acts.get(actorOf(request), request.params.caseId),
  );

  for (const name of APPLICATION_ACT_NAMES) {
    app.post(
      `/api/v1/applications/:caseId/${name}`,
      {
        schema: {
          tags: ['applications'],
          summary: `Act on an application: ${name}`,
          security,
          params: ZCaseParam,
          headers: ZIdempotencyHeader,
          body: ACT_REQUESTS[name],
          // A caller outside the case's scope (an objection during publicity) gets the 公示 part only.
          response: { 200: z.union([ZApplicationView, ZPublicNotice]), ...protectedErrors, 409: ZErrorBody, 503: ZErrorBody },
        },
      },
      async (request) => acts.act(actorOf(request), request.params.caseId, request.body, request.headers['idempotency-key']),
    );
  }
};
