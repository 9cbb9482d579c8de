import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../plugins/auth';
import { protectedErrors, zDecimal } from '../schemas/common';
import type { AuditService } from '../services/audit-service';

const ZAuditRecordView = z.object({
  seq: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorDepartment: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

const ZAuditQuery = z
  .object({
    subjectType: z.string().min(1).max(50).optional(),
    subjectId: z.string().min(1).max(100).optional(),
    afterSeq: z.string().regex(/^\d{1,18}$/).optional().describe('page after this sequence number'),
    limit: zDecimal(z.int().min(1).max(500).default(100)),
  })
  .refine((q) => !q.subjectId || q.subjectType, { message: 'subjectId needs subjectType', path: ['subjectType'] });

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit records in chain order (auditor, admin, supervisor)',
        security: [{ bearer: [] }],
        querystring: ZAuditQuery,
        response: { 200: z.object({ items: z.array(ZAuditRecordView) }), ...protectedErrors },
      },
    },
    async (request) => {
      const { afterSeq, ...rest } = request.query;
      return { items: await audit.list(actorOf(request), { ...rest, afterSeq: afterSeq === undefined ? undefined : BigInt(afterSeq) }) };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the whole hash chain (auditor, admin)',
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            ok: z.boolean(),
            records: z.number(),
            lastSeq: z.string().nullable(),
            lastHash: z.string(),
            firstBrokenSeq: z.string().nullable(),
            problem: z.string().nullable(),
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => audit.verify(actorOf(request)),
  );
};
