// A case type without a rule of its own waits on its assignee, else on its department's staff.
import { expectedAct } from './acts';
import { staffOf, userParty } from './parties';
import type { ProjectedCase, Waiting } from './rule';

/** The assignee when there is one, else the reviewers and heads of `department`. */
export const departmentOrAssignee = (c: Pick<ProjectedCase, 'assigneeId'>, department: string): string[] => (c.assigneeId ? [userParty(c.assigneeId)] : [staffOf(department)]);

export function genericWaiting(c: ProjectedCase): Waiting {
  if (c.closedAt !== null) return null;
  return { parties: departmentOrAssignee(c, c.departmentCode), act: expectedAct('handle') };
}
