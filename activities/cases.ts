// The case read model, written by workflows at every transition (idempotent and ordered by
// projection version), and case numbers.
import type { CaseProjection } from '../infra/db/cases-repository';
import type { ActivityDeps } from './deps';

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
      return deps.repos.cases.project({
        ...p,
        deadlineAt: date(p.deadlineAt),
        openedAt: new Date(p.openedAt),
        closedAt: date(p.closedAt),
        updatedAt: new Date(p.updatedAt),
      });
    },
  };
}
