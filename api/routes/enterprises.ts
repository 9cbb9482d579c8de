import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCreateEnterprise, ZEnterpriseProfileFacts } from '../../domain/enterprise';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZErrorBody, ZPagination, ZUuidParam } from '../schemas/common';
import type { EnterpriseService } from '../services/enterprise-service';
import type { EnterpriseProfileService } from '../services/enterprise-profile-service';
import { ZProfileStatements, ZPutProfile } from '../../domain/enterprise-profile';

export const ZEnterpriseView = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  industry: z.string(),
  aboveScale: z.boolean(),
  profile: ZEnterpriseProfileFacts,
  createdAt: z.string(),
});

const ZProfileView = z.object({
  enterpriseId: z.string(),
  aboveScale: z.boolean(),
  facts: ZEnterpriseProfileFacts,
  statements: ZProfileStatements.describe('per fact (and aboveScale): who stated it, their role and when'),
  updatedAt: z.string(),
});

export const enterpriseRoutes: FastifyPluginAsyncZod<{ enterprises: EnterpriseService; profiles: EnterpriseProfileService }> = async (app, { enterprises, profiles }) => {
  app.get(
    '/api/v1/enterprises/:id/profile',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'The enterprise profile: stated facts, each with who stated it and when (enterprise users: their own)',
        security: [{ bearer: [] }],
        params: ZUuidParam,
        response: { 200: ZProfileView, ...protectedErrors },
      },
    },
    async (request) => profiles.get(actorOf(request), request.params.id),
  );

  app.put(
    '/api/v1/enterprises/:id/profile',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Replace the profile facts (the enterprise itself, or staff verifying); unchanged facts keep their statement; audited',
        security: [{ bearer: [] }],
        params: ZUuidParam,
        body: ZPutProfile,
        response: { 200: ZProfileView, ...protectedErrors },
      },
    },
    async (request) => profiles.put(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Register an enterprise (admin); the 统一社会信用代码 is checked by its GB 32100-2015 check character',
        security: [{ bearer: [] }],
        body: ZCreateEnterprise,
        response: { 201: ZEnterpriseView, ...protectedErrors, 409: ZErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await enterprises.register(actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'One enterprise (enterprise users: their own only)',
        security: [{ bearer: [] }],
        params: ZUuidParam,
        response: { 200: ZEnterpriseView, ...protectedErrors },
      },
    },
    async (request) => enterprises.get(actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'List enterprises (staff)',
        security: [{ bearer: [] }],
        querystring: ZPagination,
        response: { 200: z.object({ items: z.array(ZEnterpriseView) }), ...protectedErrors },
      },
    },
    async (request) => ({ items: await enterprises.list(actorOf(request), request.query) }),
  );
};
