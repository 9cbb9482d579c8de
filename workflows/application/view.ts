// What an application case shows: the compact view the read model stores and an act answers (no
// history: that is stored as rows), and the full view a query answers and the workflow returns.
import type { ClockLedger } from '../../domain/sla';
import type { ApplicationActName } from './messages';
import type { ApplicationCaseState, ApplicationInput, ApplicationState } from './state';

export interface ApplicationCompactView {
  input: ApplicationInput;
  state: ApplicationCaseState;
  assigneeId: string | null;
  /** The department whose clock runs now (the lead; CZJ while funding and paying). */
  stageDepartment: string;
  actsAvailable: ApplicationActName[];
}

/** An act's answer: the compact view and every stage clock after the act. */
export interface ApplicationActResult extends ApplicationCompactView {
  clock: ClockLedger | null;
  clocks: readonly ClockLedger[];
}

/** The query's answer and the workflow's result: the state with its history, and the clocks. */
export interface ApplicationView extends Omit<ApplicationCompactView, 'state'> {
  state: ApplicationState;
  clock: ClockLedger | null;
  clocks: readonly ClockLedger[];
}
