// Messages every case workflow understands, defined once and imported by the workflows, the
// API and the tests: supervisor acts (an Update, so the caller sees acceptance or refusal),
// the calendar-changed signal, and the clock query.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { FAILURE } from '../../domain/failures';
import type { ClockLedger } from '../../domain/sla';

export const SUPERVISOR_ACTS = ['urge', 'reassign', 'extend', 'hold', 'release'] as const;
export type SupervisorAct = (typeof SUPERVISOR_ACTS)[number];

export interface ActorRef {
  userId: string;
  username: string;
  role: string;
  departmentCode: string | null;
}

export interface SupervisorActInput {
  act: SupervisorAct;
  actor: ActorRef;
  /** Why (the 催办 message for urge); required for every act and audited. */
  reason: string;
  /** extend: working days to add. */
  workingDays?: number;
  /** reassign: the new assignee. */
  assigneeId?: string;
  /** The stage whose clock the act is on (extend, hold, release, urge); default: the one running. */
  stage?: string;
}

export interface SupervisorActResult {
  caseId: string;
  act: SupervisorAct;
  assigneeId: string | null;
  clock: ClockLedger | null;
  /** Every stage clock of the case after the act. */
  clocks: readonly ClockLedger[];
}

export const supervisorActUpdate = defineUpdate<SupervisorActResult, [SupervisorActInput]>('supervisorAct');

export interface CalendarChangedInput {
  year: number;
  document: string;
}
export const calendarChangedSignal = defineSignal<[CalendarChangedInput]>('calendarChanged');

/** The clock of the stage running now (or the last one). */
export const clockQuery = defineQuery<ClockLedger | null>('slaClock');
/** Every stage clock of the case, finished ones included, in start order. */
export const clocksQuery = defineQuery<readonly ClockLedger[]>('slaClocks');

/**
 * Failure types a case refuses an act with; the API maps them to HTTP (409 / 400). dataRefused:
 * an activity of the act found data the database cannot hold; unavailable: the database did not
 * answer within the act's time. In both the act was rolled back.
 */
export const REFUSAL = { stateConflict: FAILURE.stateConflict, invalid: FAILURE.invalid, dataRefused: FAILURE.dataRefused, unavailable: FAILURE.unavailable } as const;
