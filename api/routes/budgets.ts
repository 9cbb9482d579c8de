import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../plugins/auth';
import { protectedErrors, zDecimal, ZErrorBody } from '../schemas/common';
import type { FundingService } from '../services/funding-service';

const ZYear = zDecimal(z.int().min(2000).max(2100));
// int() in zod 4 also bounds to safe integers (±Number.MAX_SAFE_INTEGER).
const ZFen = z.number().int().min(0);

export const ZBudgetLineView = z.object({
  year: z.number(),
  policyCode: z.string(),
  totalFen: ZFen,
  committedFen: ZFen.describe('committed and paid: what the budget no longer has'),
  paidFen: ZFen,
  waitingFen: ZFen.describe('approved amounts waiting for the budget to grow'),
  remainingFen: ZFen,
  waitingCount: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const budgetRoutes: FastifyPluginAsyncZod<{ funding: FundingService }> = async (app, { funding }) => {
  app.put(
    '/api/v1/budgets/:year/:policyCode',
    {
      schema: {
        tags: ['budgets'],
        summary: "Set an award measure's budget for a year (admin, finance bureau); waiting cases then commit in approval order",
        security: [{ bearer: [] }],
        params: z.object({ year: ZYear, policyCode: z.string().min(1).max(20) }),
        body: z.object({ amountFen: ZFen.describe('the total of the year, in integer fen') }),
        response: {
          200: ZBudgetLineView.extend({ signalledCases: z.number().int().describe('waiting cases told that funds are available') }),
          ...protectedErrors,
          409: ZErrorBody,
          503: ZErrorBody,
        },
      },
    },
    async (request) => funding.setBudget(actorOf(request), request.params.year, request.params.policyCode, request.body.amountFen),
  );

  app.get(
    '/api/v1/budgets/:year',
    {
      schema: {
        tags: ['budgets'],
        summary: 'The budget lines of a year per award measure (admin, finance bureau, supervisor, auditor)',
        security: [{ bearer: [] }],
        params: z.object({ year: ZYear }),
        response: { 200: z.object({ year: z.number(), lines: z.array(ZBudgetLineView) }), ...protectedErrors },
      },
    },
    async (request) => funding.budgetsOfYear(actorOf(request), request.params.year),
  );
};
