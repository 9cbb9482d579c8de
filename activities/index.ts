// Activities: every side effect a workflow causes, built by factories that receive their
// dependencies. Only worker.ts (and tests) wire real ones. Workflows import these by type.
// Each group lives in its own file; this file only composes them.
import { ApplicationFailure } from '@temporalio/common';
import { createApplicationActivities } from './applications';
import { createAuditActivities } from './audit';
import { createCatalogueActivities } from './catalogue';
import { createCaseActivities } from './cases';
import { FAILURE } from '../domain/failures';
import { permanentDbError } from '../infra/db/db-errors';
import type { ActivityDeps } from './deps';
import { createFundingActivities } from './funding';
import { createHistoryArchiveActivities } from './history-archive';
import { createSlaActivities } from './sla';

export type { ActivityDeps } from './deps';
export type { AuditActivityInput } from './audit';
export type { CaseProjectionInput } from './cases';
export type { ArchivePageInput, ArchivePageResult } from './history-archive';
export type { PlanSlaInput, PlanSlaResult } from './sla';

/** The failure type of an activity whose database write can never succeed (see infra/db/db-errors.ts). */
export const DB_DATA_REFUSED = FAILURE.dbDataRefused;

/**
 * Each activity with its permanent database errors given one failure type, DB_DATA_REFUSED. An
 * act's activities (workflows/case/act-proxies.ts) do not retry it, so the act is refused at once
 * and rolled back instead of waiting forever; background work keeps retrying it (a case must
 * never fail because of one bad write) and shows in GET /api/v1/ops/stuck-cases with the reason
 * until an operator mends the data.
 */
function withPermanentDbFailures<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        const permanent = permanentDbError(err);
        if (!permanent) throw err;
        throw ApplicationFailure.create({
          type: DB_DATA_REFUSED,
          message: `The database refused the data of ${name}: ${permanent.message}`,
          nonRetryable: false,
          details: [permanent.code],
          cause: err instanceof Error ? err : undefined,
        });
      }
    };
  }
  return wrapped as T;
}

export function createActivities(deps: ActivityDeps) {
  return withPermanentDbFailures({
    ...createApplicationActivities(deps),
    ...createAuditActivities(deps),
    ...createCatalogueActivities(deps),
    ...createCaseActivities(deps),
    ...createFundingActivities(deps),
    ...createHistoryArchiveActivities(deps),
    ...createSlaActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
