// Probes without sign-in. /livez: the process answers (a liveness probe restarts the API only when
// it is stuck, never because a dependency blips). /readyz: the database and Temporal answer; 503
// naming the part that is down takes this API out of the load balancer until it is back. /health
// is /readyz under its older name (scripts and monitors use it).
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

const ZLive = z.object({ status: z.literal('ok'), version: z.string(), time: z.string() });

export const healthRoutes: FastifyPluginAsyncZod<{ health: HealthService }> = async (app, { health }) => {
  app.get('/livez', { schema: { tags: ['health'], summary: 'The API process answers (no auth; liveness probe)', response: { 200: ZLive } } }, async () => health.live());

  for (const url of ['/readyz', '/health']) {
    app.get(
      url,
      {
        schema: {
          tags: ['health'],
          summary: `Reachability of the database and Temporal (no auth; readiness probe)${url === '/health' ? ': /readyz under its older name' : ''}`,
          response: { 200: ZHealth, 503: ZHealth },
        },
      },
      async (request, reply) => {
        const result = await health.check();
        if (result.down.length > 0) {
          // Details (addresses, driver messages) go to the log, not to an unauthenticated client.
          request.log.warn({ checks: result.checks }, 'readiness check: dependency down');
          return reply.status(503).send(result);
        }
        return result;
      },
    );
  }
};
