// The 诉求 appeal platform as configuration (measures 45, 46 and the info-only measures): the
// categories an appeal is raised under, the department each goes to by default (精准分办), and the
// time limits in working days. Data: an appeal takes its limits when it is filed and keeps them.
// The defaults are documented in workflows/README.md.
import type { DepartmentCode } from '../departments';

/** The eight categories of the 173 requests behind the policy, and three of the platform's own. */
export const APPEAL_CATEGORIES = ['financing', 'orders', 'talent', 'labour', 'land', 'energy', 'innovation', 'approval', 'policy_consultation', 'litigation', 'other'] as const;
export type AppealCategory = (typeof APPEAL_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<AppealCategory, { labelZh: string; lead: DepartmentCode }>> = {
  financing: { labelZh: '融资', lead: 'JRJ' },
  orders: { labelZh: '订单', lead: 'GXJ' },
  talent: { labelZh: '人才', lead: 'RSJ' },
  labour: { labelZh: '用工', lead: 'RSJ' },
  land: { labelZh: '用地', lead: 'ZRZYJ' },
  energy: { labelZh: '用能', lead: 'NYJ' },
  innovation: { labelZh: '创新', lead: 'KJJ' },
  approval: { labelZh: '审批', lead: 'GXJ' },
  policy_consultation: { labelZh: '政策咨询', lead: 'GXJ' },
  // Measure 46: 府院联动, the court's green channel for enterprises' litigation and enforcement.
  litigation: { labelZh: '涉企诉讼执行', lead: 'FY' },
  other: { labelZh: '其他', lead: 'GXJ' },
};

export const PRIORITIES = ['general', 'complex', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface AppealLimits {
  /** GXJ platform staff accept (受理) within this many working days of filing. */
  acceptDays: number;
  /** Dispatched (分办) within this many working days of acceptance (or of a return, or a reopening). */
  dispatchDays: number;
  /** The lead department signs for it (签收) within this many working days; unsigned, it escalates. */
  signDays: number;
  /** The lead department may return it (回退) to dispatch within this many working days of dispatch. */
  returnDays: number;
  /** Handling (办理) by priority; a consultation of general priority gets `consultation`. */
  handling: { consultation: number; general: number; complex: number; urgent: number };
  /** The enterprise rates (回访) within this many working days of the reply. */
  ratingDays: number;
  /** A reopened appeal (重办) may be reopened this many times; after that the supervisor concludes it. */
  maxReopens: number;
  /** The supervisor concludes an appeal rated dissatisfied after its last reopening within this many working days. */
  concludeDays: number;
}

export const DEFAULT_APPEAL_LIMITS: AppealLimits = {
  acceptDays: 1,
  dispatchDays: 1,
  signDays: 1,
  returnDays: 2,
  handling: { consultation: 3, general: 7, complex: 15, urgent: 1 },
  ratingDays: 5,
  maxReopens: 2,
  concludeDays: 3,
};

export function handlingDays(limits: AppealLimits, category: AppealCategory, priority: Priority): number {
  if (priority === 'general' && category === 'policy_consultation') return limits.handling.consultation;
  return limits.handling[priority];
}

/** Where an appeal goes by default: the related measure's lead department, else the category's. */
export interface DispatchProposal {
  leadDepartment: DepartmentCode;
  coDepartments: DepartmentCode[];
  reason: string;
}

export function proposeDispatch(category: AppealCategory, relatedMeasure: { code: string; lead: DepartmentCode; co: readonly DepartmentCode[] } | null): DispatchProposal {
  // The court's green channel is the court's whatever the measure named.
  if (category !== 'litigation' && relatedMeasure) {
    return { leadDepartment: relatedMeasure.lead, coDepartments: [...relatedMeasure.co], reason: `the lead department of ${relatedMeasure.code}` };
  }
  const c = CATEGORY_LABELS[category];
  return { leadDepartment: c.lead, coDepartments: [], reason: `the department for ${c.labelZh} (${category}) appeals` };
}
