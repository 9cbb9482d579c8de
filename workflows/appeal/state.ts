// The state a 诉求 appeal keeps, and the rules of which act fits which moment. Pure: the workflow
// and its validator use it, and the API uses it to tell a caller what it may do now and who
// answers for the appeal by when.
import type { ClockLedger } from '../../domain/sla';
import type { AppealCategory, AppealLimits, DispatchProposal, Priority } from '../../domain/appeal/catalogue';
import { isFinalAppealStatus, RESPONSIBLE, type AppealRating, type ResponsibleParty, type TAppealStatus } from '../../domain/appeal/status';
import type { AppealActName } from '../../domain/appeal/acts';
import type { ActorRef } from '../sla/messages';
import type { HistoryEntry } from '../case/types';
import type { AppealAct } from './messages';

/** GXJ runs the platform: acceptance, dispatch and supervision are its staff's. */
export const PLATFORM_DEPARTMENT = 'GXJ';

export interface AppealInput {
  caseId: string;
  title: string;
  enterpriseId: string;
  enterpriseName: string;
  category: AppealCategory;
  description: string;
  relatedPolicyCode: string | null;
  relatedCaseId: string | null;
  contactPhone: string | null;
  /** Where it goes by default (the related measure's lead, else the category's), computed at filing. */
  proposal: DispatchProposal;
  limits: AppealLimits;
  filedBy: ActorRef;
  filedAt: string;
  /**
   * The acceptance deadline the API planned at filing, from the filing instant on the same calendar
   * and with the same function as the clock (domain/sla/plan.ts): what the filing answers and the
   * first read-model row show until the workflow's acceptance clock has its own. Absent in appeals
   * filed before it was kept.
   */
  acceptanceDueAt?: string;
}

/** An act done by a department or the platform, with whether it was within its clock. */
interface TimedAct {
  by: string;
  at: string;
  onTime: boolean;
}

export interface AppealState {
  status: TAppealStatus;
  priority: Priority | null;
  acceptance: (TimedAct & { note: string | null }) | null;
  notAccepted: { reason: string; referral: string; by: string; at: string } | null;
  leadDepartment: string | null;
  coDepartments: string[];
  dispatches: Array<TimedAct & { leadDepartment: string; coDepartments: string[]; note: string | null }>;
  /** The lead department may return the appeal until then (回退 window). */
  returnDueAt: string | null;
  signs: Array<TimedAct & { department: string; note: string | null }>;
  returns: Array<{ department: string; reason: string; by: string; at: string }>;
  contributions: Array<{ department: string; text: string; by: string; at: string }>;
  replies: Array<TimedAct & { department: string; text: string; resolved: boolean }>;
  ratingDueAt: string | null;
  ratingClosed: boolean;
  ratings: Array<{ level: AppealRating; comment: string | null; by: string; at: string }>;
  /** 重办: times it was reopened after a dissatisfied rating. */
  reopenCount: number;
  conclusion: { text: string; by: string; at: string } | null;
  closedAt: string | null;
}

export function filingEntry(input: AppealInput): HistoryEntry {
  return { at: input.filedAt, act: 'file', by: input.filedBy.username, role: input.filedBy.role, department: input.filedBy.departmentCode, note: input.title };
}

export function initialAppealState(): AppealState {
  return {
    status: 'awaiting_acceptance',
    priority: null,
    acceptance: null,
    notAccepted: null,
    leadDepartment: null,
    coDepartments: [],
    dispatches: [],
    returnDueAt: null,
    signs: [],
    returns: [],
    contributions: [],
    replies: [],
    ratingDueAt: null,
    ratingClosed: false,
    ratings: [],
    reopenCount: 0,
    conclusion: null,
    closedAt: null,
  };
}

/** The clock (ledger stage) that runs in each open status; awaiting_rating has the rating window instead. */
export const STATUS_CLOCK: Readonly<Partial<Record<TAppealStatus, string>>> = {
  awaiting_acceptance: 'acceptance',
  awaiting_dispatch: 'dispatch',
  awaiting_sign: 'sign',
  in_handling: 'handling',
  awaiting_redispatch: 'redispatch',
  awaiting_conclusion: 'conclusion',
};

/** Who answers for the appeal now, the department behind them, and by when (全兜底). */
export function responsibility(
  s: AppealState,
  clocks: readonly ClockLedger[],
  input?: Pick<AppealInput, 'acceptanceDueAt'>,
): { party: ResponsibleParty | null; department: string | null; deadlineAt: string | null } {
  const party = RESPONSIBLE[s.status];
  if (party === null) return { party: null, department: null, deadlineAt: null };
  const department = party === 'enterprise' ? null : party === 'lead_department' ? s.leadDepartment : PLATFORM_DEPARTMENT;
  const stage = STATUS_CLOCK[s.status];
  if (!stage) return { party, department, deadlineAt: s.ratingDueAt };
  const open = clocks.find((l) => l.stage === stage && l.state !== 'stopped');
  // Between the filing and the workflow's first clock: the deadline the API planned for it.
  const planned = stage === 'acceptance' && clocks.length === 0 ? (input?.acceptanceDueAt ?? null) : null;
  return { party, department, deadlineAt: open?.deadlineAt ?? planned };
}

/** Where each act is allowed. */
const ALLOWED: Record<AppealActName, readonly TAppealStatus[]> = {
  accept: ['awaiting_acceptance'],
  'not-accept': ['awaiting_acceptance'],
  dispatch: ['awaiting_dispatch', 'awaiting_redispatch'],
  'sign-for': ['awaiting_sign'],
  return: ['awaiting_sign', 'in_handling'],
  contribute: ['awaiting_sign', 'in_handling'],
  reply: ['in_handling'],
  rate: ['awaiting_rating'],
  conclude: ['awaiting_conclusion'],
};

/** Input problems not about the state (400). */
export function inputProblem(a: AppealAct): string | null {
  if (a.act === 'dispatch') {
    if (a.coDepartments.includes(a.leadDepartment)) return `${a.leadDepartment} is the lead department; it cannot be a co-department too.`;
    if (new Set(a.coDepartments).size !== a.coDepartments.length) return 'coDepartments names a department twice.';
  }
  return null;
}

/** Why an act does not fit the appeal now (409), or null. */
export function stateConflict(s: AppealState, a: AppealAct, nowMs: number): string | null {
  if (!ALLOWED[a.act].includes(s.status)) return `The appeal is ${s.status}; ${a.act} is possible only when it is ${ALLOWED[a.act].join(' or ')}.`;
  switch (a.act) {
    case 'return':
      if (s.returnDueAt && nowMs > Date.parse(s.returnDueAt)) return `The return window (回退, until ${s.returnDueAt}) has passed; the lead department handles the appeal.`;
      return null;
    case 'rate':
      return s.ratingClosed ? 'The rating window (回访) has closed.' : null;
    default:
      return null;
  }
}

export function actsAvailable(s: AppealState, nowMs: number): AppealActName[] {
  if (isFinalAppealStatus(s.status)) return [];
  return (Object.keys(ALLOWED) as AppealActName[]).filter((name) => ALLOWED[name].includes(s.status) && (name !== 'return' || !s.returnDueAt || nowMs <= Date.parse(s.returnDueAt)));
}
