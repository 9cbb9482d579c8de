import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDepartmentCode } from '../../domain/roles';
import { SUPERVISOR_ACTS, type SupervisorAct } from '../../workflows/sla/messages';
import { actorOf } from '../plugins/auth';
import { ZAppealLinks } from '../schemas/appeal-view';
import { protectedErrors, zDecimal, ZErrorBody, ZPagination } from '../schemas/common';
import { ZCaseEscalation, ZClockView } from '../schemas/sla';
import type { ActRequest, CaseService } from '../services/case-service';

const ZCaseParam = z.object({ caseId: z.string().min(3).max(64) });
const ZIdempotencyHeader = z.object({ 'idempotency-key': z.string().min(8).max(128).optional() });

const ZActResult = z.object({
  caseId: z.string(),
  act: z.enum(SUPERVISOR_ACTS),
  assigneeId: z.string().nullable(),
  clock: ZClockView.nullable(),
  clocks: z.array(ZClockView).describe('every stage clock of the case after the act'),
});

const ZWhy = z.string().trim().min(1).max(2000);
/** A case may run several stage clocks at once (并联审批); an act names the one it is on. */
const ZStage = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'a stage name like review or fire_review')
  .optional()
  .describe('the stage whose clock the act is on (default: the one running)');

/** Each act's body, read into the one request the service takes (the 催办 message is its reason). */
const BODIES = {
  urge: z
    .object({ message: ZWhy.describe('催办 message to the assignee'), stage: ZStage })
    .strict()
    .transform((b) => ({ reason: b.message, stage: b.stage })),
  reassign: z.object({ assigneeId: z.uuid(), reason: ZWhy }).strict(),
  extend: z.object({ workingDays: z.number().int().min(1).max(60), reason: ZWhy, stage: ZStage }).strict(),
  hold: z.object({ reason: ZWhy, stage: ZStage }).strict(),
  release: z.object({ reason: ZWhy.default('released'), stage: ZStage }).strict(),
} as const satisfies Record<SupervisorAct, z.ZodType<Omit<ActRequest, 'idempotencyKey'>>>;

const SUMMARIES = {
  urge: 'Urge (催办) the assignee (supervisor, department head)',
  reassign: 'Reassign the case (supervisor, department head)',
  extend: 'Extend the deadline (延期) by working days, with a reason (department head once up to 10, supervisor further)',
  hold: 'Stop the SLA clock with a documented hold (supervisor)',
  release: 'Release a hold; the remaining working days count again from today (supervisor)',
} as const;

export const caseRoutes: FastifyPluginAsyncZod<{ cases: CaseService }> = async (app, { cases }) => {
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/cases/:caseId',
    {
      schema: {
        tags: ['cases'],
        summary: 'Any case: status, SLA clock (budget, consumed, remaining, deadline, state) and escalations',
        security,
        params: ZCaseParam,
        response: {
          200: z.object({
            caseId: z.string(),
            caseType: z.string(),
            status: z.string(),
            title: z.string(),
            departmentCode: z.string(),
            assigneeId: z.string().nullable(),
            enterpriseId: z.string().nullable(),
            openedAt: z.string(),
            closedAt: z.string().nullable(),
            clock: ZClockView.nullable(),
            clocks: z.array(ZClockView).describe('every stage clock in start order, finished ones included'),
            escalations: z.array(ZCaseEscalation),
            appeals: ZAppealLinks,
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => cases.get(actorOf(request), request.params.caseId),
  );

  for (const act of SUPERVISOR_ACTS) {
    app.post(
      `/api/v1/cases/:caseId/${act}`,
      {
        schema: {
          tags: ['cases', 'supervision'],
          summary: SUMMARIES[act],
          security,
          params: ZCaseParam,
          headers: ZIdempotencyHeader,
          body: BODIES[act],
          response: { 200: ZActResult, ...protectedErrors, 409: ZErrorBody, 503: ZErrorBody },
        },
      },
      async (request) => cases.act(actorOf(request), request.params.caseId, act, { ...request.body, idempotencyKey: request.headers['idempotency-key'] }),
    );
  }

  app.get(
    '/api/v1/escalations',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Escalations, newest first (supervisors; department heads see their own level 1)',
        security,
        querystring: z.object({
          level: zDecimal(z.int().min(1).max(3)).optional(),
          department: ZDepartmentCode.optional(),
          open: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
          ...ZPagination.shape,
        }),
        response: {
          200: z.object({
            items: z.array(
              ZCaseEscalation.extend({
                id: z.string(),
                caseId: z.string(),
                caseTitle: z.string(),
                caseDepartment: z.string(),
                targetRole: z.string(),
              }),
            ),
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => ({ items: await cases.escalations(actorOf(request), request.query) }),
  );
};
