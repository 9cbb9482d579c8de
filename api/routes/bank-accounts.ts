import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZBankAccount } from '../../domain/funding';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZErrorBody, ZUuidParam } from '../schemas/common';
import type { FundingService } from '../services/funding-service';

export const ZBankAccountView = z.object({
  enterpriseId: z.string(),
  accountName: z.string(),
  accountNo: z.string().describe('the whole number for the enterprise and admins; others see the last 4 digits'),
  masked: z.boolean(),
  bankName: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const bankAccountRoutes: FastifyPluginAsyncZod<{ funding: FundingService }> = async (app, { funding }) => {
  app.put(
    '/api/v1/enterprises/:id/bank-account',
    {
      schema: {
        tags: ['enterprises'],
        summary: "Set the enterprise's bank account awards are paid into (its own users, admin); cases whose payment was refused pay again",
        security: [{ bearer: [] }],
        params: ZUuidParam,
        body: ZBankAccount,
        response: {
          200: ZBankAccountView.extend({ signalledCases: z.number().int().describe('payment_failed cases told to pay again') }),
          ...protectedErrors,
          503: ZErrorBody,
        },
      },
    },
    async (request) => funding.setBankAccount(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/enterprises/:id/bank-account',
    {
      schema: {
        tags: ['enterprises'],
        summary: "The enterprise's bank account (its own users, staff; masked for staff)",
        security: [{ bearer: [] }],
        params: ZUuidParam,
        response: { 200: ZBankAccountView, ...protectedErrors },
      },
    },
    async (request) => funding.bankAccountOf(actorOf(request), request.params.id),
  );
};
