// What every filing of a case shares: the Idempotency-Key it must carry, the hash that binds the
// key to one request, and the 409 for a key used by another request (also when two requests
// claim it at the same moment: the database's unique key answers, which is a 409, not a 500).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/audit-chain';
import { AppError } from '../../domain/errors';
import type { FilingOutcome } from '../../infra/db/applications-repository';
import { permanentDbError } from '../../infra/db/db-errors';
import type { Repositories } from '../../infra/db/repositories';
import type { Actor } from '../../domain/roles';
import { notFound } from '../auth/guards';
import { findEnterpriseInScope } from './enterprise-scope';
import type { Prisma } from '../../generated/prisma/client';
import { requireTemporal, type StartOptions, type TemporalGateway, type WorkflowTypeName } from '../temporal/gateway';
import { auditActor } from './views';
import { localDateOf } from '../../domain/calendar';
import type { HistoryEntry } from '../../domain/case-history';
import type { CaseRecord } from '../../generated/prisma/client';
import type { CaseColumns } from '../../workflows/case/kernel';
import { formatCaseNumber } from '../../workflows/ids';

export function requireIdempotencyKey(idempotencyKey: string | undefined): string {
  if (idempotencyKey) return idempotencyKey;
  throw new AppError('VALIDATION_FAILED', 'Send an Idempotency-Key header (8-128 characters) so a retried filing cannot create a second case.', {
    issues: [{ path: 'headers.idempotency-key', message: 'required' }],
  });
}

export function filingRequestHash(request: object): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

export function keyConflict(idempotencyKey: string, caseId: string | null): AppError {
  return new AppError('CONFLICT', `Idempotency-Key ${idempotencyKey} was used for a different request${caseId ? ` (case ${caseId})` : ''}; send a new key for a new filing.`, caseId ? { caseId } : undefined);
}

/** Runs a filing; a key claimed at the same moment by a different request is a 409, not a 500. */
export async function fileOnce<T>(
  findKey: (keyId: string) => Promise<{ caseId: string } | null>,
  keyId: string,
  idempotencyKey: string,
  run: () => Promise<FilingOutcome<T>>,
): Promise<Exclude<FilingOutcome<T>, { kind: 'conflict' }>> {
  let outcome: FilingOutcome<T>;
  try {
    outcome = await run();
  } catch (err) {
    if (permanentDbError(err)?.code === 'P2002' || permanentDbError(err)?.code === '23505') {
      const taken = await findKey(keyId);
      throw keyConflict(idempotencyKey, taken?.caseId ?? null);
    }
    throw err;
  }
  if (outcome.kind === 'conflict') throw keyConflict(idempotencyKey, outcome.caseId);
  return outcome;
}

/**
 * The enterprise a filing is for: an enterprise user's own (another id is 404, never a hint that it
 * exists), or the one staff name on its behalf (required of them).
 */
export async function filingEnterprise(repos: Repositories, actor: Actor, bodyEnterpriseId: string | undefined) {
  const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : bodyEnterpriseId;
  if (!enterpriseId) throw new AppError('VALIDATION_FAILED', 'Staff filing on behalf of an enterprise must give enterpriseId.', { issues: [{ path: 'body.enterpriseId', message: 'required' }] });
  if (actor.role === 'enterprise' && bodyEnterpriseId && bodyEnterpriseId !== actor.enterpriseId) throw notFound('Enterprise', bodyEnterpriseId);
  return findEnterpriseInScope(repos, actor, enterpriseId);
}

/**
 * Starts a filed case's workflow. A retry after a crash joins the run the first attempt started
 * (USE_EXISTING); a closed case is not reopened (REJECT_DUPLICATE).
 */
export async function startFiledWorkflow<N extends WorkflowTypeName>(temporal: TemporalGateway | undefined, workflowType: N, workflowId: string, args: StartOptions<N>['args']): Promise<void> {
  await requireTemporal(temporal).start(workflowType, { workflowId, args, idConflictPolicy: 'USE_EXISTING', idReusePolicy: 'REJECT_DUPLICATE' });
}

/** The filing's audit record; idempotent by its key: written again on a retry, stored once. */
export async function auditFiling(repos: Repositories, actor: Actor, f: { action: string; caseId: string; filedAt: string; payload: Prisma.InputJsonObject }): Promise<void> {
  await repos.audit.append({
    at: new Date(f.filedAt),
    ...auditActor(actor),
    action: f.action,
    subjectType: 'case',
    subjectId: f.caseId,
    outcome: 'ok',
    payload: f.payload,
    idempotencyKey: `file:${f.caseId}`,
  });
}

/** A filed case's first read-model row and its first history row (the filing). */
export interface FirstRow {
  row: Omit<Prisma.CaseRecordCreateInput, 'history'>;
  history: Prisma.CaseHistoryEntryCreateWithoutCaseInput[];
}

/**
 * The row a filing writes before its workflow runs, so the case is readable at once: the columns
 * and compact view the workflow's own projection functions give, at projection version 1 (the
 * workflow's projections, from version 2 on, replace it).
 */
export function firstCaseRow(f: { caseId: string; caseType: string; workflowId: string; columns: CaseColumns; view: object; entry: HistoryEntry; filedAt: string }): FirstRow {
  const { openedAt, closedAt: _closedAt, ...columns } = f.columns;
  return {
    row: {
      ...columns,
      caseId: f.caseId,
      caseType: f.caseType,
      workflowId: f.workflowId,
      view: JSON.parse(JSON.stringify(f.view)) as Prisma.InputJsonObject,
      projectionVersion: 1,
      openedAt: new Date(openedAt),
      updatedAt: new Date(f.filedAt),
    },
    history: [{ seq: 0, ...f.entry, at: new Date(f.entry.at) }],
  };
}

/** A keyed filing's outcome: the case filed now (its input), or the stored row of the one the same request filed before. */
export type KeyedFiling<T> = { replayed: false; result: T } | { replayed: true; row: CaseRecord };

/**
 * A filing bound to the caller's Idempotency-Key: the same request again answers with the case it
 * filed, another request with the key is a 409, and a new one is numbered in its series and
 * written with its first row in one transaction (repos.cases.fileCase).
 */
export async function fileByKey<T>(
  repos: Repositories,
  f: {
    actor: Actor;
    idempotencyKey: string;
    request: object;
    at: Date;
    prefix: string;
    build: (caseId: string) => FirstRow & { result: T };
    /** In the filing's transaction, after the case row (its documents are held so). */
    afterCreate?: (tx: Prisma.TransactionClient, caseId: string) => Promise<void>;
  },
): Promise<KeyedFiling<T>> {
  const keyId = `${f.actor.userId}:${f.idempotencyKey}`;
  const requestHash = filingRequestHash(f.request);
  const replay = async (caseId: string): Promise<KeyedFiling<T>> => {
    const row = await repos.cases.findById(caseId);
    if (!row) throw new Error(`case ${caseId} of a claimed Idempotency-Key has no row`);
    return { replayed: true, row };
  };
  const previous = await repos.cases.findIdempotencyKey(keyId);
  if (previous && previous.requestHash !== requestHash) throw keyConflict(f.idempotencyKey, previous.caseId);
  if (previous) return replay(previous.caseId);
  const year = Number(localDateOf(f.at).slice(0, 4));
  const numberSeries = { prefix: f.prefix, year };
  const outcome = await fileOnce(repos.cases.findIdempotencyKey, keyId, f.idempotencyKey, () =>
    repos.cases.fileCase({ key: keyId, requestHash, at: f.at, caseNumber: (n) => formatCaseNumber(f.prefix, year, n), numberSeries, afterCreate: f.afterCreate }, f.build),
  );
  return outcome.kind === 'replay' ? replay(outcome.caseId) : { replayed: false, result: outcome.result };
}
