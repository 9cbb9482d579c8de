// The recommended products catalogue (measure 10). Readable by buyers (the only routes a buyer
// account reaches, with /me and its notifications: config.buyerMay) and every signed-in user,
// and without an account at /api/v1/public/product-catalogue when PRODUCT_CATALOGUE_PUBLIC=true.
// Every answer carries the information-only notice.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCategory } from '../../domain/product-catalogue';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZErrorBody } from '../schemas/common';
import type { ProductCatalogueService } from '../services/product-catalogue-service';

const ZNotice = z.object({ zh: z.string(), en: z.string() }).describe('目录仅为信息参考,不构成采购强制或优先依据: on every answer');

const ZListing = z.object({
  caseId: z.string().describe('the approved M10 application'),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string(),
  productName: z.string(),
  productCategory: z.string(),
  certifications: z.array(z.string()),
  listedAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(['listed', 'withdrawn', 'expired']),
  withdrawal: z.object({ at: z.string(), by: z.string(), role: z.string(), reason: z.string().nullable() }).nullable(),
});

export const ZCatalogueAnswer = z.object({ notice: ZNotice, items: z.array(ZListing) });
export const ZCatalogueQuery = z.object({ category: ZCategory.optional().describe('one product category') }).strict();
const ZCaseParam = z.object({ caseId: z.string().min(3).max(64) });
const ZSubscriptions = z.object({ notice: ZNotice, categories: z.array(z.string()) });

export const productCatalogueRoutes: FastifyPluginAsyncZod<{ catalogue: ProductCatalogueService }> = async (app, { catalogue }) => {
  const tags = ['product-catalogue'];
  const security = [{ bearer: [] }];
  const buyerMay = { buyerMay: true };

  app.get(
    '/api/v1/product-catalogue',
    {
      config: buyerMay,
      schema: { tags, security, summary: 'The recommended Liaoyuan industrial products catalogue (approved M10 listings), with its information-only notice', querystring: ZCatalogueQuery, response: { 200: ZCatalogueAnswer, ...protectedErrors } },
    },
    async (request) => catalogue.list(actorOf(request), request.query),
  );

  app.post(
    '/api/v1/product-catalogue/:caseId/withdraw',
    {
      schema: {
        tags,
        security,
        summary: 'Withdraw a listing: its enterprise, or GXJ staff with a reason; audited',
        params: ZCaseParam,
        body: z.object({ reason: z.string().trim().min(1).max(1000).optional() }).strict(),
        response: { 200: z.object({ notice: ZNotice, listing: ZListing }), ...protectedErrors, 409: ZErrorBody },
      },
    },
    async (request) => catalogue.withdraw(actorOf(request), request.params.caseId, request.body.reason),
  );

  app.get(
    '/api/v1/product-catalogue/subscriptions',
    { config: buyerMay, schema: { tags, security, summary: 'The categories this buyer is pushed new listings of (buyers)', response: { 200: ZSubscriptions, ...protectedErrors } } },
    async (request) => catalogue.subscriptions(actorOf(request)),
  );

  app.put(
    '/api/v1/product-catalogue/subscriptions',
    {
      config: buyerMay,
      schema: {
        tags,
        security,
        summary: 'Replace the categories this buyer is pushed new listings of (buyers)',
        body: z.object({ categories: z.array(ZCategory).max(100) }).strict(),
        response: { 200: ZSubscriptions, ...protectedErrors },
      },
    },
    async (request) => catalogue.subscribe(actorOf(request), request.body.categories),
  );
};

/** The catalogue without an account (registered only when PRODUCT_CATALOGUE_PUBLIC=true). */
export const publicProductCatalogueRoutes: FastifyPluginAsyncZod<{ catalogue: ProductCatalogueService }> = async (app, { catalogue }) => {
  app.get(
    '/api/v1/public/product-catalogue',
    {
      schema: { tags: ['product-catalogue'], summary: 'The catalogue, public (when configured), with its information-only notice', querystring: ZCatalogueQuery, response: { 200: ZCatalogueAnswer, 400: ZErrorBody } },
    },
    async (request) => catalogue.list(null, request.query),
  );
};
