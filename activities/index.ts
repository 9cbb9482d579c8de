// Activities: every side effect a workflow causes, built by factories that receive their
// dependencies. Only worker.ts (and tests) wire real ones. Workflows import these by type.
// Each group lives in its own file; this file only composes them.
import { createAuditActivities } from './audit';
import type { ActivityDeps } from './deps';

export type { ActivityDeps } from './deps';
export type { AuditActivityInput } from './audit';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createAuditActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
