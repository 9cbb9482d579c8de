// External policies (measure 1 beyond the 46): published, revised and republished by GXJ staff;
// matched and pushed by the matching run; listed per enterprise.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { POLICY_CATEGORIES, ZExternalPolicyInput, ZPolicyLevel } from '../../domain/external-policy';
import { ZCriteria } from '../../domain/policy/criteria';
import { actorOf } from '../plugins/auth';
import { protectedErrors, ZPagination, ZUuidParam } from '../schemas/common';
import type { ExternalPolicyService } from '../services/external-policy-service';

const ZPolicyView = z.object({
  id: z.string(),
  version: z.int(),
  source: z.object({ issuingAuthority: z.string(), documentNumber: z.string(), issuedOn: z.string(), level: z.string(), url: z.string().nullable() }),
  title: z.string(),
  summary: z.string(),
  category: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  inEffect: z.boolean(),
  criteria: ZCriteria,
  publishedAt: z.string(),
  publishedBy: z.string(),
});

const ZMatching = z.object({ workflowId: z.string(), started: z.boolean(), problem: z.string().nullable() });
const ZPublished = ZPolicyView.extend({ matching: ZMatching.describe('the matching run this publication started (notifies each matching enterprise once per version)') });

const ZListQuery = ZPagination.extend({ inEffect: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });

export const externalPolicyRoutes: FastifyPluginAsyncZod<{ policies: ExternalPolicyService }> = async (app, { policies }) => {
  const tags = ['external-policies'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/external-policies',
    {
      schema: {
        tags,
        security,
        summary: `Publish a policy of any authority (${ZPolicyLevel.options.join(', ')}; categories ${POLICY_CATEGORIES.join(', ')}) with its criteria as data (GXJ staff); starts matching and push`,
        body: ZExternalPolicyInput,
        response: { 201: ZPublished, ...protectedErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await policies.create(actorOf(request), request.body)),
  );

  app.put(
    '/api/v1/external-policies/:id',
    {
      schema: { tags, security, summary: 'Revise a policy: a new version, matched and pushed anew (GXJ staff)', params: ZUuidParam, body: ZExternalPolicyInput, response: { 200: ZPublished, ...protectedErrors } },
    },
    async (request) => policies.revise(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/external-policies/:id/publish',
    {
      schema: { tags, security, summary: 'Republish the current version: matching runs again, nobody is notified twice (GXJ staff)', params: ZUuidParam, response: { 200: ZPublished, ...protectedErrors } },
    },
    async (request) => policies.republish(actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/external-policies',
    {
      schema: { tags, security, summary: 'External policies, newest first (staff); ?inEffect=true: only those in effect today', querystring: ZListQuery, response: { 200: z.object({ items: z.array(ZPolicyView) }), ...protectedErrors } },
    },
    async (request) => ({ items: await policies.list(actorOf(request), request.query) }),
  );

  app.get(
    '/api/v1/external-policies/:id',
    { schema: { tags, security, summary: 'One external policy', params: ZUuidParam, response: { 200: ZPolicyView, ...protectedErrors } } },
    async (request) => policies.get(actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/external-policies/:id/notifications',
    {
      schema: {
        tags,
        security,
        summary: 'Who was notified of the policy, per version (staff)',
        params: ZUuidParam,
        querystring: ZPagination,
        response: {
          200: z.object({ items: z.array(z.object({ recipient: z.string(), enterpriseId: z.string().nullable(), policyVersion: z.int().nullable(), notifiedAt: z.string(), readAt: z.string().nullable() })) }),
          ...protectedErrors,
        },
      },
    },
    async (request) => ({ items: await policies.notified(actorOf(request), request.params.id, request.query) }),
  );

  app.get(
    '/api/v1/enterprises/:id/external-policies',
    {
      schema: {
        tags,
        security,
        summary: 'The external policies in effect that match the enterprise: met, or needs checking (facts the profile does not state)',
        params: ZUuidParam,
        response: {
          200: z.object({
            items: z.array(z.object({ policy: ZPolicyView, outcome: z.enum(['met', 'needs_checking']), met: z.array(z.string()), missingFacts: z.array(z.string()), matchedAt: z.string() })),
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => ({ items: await policies.matchesOf(actorOf(request), request.params.id) }),
  );
};
