// The one error handler: every failure becomes { code, message[, issues] } with the right
// status. Zod failures are 400 with each issue; AppError codes carry their own status;
// anything else is a 500 whose details go to the log only, never to the client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { isAppError } from '../domain/errors';
import type { TErrorBody } from './schemas/common';

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
  void reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` });
}
