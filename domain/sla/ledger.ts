// The SLA clock as data: a budget of working days plus a ledger (DESIGN.md; the openregister
// idea: a deadline is a budget plus a suspension ledger, not a timestamp). The workflow owns
// the ledger and records it in history; the working-day arithmetic happens in activities
// against the calendar of the day. Pure types and rules only.

export type ClockState = 'running' | 'suspended' | 'stopped';

/**
 * Why the clock stopped (行政许可法 art. 45 and the supervisors' documented hold); enterprise_wait:
 * a 代办 item waits on materials the enterprise provides.
 */
export type SuspensionKind = 'supplement' | 'publicity' | 'expert_review' | 'supervisor_hold' | 'enterprise_wait';

export interface Suspension {
  kind: SuspensionKind;
  reason: string;
  from: string; // ISO instant
  to: string | null;
  byUserId: string | null;
}

export interface Extension {
  workingDays: number;
  reason: string;
  byUserId: string;
  byRole: string;
  at: string;
}

export interface ScheduledRung {
  level: number;
  at: string; // ISO instant
  key: string;
}

/** Each time the deadline is computed, with the cause: history says which rule moved a date. */
export interface Projection {
  at: string;
  cause: string;
  deadlineAt: string | null;
  deadlineDate: string | null;
  provisional: boolean;
  calendarDocuments: string[];
}

export interface ClockLedger {
  caseId: string;
  stage: string;
  /** Distinguishes the deadlines of one stage (a stage may start again, e.g. after an objection). */
  episode: number;
  budgetDays: number;
  extensions: Extension[];
  startedAt: string;
  /** Start of the running segment; null while suspended or stopped. */
  segmentStartedAt: string | null;
  /** True for the first segment only: day 0 rule of the start (startDayCounts may apply). */
  firstSegment: boolean;
  /** The start day counts as day 1 of the first segment (absent in ledgers recorded before it was kept). */
  startDayCounts?: boolean;
  /** Working days consumed in closed segments. */
  consumedDays: number;
  suspensions: Suspension[];
  state: ClockState;
  deadlineAt: string | null;
  deadlineDate: string | null;
  provisional: boolean;
  reminderAt: string | null;
  reminded: boolean;
  rungs: ScheduledRung[];
  firedRungKeys: string[];
  projections: Projection[];
  stoppedAt: string | null;
  stopReason: string | null;
  /**
   * A tracked budget, not a deadline anyone answers for (a 代办 stage's total, the reform target):
   * it counts consumed and remaining days and shows its date, with no reminder and no rungs.
   * Absent in ledgers of the other case types and of cases started before it existed.
   */
  tracking?: boolean;
}

export function totalBudget(l: Pick<ClockLedger, 'budgetDays' | 'extensions'>): number {
  return l.budgetDays + l.extensions.reduce((s, e) => s + e.workingDays, 0);
}

export function remainingAtSegmentStart(l: ClockLedger): number {
  return totalBudget(l) - l.consumedDays;
}

/** The instant of the next timer the clock needs, or null (suspended, stopped, all fired). */
export function nextDueAt(l: ClockLedger): number | null {
  if (l.state !== 'running') return null;
  const due: number[] = [];
  if (l.reminderAt && !l.reminded) due.push(Date.parse(l.reminderAt));
  for (const r of l.rungs) if (!l.firedRungKeys.includes(r.key)) due.push(Date.parse(r.at));
  return due.length === 0 ? null : Math.min(...due);
}

/** A rung fires once per level for each deadline: the stage's episode and how many extensions set it. */
export function rungKey(caseId: string, stage: string, episode: number, generation: number, level: number): string {
  return `${caseId}:${stage}:${episode}:g${generation}:L${level}`;
}

/** What the case view shows of its clock. consumedDays includes the running segment. */
export interface ClockView {
  stage: string;
  state: 'running' | 'suspended' | 'overdue' | 'stopped';
  budgetDays: number;
  consumedDays: number;
  remainingDays: number;
  deadlineAt: string | null;
  deadlineDate: string | null;
  provisional: boolean;
  suspensions: Suspension[];
  extensions: Extension[];
  projections: Projection[];
  /** A tracked budget (no reminder, no escalation): see ClockLedger.tracking. */
  tracking: boolean;
}

/**
 * The view at `nowMs`, given the working days elapsed in the running segment (computed by the
 * caller from the calendar: 0 when not running).
 */
export function clockView(l: ClockLedger, runningSegmentDays: number, nowMs: number): ClockView {
  const consumed = l.consumedDays + (l.state === 'running' ? runningSegmentDays : 0);
  const budget = totalBudget(l);
  const overdue = l.state === 'running' && l.deadlineAt !== null && nowMs > Date.parse(l.deadlineAt);
  return {
    stage: l.stage,
    state: overdue ? 'overdue' : l.state,
    budgetDays: budget,
    consumedDays: consumed,
    remainingDays: Math.max(0, budget - consumed),
    deadlineAt: l.deadlineAt,
    deadlineDate: l.deadlineDate,
    provisional: l.provisional,
    suspensions: l.suspensions,
    extensions: l.extensions,
    projections: l.projections,
    tracking: l.tracking === true,
  };
}
