// The SLA policy as data: when to remind, and the escalation ladder on breach (DESIGN.md
// "Time and SLAs"). Level 1 goes to the head of the case's department, level 2 to GXJ
// supervision (督办), level 3 to the city government supervision office (市政府督查室); each next
// level after a grace counted in working days after the deadline.
import { z } from 'zod';

export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface EscalationTarget {
  level: EscalationLevel;
  /** Who is notified: the department head of the case's department, or supervisors. */
  notify: 'department_head' | 'supervisor';
  /** The department the rung is addressed to; null = the case's own department. */
  department: string | null;
  label: string;
  labelZh: string;
}

export const ESCALATION_LADDER: readonly EscalationTarget[] = [
  { level: 1, notify: 'department_head', department: null, label: 'department head', labelZh: '部门负责人' },
  { level: 2, notify: 'supervisor', department: 'GXJ', label: 'GXJ supervision', labelZh: '市工信局督办' },
  // The city office has no accounts in this system: GXJ supervisors receive the rung and carry
  // it to the office; the record names the office as the target.
  { level: 3, notify: 'supervisor', department: 'CITY', label: 'city government supervision office', labelZh: '市政府督查室' },
];

export const ZSlaPolicy = z.object({
  /** Remind the assignee this many working days before the deadline (0 = no reminder). */
  reminderWorkingDays: z.number().int().min(0).max(10).default(1),
  /** Working days between the deadline and level 2, and between level 2 and level 3. */
  graceWorkingDays: z.number().int().min(1).max(20).default(2),
  /** Count the start day as day 1 (catalogue setting; the law's default is off). */
  startDayCounts: z.boolean().default(false),
  /** A deadline running into a year without a loaded notice: weekdays only, marked provisional. */
  allowProvisional: z.boolean().default(true),
  /** The most a department head may extend a case, once. Supervisors may extend further. */
  headExtensionMaxDays: z.number().int().min(0).max(60).default(10),
});
export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;

export const DEFAULT_SLA_POLICY: TSlaPolicy = ZSlaPolicy.parse({});
