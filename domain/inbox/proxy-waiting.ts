// 代办: who a proxy case waits on, from the `waitingOn` its workflow projects (workflows/proxy/
// state.ts waitingOnCase): the enterprise, the assigned agent, the authorities that must decide
// the items submitted to them, or the supervisors (assignment also by the GXJ head).
import { z } from 'zod';
import { expectedAct, type ExpectedActCode } from './acts';
import { genericWaiting } from './generic-waiting';
import { enterpriseParty, headOf, staffOf, SUPERVISORS, userParty } from './parties';
import type { ProjectedCase, Waiting } from './rule';

const ZView = z.object({
  waitingOn: z.enum(['agent', 'enterprise', 'authority', 'supervisor']).nullable(),
  currentStage: z.string().nullable(),
  state: z.object({
    items: z.array(z.object({ stage: z.string(), authority: z.string(), status: z.string(), materialsRequest: z.unknown().nullable() })),
  }),
});

const ENTERPRISE_ACT: Readonly<Record<string, ExpectedActCode>> = { awaiting_confirmation: 'confirm', awaiting_entrustment: 'entrust', awaiting_rating: 'rate', in_progress: 'provide-materials' };

export function proxyWaiting(c: ProjectedCase): Waiting {
  const parsed = ZView.safeParse(c.view);
  if (!parsed.success) return genericWaiting(c);
  const { waitingOn, currentStage, state } = parsed.data;
  switch (waitingOn) {
    case 'enterprise':
      return c.enterpriseId ? { parties: [enterpriseParty(c.enterpriseId)], act: expectedAct(ENTERPRISE_ACT[c.status] ?? 'provide-materials') } : null;
    case 'agent':
      return { parties: c.assigneeId ? [userParty(c.assigneeId)] : [SUPERVISORS], act: expectedAct('prepare') };
    case 'authority': {
      const deciding = state.items.filter((i) => i.stage === currentStage && i.status === 'submitted' && i.materialsRequest === null).map((i) => staffOf(i.authority));
      return { parties: [...new Set(deciding)].sort(), act: expectedAct('decide-item') };
    }
    case 'supervisor':
      return c.status === 'awaiting_assignment'
        ? { parties: [SUPERVISORS, headOf(c.departmentCode)], act: expectedAct('assign') }
        : { parties: [SUPERVISORS], act: expectedAct('follow-up') };
    default:
      return null;
  }
}
