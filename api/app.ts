// The Fastify application as a plugin-style factory: it receives every dependency and opens
// nothing itself, so tests build it with test doubles or real servers and call app.inject().
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Repositories } from '../infra/db/repositories';
import type { DocumentSettings } from '../infra/documents/from-config';
import { actOutcome, createAppMetrics, type AppMetrics } from '../infra/metrics';
import type { LoginLimits } from './auth/login-guard';
import { errorHandler, notFoundHandler } from './errors';
import { installAuthHook } from './plugins/auth';
import { installInputGuard } from './plugins/input-guard';
import { createTemporalGateway, type TemporalConnection } from './temporal/gateway';
import { appealRoutes } from './routes/appeals';
import { applicationRoutes } from './routes/applications';
import { auditRoutes } from './routes/audit';
import { bankAccountRoutes } from './routes/bank-accounts';
import { bankRatioRoutes } from './routes/bank-ratios';
import { budgetRoutes } from './routes/budgets';
import { calendarRoutes } from './routes/calendar';
import { caseRoutes } from './routes/cases';
import { documentRoutes } from './routes/documents';
import { authRoutes } from './routes/auth';
import { enterpriseRoutes } from './routes/enterprises';
import { createEnterpriseProfileService } from './services/enterprise-profile-service';
import { externalPolicyRoutes } from './routes/external-policies';
import { idleAssetRoutes } from './routes/idle-assets';
import { productCatalogueRoutes, publicProductCatalogueRoutes } from './routes/product-catalogue';
import { createExternalPolicyService } from './services/external-policy-service';
import { createIdleAssetService } from './services/idle-asset-service';
import { createProductCatalogueService } from './services/product-catalogue-service';
import { DEFAULT_LISTING_VALID_DAYS } from '../domain/product-catalogue';
import { healthRoutes } from './routes/health';
import { inboxRoutes } from './routes/inbox';
import { metricsRoutes } from './routes/metrics';
import { notificationRoutes } from './routes/notifications';
import { opsRoutes } from './routes/ops';
import { policyRoutes } from './routes/policies';
import { proxyCaseRoutes } from './routes/proxy-cases';
import { userRoutes } from './routes/me';
import { createAppealActs } from './services/appeal-acts';
import { createApplicationActs } from './services/application-acts';
import { createAuditService } from './services/audit-service';
import { createBankRatioService } from './services/bank-ratio-service';
import { createFileApplication } from './services/file-application';
import { createCalendarService } from './services/calendar-service';
import { createCaseDocuments } from './services/case-documents';
import { createCaseService } from './services/case-service';
import { createUploadDocument } from './services/upload-document';
import { createAuthService } from './services/auth-service';
import { createEnterpriseService } from './services/enterprise-service';
import { createFundingService } from './services/funding-service';
import { createHealthService, type HealthProbe } from './services/health-service';
import { createInboxService } from './services/inbox-service';
import { createNotificationService } from './services/notification-service';
import { createOpsService } from './services/ops-service';
import { createPolicyService } from './services/policy-service';
import { createFileProxyCase } from './services/file-proxy-case';
import { createProxyCaseActs } from './services/proxy-case-acts';
import { createFileAppeal } from './services/file-appeal';
import { createUserService } from './services/user-service';
import { createCaseHistoryService, type WorkflowBundle } from './services/case-history-service';
import { caseHistoryRoutes } from './routes/case-history';
import { createCaseTimeline } from './services/case-timeline';
import { createCaseDossier } from './services/case-dossier';
import { reportRoutes } from './routes/reports';
import { createReportService } from './services/report-service';

export interface AppDeps {
  repos: Repositories;
  /** Reachability probes (Temporal); one named 'database' replaces the default ping. */
  probes: HealthProbe[];
  jwtSecret: string;
  /** Rotated-out secrets that still verify their tokens (JWT_PREVIOUS_SECRETS). */
  jwtPreviousSecrets?: readonly string[];
  tokenTtlSeconds: number;
  /** Sign-in brute-force limits; the defaults of auth/login-guard.ts when absent. */
  loginLimits?: LoginLimits;
  /** Serve the Swagger UI and the OpenAPI document at /docs and /docs/json (default true). */
  apiDocs?: boolean;
  version: string;
  /** A pino logger, or false for silence (tests). */
  logger: FastifyBaseLogger | false;
  now?: () => Date;
  /** The Temporal client and task queue the services reach cases through; absent when a test runs without Temporal. */
  temporal?: TemporalConnection;
  /** Where requests and acts are counted; a registry of its own when absent. */
  metrics?: AppMetrics;
  /** GET /metrics answers only this bearer token; absent: no /metrics route. */
  metricsToken?: string;
  /** Serve HTTPS with this certificate and key (PEM); absent: plain HTTP (behind a TLS proxy, or tests). */
  https?: { cert: Buffer; key: Buffer };
  /** The workflow code the worker runs, for POST /cases/:caseId/replay; absent: replay answers 503 workflow_code. */
  workflowBundle?: WorkflowBundle;
  /** Told of every route as it is added (tests enumerate the routes from the app itself). */
  onRoute?: (route: RouteOptions) => void;
  /** The document store, spool and limits (infra/documents/from-config.ts); absent: uploads and downloads answer 503. */
  documents?: DocumentSettings;
  /** The recommended products catalogue: listing validity (default 730 days) and the public endpoint (default off). */
  productCatalogue?: { listingValidDays: number; public: boolean };
  /** The built web console (web/dist, or dist/web in the image), served at /; absent: no console. */
  webRoot?: string;
}

/** The per-case total when no document settings are given (CASE_DOCUMENTS_MAX_BYTES' default). */
const DEFAULT_CASE_DOCUMENTS_MAX_BYTES = 1024 * 1024 * 1024;
const DEFAULT_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

/** POST /api/v1/<case kind>/:caseId/<act>: every human act on a case has a route of this shape. */
const ACT_ROUTE = /^\/api\/v1\/(applications|proxy-cases|appeals|cases)\/:caseId\/([a-z-]+)$/;

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    ...(deps.logger === false ? { logger: false } : { loggerInstance: deps.logger }),
    // Case numbers and ids are short; nothing legitimate sends megabytes of JSON.
    bodyLimit: 1024 * 1024,
    // Our own request ids in the logs; never trust a client-supplied one.
    genReqId: () => crypto.randomUUID(),
    // HTTPS when the API faces the network itself (API_TLS_CERT_PATH, API_TLS_KEY_PATH).
    ...(deps.https ? { https: deps.https } : {}),
  }).withTypeProvider<ZodTypeProvider>();

  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.decorateRequest('actor', null);
  installInputGuard(app);
  const metrics = deps.metrics ?? createAppMetrics();
  countRequests(app, metrics);

  // Security headers on every answer (errors and 404s included: helmet sets them onRequest).
  // The CSP fits the Swagger UI at /docs, which loads its scripts and styles from this origin
  // (no inline scripts, @fastify/swagger-ui's csp.json lists no hashes) and sets inline styles;
  // JSON answers are not affected by it. No upgrade-insecure-requests: `npm start` serves plain
  // http on 127.0.0.1 and the browser would send the page's assets to https.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });

  await app.register(swagger, {
    openapi: {
      info: { title: '辽源 enterprise services API', description: 'Awards, 代办 proxy cases and 诉求 appeals of the 46 measures', version: deps.version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    // Schemas registered by id (the recursive eligibility criteria) go to components.schemas, where their $refs point.
    transformObject: jsonSchemaTransformObject,
  });
  // Off in production unless API_DOCS=true (api/server.ts): the route list need not be public.
  if (deps.apiDocs ?? true) await app.register(swaggerUi, { routePrefix: '/docs' });

  if (deps.webRoot) await serveConsole(app, deps.webRoot);

  const serviceDeps = { repos: deps.repos, now: deps.now ?? (() => new Date()) };
  // One gateway for every service: the only code that calls the Temporal client.
  const temporal = deps.temporal ? createTemporalGateway(deps.temporal) : undefined;
  const auth = createAuthService(serviceDeps, {
    jwtSecret: deps.jwtSecret,
    tokenTtlSeconds: deps.tokenTtlSeconds,
    jwtPreviousSecrets: deps.jwtPreviousSecrets,
    loginLimits: deps.loginLimits,
  });
  const probes: HealthProbe[] = deps.probes.some((p) => p.name === 'database')
    ? deps.probes
    : [{ name: 'database', check: deps.repos.ping }, ...deps.probes];

  await app.register(healthRoutes, { health: createHealthService(serviceDeps, probes, deps.version) });
  if (deps.metricsToken) await app.register(metricsRoutes, { metrics, token: deps.metricsToken });
  await app.register(authRoutes, { auth });
  const productCatalogue = createProductCatalogueService(serviceDeps, { listingValidDays: deps.productCatalogue?.listingValidDays ?? DEFAULT_LISTING_VALID_DAYS });
  if (deps.productCatalogue?.public === true) await app.register(publicProductCatalogueRoutes, { catalogue: productCatalogue });

  // Everything registered in this scope requires a bearer token.
  await app.register(async (scope) => {
    installAuthHook(scope, auth);
    // Answers here are someone's data (and refusals of a token): no browser or proxy cache keeps them.
    scope.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('cache-control', 'no-store');
      return payload;
    });
    await scope.register(userRoutes, { users: createUserService(serviceDeps) });
    await scope.register(enterpriseRoutes, { enterprises: createEnterpriseService(serviceDeps), profiles: createEnterpriseProfileService(serviceDeps) });
    await scope.register(auditRoutes, { audit: createAuditService(serviceDeps) });
    await scope.register(externalPolicyRoutes, { policies: createExternalPolicyService(serviceDeps, temporal) });
    await scope.register(productCatalogueRoutes, { catalogue: productCatalogue });
    await scope.register(idleAssetRoutes, { assets: createIdleAssetService(serviceDeps) });
    await scope.register(calendarRoutes, { calendar: createCalendarService(serviceDeps, temporal) });
    await scope.register(caseRoutes, { cases: createCaseService(serviceDeps, temporal) });
    const histories = createCaseHistoryService(serviceDeps, temporal, deps.workflowBundle);
    const timeline = createCaseTimeline(serviceDeps, histories);
    await scope.register(reportRoutes, { reports: createReportService(serviceDeps) });
    await scope.register(caseHistoryRoutes, { histories, timeline, dossier: createCaseDossier(serviceDeps, histories, timeline) });
    const documents = createCaseDocuments(serviceDeps, { caseMaxBytes: deps.documents?.caseMaxBytes ?? DEFAULT_CASE_DOCUMENTS_MAX_BYTES, store: deps.documents?.store });
    await scope.register(documentRoutes, {
      upload: deps.documents ? createUploadDocument(serviceDeps, deps.documents) : undefined,
      documents,
      maxBytes: deps.documents?.maxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES,
    });
    await scope.register(applicationRoutes, { file: createFileApplication(serviceDeps, temporal, documents), acts: createApplicationActs(serviceDeps, temporal, documents) });
    await scope.register(proxyCaseRoutes, { file: createFileProxyCase(serviceDeps, temporal), acts: createProxyCaseActs(serviceDeps, temporal, documents) });
    await scope.register(appealRoutes, { file: createFileAppeal(serviceDeps, temporal, documents), acts: createAppealActs(serviceDeps, temporal) });
    await scope.register(policyRoutes, { policies: createPolicyService(serviceDeps, temporal) });
    await scope.register(notificationRoutes, { notifications: createNotificationService(serviceDeps) });
    await scope.register(budgetRoutes, { funding: createFundingService(serviceDeps, temporal) });
    await scope.register(bankAccountRoutes, { funding: createFundingService(serviceDeps, temporal) });
    await scope.register(opsRoutes, { ops: createOpsService(serviceDeps, temporal) });
    await scope.register(bankRatioRoutes, { bankRatios: createBankRatioService(serviceDeps) });
    await scope.register(inboxRoutes, { inbox: createInboxService(serviceDeps), now: serviceDeps.now });
  });

  return app;
}

/**
 * The web console's static files at / (hidden from the OpenAPI document). Its assets carry their
 * content hash in the name, so browsers keep them; index.html is asked for again each time. The
 * bundler writes .gz beside the large files, sent to browsers that accept gzip.
 */
async function serveConsole(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    preCompressed: true,
    // Ours below, not send's `public, max-age=0` over it.
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** Counts every answer by its route pattern, and each act on a case by its outcome. */
function countRequests(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    // Unmatched URLs share one label: a scanner's random paths must not make new series.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpRequestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    const act = request.method === 'POST' ? ACT_ROUTE.exec(route) : null;
    if (act?.[1] && act[2]) metrics.caseActs.inc({ case_type: act[1], act: act[2], outcome: actOutcome(reply.statusCode) });
  });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
