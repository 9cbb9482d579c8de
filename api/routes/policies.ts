import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZLimit, ZMeasureSnapshot } from '../../domain/policy/snapshot';
import { ZDepartmentCode } from '../../domain/roles';
import { actorOf } from '../plugins/auth';
import { protectedErrors, zDecimal, ZErrorBody, ZUuidParam } from '../schemas/common';
import type { PolicyService } from '../services/policy-service';

const ZKind = z.enum(['award', 'approval', 'proxy', 'appeal', 'platform', 'info']);
const ZVersionNo = zDecimal(z.int().min(1).max(1_000_000));
const ZIsoDate = z.iso.date().describe('YYYY-MM-DD');
const ZParameterValues = z.record(z.string(), z.int().nullable()).describe('parameter name → value (null: pending)');

const ZCodeParam = z.object({ code: z.string().min(1).max(20).describe('measure code, M01 … M46') });

const ZMeasureSummary = ZMeasureSnapshot.pick({ code: true, no: true, chapter: true, titleZh: true, name: true, kind: true, lead: true, co: true, applicantTypes: true }).extend({
  items: z.array(z.object({ code: z.string(), kind: z.enum(['award', 'approval']), name: z.string(), nameZh: z.string() })),
});

const ZVersionInfo = z.object({ catalogueVersion: z.int(), effectiveFrom: z.string() });

const ZQuoteBody = z.strictObject({
  item: z.string().min(1).max(100).describe("the item's code, e.g. 'title'"),
  facts: z.record(z.string(), z.unknown()).describe("the item's facts; the form is in GET /api/v1/policies/:code"),
  enterpriseId: z.uuid().optional().describe('check once-only and per-period limits against this enterprise’s granted awards (enterprise users: their own, the default)'),
  asOf: ZIsoDate.optional().describe('the quote date (default: today, Asia/Shanghai); decides the catalogue version'),
});

const ZQuoteView = z.object({
  policyCode: z.string(),
  item: z.string(),
  catalogueVersion: z.int(),
  effectiveFrom: z.string(),
  asOf: z.string(),
  enterpriseId: z.string().nullable(),
  eligible: z.boolean(),
  amountFen: z.int().describe('integer fen'),
  breakdown: z.array(z.object({ label: z.string(), labelZh: z.string(), amountFen: z.int(), rule: z.string() })),
  reasons: z.array(z.string()),
  pending: z.array(z.object({ parameter: z.string(), label: z.string(), note: z.string() })),
  parameters: ZParameterValues,
  notes: z.array(z.string()),
  limit: ZLimit,
  limitKeys: z.array(z.string()),
  period: z.string().optional(),
});

const ZVersionView = z.object({
  version: z.int(),
  effectiveFrom: z.string(),
  parameters: ZParameterValues,
  note: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});

const ZPublishBody = z.strictObject({
  effectiveFrom: ZIsoDate.describe('on or after the latest version’s effectiveFrom'),
  parameters: ZParameterValues.default({}).describe('only the parameters that change; the rest carry over from the latest version'),
  note: z.string().trim().min(1).max(1000).describe('why (audited)'),
});

const ZMatchesView = z.object({
  enterpriseId: z.string(),
  catalogueVersion: z.int(),
  asOf: z.string(),
  likely: z.array(z.object({ policyCode: z.string(), item: z.string(), estimatedAmountFen: z.int(), why: z.string() })),
  possible: z.array(z.object({ policyCode: z.string(), item: z.string(), missingFacts: z.array(z.string()) })),
});

export const policyRoutes: FastifyPluginAsyncZod<{ policies: PolicyService }> = async (app, { policies }) => {
  app.get(
    '/api/v1/policies',
    {
      schema: {
        tags: ['policies'],
        summary: 'The measures of the catalogue version in effect today (or ?version=)',
        security: [{ bearer: [] }],
        querystring: z.object({
          kind: ZKind.optional(),
          department: ZDepartmentCode.optional().describe('lead or co-department'),
          version: ZVersionNo.optional(),
        }),
        response: { 200: ZVersionInfo.extend({ items: z.array(ZMeasureSummary) }), ...protectedErrors },
      },
    },
    async (request) => policies.list(request.query),
  );

  app.get(
    '/api/v1/policies/versions',
    {
      schema: {
        tags: ['policies'],
        summary: 'Published catalogue versions, oldest first, and the one in effect today',
        security: [{ bearer: [] }],
        response: { 200: z.object({ inEffect: z.int().nullable(), items: z.array(ZVersionView) }), ...protectedErrors },
      },
    },
    async () => policies.listVersions(),
  );

  app.post(
    '/api/v1/policies/versions',
    {
      schema: {
        tags: ['policies', 'admin'],
        summary: 'Publish catalogue version N+1 with changed parameters (admin); starts policy matching for it',
        security: [{ bearer: [] }],
        body: ZPublishBody,
        response: {
          201: ZVersionView.extend({
            matching: z.object({ workflowId: z.string(), started: z.boolean(), problem: z.string().nullable() }),
          }),
          ...protectedErrors,
          409: ZErrorBody,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await policies.publish(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/policies/:code',
    {
      schema: {
        tags: ['policies'],
        summary: 'One measure: items with their facts forms (JSON Schema), parameters, SLA profile, notes',
        security: [{ bearer: [] }],
        params: ZCodeParam,
        querystring: z.object({ version: ZVersionNo.optional() }),
        response: { 200: ZVersionInfo.extend(ZMeasureSnapshot.shape), ...protectedErrors },
      },
    },
    async (request) => policies.get(request.params.code, request.query.version),
  );

  app.post(
    '/api/v1/policies/:code/quote',
    {
      // A calculation sent by POST (its body is a form): it writes nothing, so auditors may quote too.
      config: { changesNothing: true },
      schema: {
        tags: ['policies'],
        summary: 'Quote one item: eligibility, amount in fen with its breakdown, reasons, pending parts',
        security: [{ bearer: [] }],
        params: ZCodeParam,
        body: ZQuoteBody,
        response: { 200: ZQuoteView, ...protectedErrors },
      },
    },
    async (request) => policies.quote(actorOf(request), request.params.code, request.body),
  );

  app.get(
    '/api/v1/enterprises/:id/matches',
    {
      schema: {
        tags: ['policies', 'enterprises'],
        summary: 'Items the enterprise likely qualifies for (estimated amount) and may qualify for (missing facts), today',
        security: [{ bearer: [] }],
        params: ZUuidParam,
        response: { 200: ZMatchesView, ...protectedErrors },
      },
    },
    async (request) => policies.matches(actorOf(request), request.params.id),
  );
};
