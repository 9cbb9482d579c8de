import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZApplicationStatus } from '../../domain/application/status';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZErrorBody, ZPagination } from '../schemas/common';
import { ZCaseEscalation } from '../schemas/sla';
import type { ApplicationActs } from '../services/application-acts';
import { ZPublicNotice } from '../services/public-notice';
import { ZDocumentRef, ZFileApplication } from '../services/file-application';
import type { createFileApplication } from '../services/file-application';

const ZReason = z.string().trim().min(1).max(4000);
const ZCaseParam = z.object({ caseId: z.string().regex(/^SB-\d{4}-\d{6}$/, 'a case number like SB-2026-000123') });
const ZIdempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() });

/** The body of each act; the act name comes from the URL, the actor from the token. */
const ACT_BODIES = {
  accept: z.object({ opinion: z.string().max(4000).optional() }).strict(),
  'request-supplement': z.object({ items: z.array(z.object({ name: z.string().trim().min(1).max(200), reason: ZReason })).min(1).max(50) }).strict(),
  'not-accept': z.object({ reason: ZReason }).strict(),
  supplement: z.object({ documents: z.array(ZDocumentRef).max(100), facts: z.record(z.string(), z.unknown()).optional() }).strict(),
  approve: z
    .object({
      amountFen: z.number().int().positive().optional().describe('award items: the approved amount in fen, at most the quote'),
      opinion: ZReason,
      reductionReason: z.string().trim().min(1).max(4000).optional().describe('required when amountFen is below the quote'),
    })
    .strict(),
  reject: z.object({ reason: ZReason }).strict(),
  countersign: z.object({ decision: z.enum(['agree', 'disagree']), opinion: ZReason }).strict(),
  objection: z.object({ text: ZReason }).strict(),
  'resolve-objection': z.object({ upheld: z.boolean(), opinion: ZReason }).strict(),
  withdraw: z.object({ reason: ZReason }).strict(),
} as const;

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
  documents: z.array(ZDocumentRef),
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

  for (const [name, body] of Object.entries(ACT_BODIES) as Array<[keyof typeof ACT_BODIES, (typeof ACT_BODIES)[keyof typeof ACT_BODIES]]>) {
    app.post(
      `/api/v1/applications/:caseId/${name}`,
      {
        schema: {
          tags: ['applications'],
          summary: `Act on an application: ${name}`,
          security,
          params: ZCaseParam,
          headers: ZIdempotencyHeader,
          body,
          // A caller outside the case's scope (an objection during publicity) gets the 公示 part only.
          response: { 200: z.union([ZApplicationView, ZPublicNotice]), ...protectedErrors, 409: ZErrorBody, 503: ZErrorBody },
        },
      },
      async (request) =>
        acts.act(actorOf(request), request.params.caseId, name, request.body as Record<string, unknown>, request.headers['idempotency-key']),
    );
  }
};
