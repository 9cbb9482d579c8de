// Measure 25: PUT a quarter's figures (RMYH), GET the ranking (anyone signed in).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZBankRatioUpload, ZPeriod } from '../../domain/bank-ratios';
import { actorOf } from '../plugins/auth';
import { protectedErrors, zDecimal, ZErrorBody } from '../schemas/common';
import type { BankRatioService } from '../services/bank-ratio-service';

const ZLine = z.object({
  rank: z.number().int(),
  bank: z.string(),
  industrialLoansFen: z.number().int(),
  depositsFen: z.number().int(),
  ratio: z.number().describe('industrialLoansFen / depositsFen'),
  ratioPercent: z.string().describe('the ratio in percent, 2 decimals'),
  previous: z.object({ rank: z.number().int(), ratioPercent: z.string() }).nullable().describe('the previous quarter (null: the bank was not in it)'),
  rankChange: z.number().int().nullable().describe('previous rank − rank: positive moved up'),
  ratioChangePoints: z.string().nullable().describe('change of the ratio in percentage points'),
});

const ZRanking = z.object({
  period: z.string(),
  version: z.number().int(),
  reason: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  previousPeriod: z.string(),
  previousVersion: z.number().int().nullable().describe('the latest version of the previous quarter compared with'),
  formula: z.string(),
  banks: z.array(ZLine),
  versions: z.array(z.object({ version: z.number().int(), reason: z.string().nullable(), publishedAt: z.string(), publishedBy: z.string() })),
});

export const bankRatioRoutes: FastifyPluginAsyncZod<{ bankRatios: BankRatioService }> = async (app, { bankRatios }) => {
  const security = [{ bearer: [] }];

  app.put(
    '/api/v1/bank-ratios/:period',
    {
      schema: {
        tags: ['reports'],
        summary: 'Measure 25: publish a quarter’s industrial loans and deposits per bank, in fen (RMYH); a published quarter takes a correction only with a reason (the next version)',
        security,
        params: z.object({ period: ZPeriod }),
        body: ZBankRatioUpload,
        response: { 201: ZRanking, ...protectedErrors, 409: ZErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await bankRatios.publish(actorOf(request), request.params.period, request.body)),
  );

  app.get(
    '/api/v1/reports/bank-ranking',
    {
      schema: {
        tags: ['reports'],
        summary: 'Measure 25: banks ranked by industrial loans / deposits, with the change against the previous quarter',
        security,
        querystring: z.object({ period: ZPeriod, version: zDecimal(z.int().min(1).max(10_000)).optional().describe('default: the latest') }),
        response: { 200: ZRanking, ...protectedErrors },
      },
    },
    async (request) => bankRatios.ranking(request.query.period, request.query.version),
  );
};
