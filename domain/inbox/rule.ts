// What a case type plugs into the inbox: from a projected case row, who the case waits on now
// and the act expected of them. Pure, so the repository computes it at every write of the row.
import type { ExpectedAct } from './acts';

/** The columns of a projected case a rule reads (`view`: the type's compact view as stored). */
export interface ProjectedCase {
  caseId: string;
  caseType: string;
  status: string;
  departmentCode: string;
  assigneeId: string | null;
  enterpriseId: string | null;
  closedAt: Date | string | null;
  view: unknown;
}

/** Who a case waits on (party keys, domain/inbox/parties.ts) and for which act; null: nobody (closed, or the case's own timer). */
export type Waiting = { parties: string[]; act: ExpectedAct } | null;

export type WaitingRule = (c: ProjectedCase) => Waiting;
