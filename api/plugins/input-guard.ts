// The edge rule for every route: no request reaches a schema, a service, the database or a
// workflow with a control character (U+0000 above all: PostgreSQL refuses it in text and jsonb),
// a lone surrogate, or JSON nested or sized beyond domain/text.ts's limits. One hook on the root
// instance covers every route, present and future, before its own zod schema runs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors';
import { findTextProblem } from '../../domain/text';

const PARTS = ['params', 'query', 'body'] as const;

export function inputProblem(request: Pick<FastifyRequest, (typeof PARTS)[number]>): AppError | null {
  for (const part of PARTS) {
    const problem = findTextProblem(request[part], part);
    if (problem) return new AppError(problem.code, problem.message, { issues: [{ path: problem.path, message: problem.message }] });
  }
  return null;
}

export function installInputGuard(app: FastifyInstance): void {
  // preValidation: after the body is parsed, before the route's schema (and anything else) sees it.
  app.addHook('preValidation', async (request) => {
    const problem = inputProblem(request);
    if (problem) throw problem;
  });
}
