// 诉求: who an appeal waits on, from its responsible party (domain/appeal/status.ts RESPONSIBLE,
// 全兜底: one party until it closes): GXJ's platform staff accept and dispatch, the lead
// department signs for it and replies, the enterprise rates, the supervisors redispatch a
// reopened appeal and conclude.
import { RESPONSIBLE, ZAppealStatus } from '../appeal/status';
import { PLATFORM_DEPARTMENT } from '../departments';
import { expectedAct } from './acts';
import { enterpriseParty, staffOf, SUPERVISORS } from './parties';
import type { ProjectedCase, Waiting } from './rule';

export function appealWaiting(c: ProjectedCase): Waiting {
  const status = ZAppealStatus.safeParse(c.status);
  if (!status.success) return null;
  switch (RESPONSIBLE[status.data]) {
    case 'platform':
      return { parties: [staffOf(PLATFORM_DEPARTMENT)], act: expectedAct('accept') };
    case 'dispatcher':
      return { parties: [staffOf(PLATFORM_DEPARTMENT)], act: expectedAct('dispatch') };
    case 'lead_department':
      // department_code is the lead department once dispatched.
      return { parties: [staffOf(c.departmentCode)], act: expectedAct(status.data === 'awaiting_sign' ? 'sign-for' : 'reply') };
    case 'enterprise':
      return c.enterpriseId ? { parties: [enterpriseParty(c.enterpriseId)], act: expectedAct('rate') } : null;
    case 'supervisor':
      return { parties: [SUPERVISORS], act: expectedAct(status.data === 'awaiting_redispatch' ? 'redispatch' : 'conclude') };
    default:
      return null;
  }
}
