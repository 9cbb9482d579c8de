import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../plugins/auth';
import { protectedErrors, zDecimal, ZErrorBody } from '../schemas/common';
import type { OpsService } from '../services/ops-service';

const ZStuckCase = z.object({
  caseId: z.string(),
  caseType: z.string(),
  status: z.string(),
  title: z.string(),
  workflowId: z.string(),
  problems: z.array(
    z.object({
      kind: z.enum(['activity', 'workflow_task', 'workflow_missing', 'workflow_ended']),
      activity: z.string().nullable(),
      attempt: z.number().int(),
      reason: z.string().describe('the last failure Temporal recorded'),
      since: z.string().nullable(),
    }),
  ),
});

export const opsRoutes: FastifyPluginAsyncZod<{ ops: OpsService }> = async (app, { ops }) => {
  app.get(
    '/api/v1/ops/stuck-cases',
    {
      schema: {
        tags: ['ops', 'admin'],
        summary: 'Open cases with an activity or workflow task failing and retrying, with the reason (admin); a page of open cases at a time',
        security: [{ bearer: [] }],
        querystring: z.object({
          afterCaseId: z.string().min(1).max(64).optional().describe('continue after this case (nextAfterCaseId of the previous page)'),
          limit: zDecimal(z.int().min(1).max(500).default(200)).describe('open cases scanned in this page'),
        }),
        response: { 200: z.object({ scanned: z.number().int(), items: z.array(ZStuckCase), nextAfterCaseId: z.string().nullable() }), ...protectedErrors, 503: ZErrorBody },
      },
    },
    async (request) => ops.stuckCases(actorOf(request), request.query),
  );
};
