// Sends a human act to a case workflow as an Update and turns a refusal into the API's answer:
// the validator's failure type decides 409 (state) or 400 (input, or data the database refused:
// the act was rolled back), 503 when the database did not answer in the act's time (rolled back
// too), a closed case is 409, and the
// refused attempt is audited here, because a rejected Update leaves nothing in the history.
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import type { Repositories } from '../../infra/db/repositories';
import type { Prisma } from '../../generated/prisma/client';
import { canonicalJson } from '../../domain/audit-chain';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import type { TemporalGateway } from '../temporal/gateway';
import { auditActor } from './views';
import type { CaseRecord } from '../../generated/prisma/client';
import { requireTemporal } from '../temporal/gateway';
import type { ServiceDeps } from './deps';

export interface CaseUpdateRequest<Ret, Arg> {
  temporal: TemporalGateway;
  repos: Repositories;
  now: () => Date;
  actor: Actor;
  caseId: string;
  workflowId: string;
  /** The case's status as the read model knows it, for the refusal's details. */
  status: string;
  /** The audited action, e.g. application.approve or case.extend. */
  action: string;
  /** Every case update takes one argument: the act. */
  update: UpdateDefinition<Ret, [Arg]>;
  arg: Arg;
  /** The caller's Idempotency-Key: the same key again returns the first outcome. */
  idempotencyKey: string | undefined;
  auditPayload?: Prisma.InputJsonObject;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function executeCaseUpdate<Ret, Arg>(r: CaseUpdateRequest<Ret, Arg>): Promise<Ret> {
  const refuse = async (code: 'STATE_CONFLICT' | 'VALIDATION_FAILED' | 'DATA_REFUSED' | 'DEPENDENCY_UNAVAILABLE', message: string): Promise<never> => {
    await r.repos.audit.append({
      at: r.now(),
      ...auditActor(r.actor),
      action: r.action,
      subjectType: 'case',
      subjectId: r.caseId,
      outcome: 'refused',
      reason: message,
      payload: { status: r.status, ...r.auditPayload },
    });
    // An outage names the part that is down, like every other 503 (api/errors.ts).
    throw new AppError(code, message, code === 'DEPENDENCY_UNAVAILABLE' ? { status: r.status, dependency: 'database' } : { status: r.status });
  };
  // The key is the caller's, scoped to the caller and the act: another user's or another act's
  // identical key can never return this act's result. It is bound to this act's body on this case:
  // the same key with another body or on another case is a 409, not the first act's outcome.
  const key = r.idempotencyKey ? `act:${sha256(`${r.actor.userId}:${r.action}:${r.idempotencyKey}`)}` : null;
  const bodyHash = sha256(canonicalJson({ caseId: r.caseId, act: r.arg }));
  let claimId = '';
  if (key) {
    const bound = await r.repos.cases.claimIdempotencyKey(key, bodyHash, r.caseId, r.now());
    if (bound.requestHash !== bodyHash) {
      throw new AppError('CONFLICT', `Idempotency-Key ${r.idempotencyKey} was used for a different ${r.action} (case ${bound.caseId}); send a new key for a new act.`, { caseId: bound.caseId });
    }
    claimId = bound.claimId;
  }
  // A refused act binds no key: the caller may correct the act, or retry it after an outage, with
  // the same key. The Update id names the claim, so such a retry is a new Update: an Update that
  // ran and was refused stays in the history under its id and would be answered again as refused.
  const refuseAndRelease = async (code: 'STATE_CONFLICT' | 'VALIDATION_FAILED' | 'DATA_REFUSED' | 'DEPENDENCY_UNAVAILABLE', message: string): Promise<never> => {
    if (key) await r.repos.cases.releaseIdempotencyKey(key, bodyHash);
    return refuse(code, message);
  };
  try {
    const updateId = key ? sha256(`${key}:${bodyHash}:${claimId}`) : randomUUID();
    return await r.temporal.executeUpdate(r.workflowId, r.update, r.arg, updateId);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      // A refusal by the validator, or by an activity the act ran (e.g. facts that fail the form).
      const cause = err.cause instanceof ActivityFailure ? err.cause.cause : err.cause;
      const type = cause instanceof ApplicationFailure ? cause.type : null;
      const code =
        type === 'DATA_REFUSED' || type === 'DEPENDENCY_UNAVAILABLE' ? type : type === 'VALIDATION_FAILED' || type === 'FACTS_INVALID' ? 'VALIDATION_FAILED' : 'STATE_CONFLICT';
      return refuseAndRelease(code, cause?.message ?? err.message);
    }
    // Kept bound: the key may be that of the act that closed the case.
    if (err instanceof WorkflowNotFoundError) return refuse('STATE_CONFLICT', `Case ${r.caseId} is closed (${r.status}).`);
    throw err;
  }
}

/** `executeCaseUpdate` bound to a service's dependencies: an act on a stored case by an actor. */
export function createCaseUpdater(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  return <Ret, Arg>(
    actor: Actor,
    c: Pick<CaseRecord, 'caseId' | 'workflowId' | 'status'>,
    act: Pick<CaseUpdateRequest<Ret, Arg>, 'action' | 'update' | 'arg' | 'idempotencyKey' | 'auditPayload'>,
  ): Promise<Ret> =>
    executeCaseUpdate({ temporal: requireTemporal(temporal), repos: deps.repos, now: deps.now, actor, caseId: c.caseId, workflowId: c.workflowId, status: c.status, ...act });
}
