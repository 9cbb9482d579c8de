// The one error handler: every failure becomes { code, message[, issues] } with the right
// status. Zod failures are 400 with each issue; AppError codes carry their own status; a
// dependency that does not answer (the database, Temporal) is 503 DEPENDENCY_UNAVAILABLE naming
// it; anything else is a 500 whose details go to the log only, never to the client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { field } from '../infra/db/db-errors';
import { AppError, isAppError } from '../domain/errors';
import type { TErrorBody } from './schemas/common';

// ---- a dependency that is down ------------------------------------------------------------

export type Dependency = 'database' | 'temporal' | 'workflow_code' | 'documents';

const RETRY_HINT = 'Try again in a moment; a retried filing or act with the same Idempotency-Key is safe.';
const DEPENDENCY_MESSAGES: Readonly<Record<Dependency, string>> = {
  database: `The database is not reachable right now. ${RETRY_HINT}`,
  temporal: `The workflow service (Temporal) is not reachable right now or did not answer in time. ${RETRY_HINT}`,
  workflow_code: 'The workflow code (the prebuilt workflow bundle) is not loaded in this API process; replaying a case needs it.',
  documents: 'The document store is not reachable right now; nothing was stored. Try again in a moment.',
};

/**
 * The 503 for a dependency that is down, as the handler below answers one: the part's name in
 * `details.dependency`. `message` replaces the standard one when the caller knows more (e.g. the
 * change that was saved before the part failed).
 */
export function dependencyUnavailable(dependency: Dependency, message: string = DEPENDENCY_MESSAGES[dependency], details: Readonly<Record<string, unknown>> = {}): AppError {
  return new AppError('DEPENDENCY_UNAVAILABLE', message, { ...details, dependency });
}

/**
 * Node socket errors. The API's only raw sockets are its database connections (Temporal errors
 * arrive as gRPC statuses inside a ServiceError), so one of these in a chain means the database.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
/** SQLSTATEs of a lost or refused connection: class 08, server shutting down or starting, no slot. */
const CONNECTION_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
/** Prisma's codes for the same (can't reach, timed out, connection closed, too many connections). */
const CONNECTION_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2037']);
/** The kinds @prisma/adapter-pg gives socket errors (meta.driverAdapterError.cause.kind). */
const CONNECTION_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** pg's own errors for a connection lost mid-query or never made; they carry no code. */
const PG_CONNECTION_MESSAGES = /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect)$/;
/** gRPC statuses of a Temporal call that got no answer (@grpc/grpc-js status UNAVAILABLE, DEADLINE_EXCEEDED). */
const GRPC_NO_ANSWER = new Set([14, 4]);

/** The error, its causes, Prisma's driver-adapter error and an AggregateError's members. */
function errorChain(err: unknown): unknown[] {
  const out: unknown[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 20) {
    const cur = queue.shift();
    if (cur === undefined || cur === null || out.includes(cur)) continue;
    out.push(cur);
    const adapter = field(field(cur, 'meta'), 'driverAdapterError');
    queue.push(field(cur, 'cause'), adapter, field(adapter, 'cause'));
    const members = field(cur, 'errors');
    if (Array.isArray(members)) queue.push(...members);
  }
  return out;
}

function isDatabaseConnectionError(e: unknown): boolean {
  const code = field(e, 'code');
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) && typeof field(e, 'syscall') === 'string') return true;
    if (CONNECTION_SQLSTATE.test(code) || CONNECTION_PRISMA_CODES.has(code)) return true;
  }
  const kind = field(e, 'kind');
  if (typeof kind === 'string' && CONNECTION_ADAPTER_KINDS.has(kind)) return true;
  return e instanceof Error && PG_CONNECTION_MESSAGES.test(e.message);
}

/** Which dependency `err` says is down, or null when it is another failure. */
export function dependencyDown(err: unknown): Dependency | null {
  const chain = errorChain(err);
  // The update's answer did not come in time (the server restarting, a long outage).
  if (chain.some((e) => e instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) return 'temporal';
  // The client's own retries gave up: a gRPC UNAVAILABLE or DEADLINE_EXCEEDED inside its ServiceError.
  if (chain.some((e) => isGrpcServiceError(e) && GRPC_NO_ANSWER.has(e.code))) return 'temporal';
  if (chain.some(isDatabaseConnectionError)) return 'database';
  return null;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

export function toErrorResponse(err: unknown, request: FastifyRequest): { status: number; body: TErrorBody } {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'request';
    const issues = err.validation.map((v) => ({
      path: `${where}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message ?? 'is invalid',
    }));
    return {
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: `The ${where} is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues },
    };
  }
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
    return { status: 400, body: { code: 'VALIDATION_FAILED', message: `Invalid input: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues } };
  }
  if (isAppError(err)) {
    const body: TErrorBody = { code: err.code, message: err.message };
    if (err.details) {
      const { issues, ...rest } = err.details;
      if (Array.isArray(issues)) body.issues = issues as TErrorBody['issues'];
      if (Object.keys(rest).length > 0) body.details = rest;
    }
    return { status: err.httpStatus, body };
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err }, 'response did not match its schema');
    return { status: 500, body: { code: 'INTERNAL', message: 'Internal error; the incident was logged.' } };
  }
  const down = dependencyDown(err);
  if (down) {
    // The operator needs the driver's words; the client gets the part's name only.
    request.log.warn({ err, dependency: down }, 'dependency unavailable');
    return { status: 503, body: { code: 'DEPENDENCY_UNAVAILABLE', message: DEPENDENCY_MESSAGES[down], details: { dependency: down } } };
  }
  const fastifyErr = err as Partial<FastifyError>;
  // Fastify's own client errors (malformed JSON, body too large, wrong content type).
  if (typeof fastifyErr.statusCode === 'number' && fastifyErr.statusCode >= 400 && fastifyErr.statusCode < 500) {
    return {
      status: fastifyErr.statusCode,
      body: { code: fastifyErr.code ?? 'BAD_REQUEST', message: fastifyErr.message ?? 'Bad request' },
    };
  }
  request.log.error({ err }, 'unhandled error');
  return { status: 500, body: { code: 'INTERNAL', message: 'Internal error; the incident was logged.' } };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(err, request);
  if (status < 500) request.log.info({ code: body.code, status }, 'request refused');
  // A part is down: tell clients when to come back rather than letting them hammer it.
  if (status === 503) void reply.header('retry-after', '5');
  void reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` });
}
