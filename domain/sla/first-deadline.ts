// The deadline of a case's first stage as the workflow plans it when the clock starts at the filing
// instant: the API answers a filing with it (issue 13: it used to poll the workflow's query until
// the workflow had planned it, which made filing a tenth as fast as starting the workflow).
// The same calendar, the same instant and the same arithmetic as the clock's first plan
// (workflows/sla/clock.ts), so both give the same deadline; a calendar changed between the two is
// re-projected by the workflow like any other calendar change.
import type { WorkCalendar } from '../calendar';
import { planSla } from './plan';
import { DEFAULT_SLA_POLICY } from './policy';

export function firstStageDeadline(calendar: WorkCalendar, o: { filedAt: string; workingDays: number; startDayCounts: boolean }): string {
  return planSla(calendar, {
    from: o.filedAt,
    workingDays: o.workingDays,
    startDayCounts: o.startDayCounts,
    allowProvisional: DEFAULT_SLA_POLICY.allowProvisional,
    reminderWorkingDays: DEFAULT_SLA_POLICY.reminderWorkingDays,
    graceWorkingDays: DEFAULT_SLA_POLICY.graceWorkingDays,
  }).deadlineAt;
}
