// The Fastify application as a plugin-style factory: it receives every dependency and opens
// nothing itself, so tests build it with test doubles or real servers and call app.inject().
import Fastify, { type FastifyBaseLogger } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Repositories } from '../activities/db/repositories';
import { errorHandler, notFoundHandler } from './errors';
import { installAuthHook } from './plugins/auth';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { enterpriseRoutes } from './routes/enterprises';
import { healthRoutes } from './routes/health';
import { userRoutes } from './routes/me';
import { createAuditService } from './services/audit-service';
import { createAuthService } from './services/auth-service';
import { createEnterpriseService } from './services/enterprise-service';
import { createHealthService, type HealthProbe } from './services/health-service';
import { createUserService } from './services/user-service';

export interface AppDeps {
  repos: Repositories;
  /** Reachability probes (Temporal); one named 'database' replaces the default ping. */
  probes: HealthProbe[];
  jwtSecret: string;
  tokenTtlSeconds: number;
  version: string;
  /** A pino logger, or false for silence (tests). */
  logger: FastifyBaseLogger | false;
  now?: () => Date;
}

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    ...(deps.logger === false ? { logger: false } : { loggerInstance: deps.logger }),
    // Case numbers and ids are short; nothing legitimate sends megabytes of JSON.
    bodyLimit: 1024 * 1024,
    // Our own request ids in the logs; never trust a client-supplied one.
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.decorateRequest('actor', null);

  await app.register(swagger, {
    openapi: {
      info: { title: '辽源 enterprise services API', description: 'Awards, 代办 proxy cases and 诉求 appeals of the 46 measures', version: deps.version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const serviceDeps = { repos: deps.repos, now: deps.now ?? (() => new Date()) };
  const auth = createAuthService(serviceDeps, { jwtSecret: deps.jwtSecret, tokenTtlSeconds: deps.tokenTtlSeconds });
  const probes: HealthProbe[] = deps.probes.some((p) => p.name === 'database')
    ? deps.probes
    : [{ name: 'database', check: deps.repos.ping }, ...deps.probes];

  await app.register(healthRoutes, { health: createHealthService(serviceDeps, probes, deps.version) });
  await app.register(authRoutes, { auth });

  // Everything registered in this scope requires a bearer token.
  await app.register(async (scope) => {
    installAuthHook(scope, auth);
    await scope.register(userRoutes, { users: createUserService(serviceDeps) });
    await scope.register(enterpriseRoutes, { enterprises: createEnterpriseService(serviceDeps) });
    await scope.register(auditRoutes, { audit: createAuditService(serviceDeps) });
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
