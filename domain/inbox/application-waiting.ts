// 申报: who an application waits on in each status. The lead department's acts (accept, review,
// resolve an objection) go to the reviewer who accepted it once accepted (assignee_id), before
// that to the department's staff; the co-departments that have not countersigned yet countersign
// in parallel; CZJ (the funding stage's department) provides the budget an award waits for.
import { z } from 'zod';
import { expectedAct } from './acts';
import { departmentOrAssignee, genericWaiting } from './generic-waiting';
import { enterpriseParty, staffOf } from './parties';
import type { ProjectedCase, Waiting } from './rule';

/** The fields of the stored application view this rule reads (api/schemas/application-view.ts has the whole). */
const ZView = z.object({
  input: z.object({ leadDepartment: z.string(), coDepartments: z.array(z.string()) }),
  state: z.object({
    countersigns: z.array(z.object({ department: z.string() })),
    objections: z.array(z.object({ resolution: z.unknown().nullable() })),
  }),
  stageDepartment: z.string().nullish(),
});

export function applicationWaiting(c: ProjectedCase): Waiting {
  const parsed = ZView.safeParse(c.view);
  if (!parsed.success) return genericWaiting(c);
  const { input, state, stageDepartment } = parsed.data;
  const lead = departmentOrAssignee(c, input.leadDepartment);
  const enterprise = c.enterpriseId ? [enterpriseParty(c.enterpriseId)] : [];
  switch (c.status) {
    case 'awaiting_acceptance':
      return { parties: lead, act: expectedAct('accept') };
    case 'awaiting_supplement':
      return { parties: enterprise, act: expectedAct('supplement') };
    case 'under_review':
      return { parties: lead, act: expectedAct('review') };
    case 'awaiting_countersign': {
      const signed = new Set(state.countersigns.map((s) => s.department));
      return { parties: input.coDepartments.filter((d) => !signed.has(d)).map(staffOf), act: expectedAct('countersign') };
    }
    case 'in_publicity':
      // Publicity runs out by itself; only an open objection waits on someone.
      return state.objections.some((o) => o.resolution === null) ? { parties: lead, act: expectedAct('resolve-objection') } : null;
    case 'awaiting_funds':
      return { parties: [staffOf(stageDepartment ?? 'CZJ')], act: expectedAct('fund') };
    case 'payment_failed':
      return { parties: enterprise, act: expectedAct('correct-bank-account') };
    default:
      // paying (the payment gateway's turn) and the final statuses wait on nobody.
      return null;
  }
}
