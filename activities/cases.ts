// The case read model, written by workflows at every transition (idempotent and ordered by
// projection version), and case numbers; then what the projection means for the platform
// measures (activities/platform-hooks.ts).
import type { CaseProjection } from '../infra/db/cases-repository';
import type { ActivityDeps } from './deps';
import { afterProjection } from './platform-hooks';

/** The projection as a workflow sends it: instants as ISO strings (plain JSON in history). */
export type CaseProjectionInput = Omit<CaseProjection, 'deadlineAt' | 'openedAt' | 'closedAt' | 'updatedAt'> & {
  deadlineAt: string | null;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
};

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

export function createCaseActivities(deps: ActivityDeps) {
  return {
    async projectCase(p: CaseProjectionInput): Promise<boolean> {
      const written = await deps.repos.cases.project({
        ...p,
        deadlineAt: date(p.deadlineAt),
        openedAt: new Date(p.openedAt),
        closedAt: date(p.closedAt),
        updatedAt: new Date(p.updatedAt),
      });
      // Idempotent, so it runs for a projection already written too (a retry after a crash).
      await afterProjection(deps, { ...p, updatedAt: new Date(p.updatedAt) });
      return written;
    },
  };
}
