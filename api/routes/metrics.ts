// GET /metrics: the API's metrics in the Prometheus text format, for a scraper that presents
// `Authorization: Bearer <METRICS_TOKEN>` (registered only when METRICS_TOKEN is set): counts of
// requests and acts say who works on what, so they are not public.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors';
import { metricsAuthorized, type AppMetrics } from '../../infra/metrics';

export const metricsRoutes: FastifyPluginAsyncZod<{ metrics: AppMetrics; token: string }> = async (app, { metrics, token }) => {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!metricsAuthorized(request.headers.authorization, token)) {
      throw new AppError('UNAUTHENTICATED', 'GET /metrics needs the metrics token: Authorization: Bearer <METRICS_TOKEN>.');
    }
    void reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store');
    return metrics.registry.metrics();
  });
};
