import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HealthService } from '../services/health-service';

const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  time: z.string(),
  down: z.array(z.string()).describe('the parts that do not answer'),
  checks: z.record(z.string(), z.object({ ok: z.boolean() })),
});

export const healthRoutes: FastifyPluginAsyncZod<{ health: HealthService }> = async (app, { health }) => {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Reachability of Temporal and the database (no auth)', response: { 200: ZHealth, 503: ZHealth } } },
    async (request, reply) => {
      const result = await health.check();
      if (result.down.length > 0) {
        // Details (addresses, driver messages) go to the log, not to an unauthenticated client.
        request.log.warn({ checks: result.checks }, 'health check: dependency down');
        return reply.status(503).send(result);
      }
      return result;
    },
  );
};
