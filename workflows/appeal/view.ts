// What a 诉求 appeal shows: the compact view the read model stores and an act answers, and the
// full view a query answers and the workflow returns.
import type { ClockLedger } from '../../domain/sla';
import type { AppealActName } from '../../domain/appeal/acts';
import type { ResponsibleParty } from '../../domain/appeal/status';
import type { HistoryEntry } from '../case/types';
import type { AppealInput, AppealState } from './state';

export interface AppealCompactView {
  input: AppealInput;
  state: AppealState;
  assigneeId: string | null;
  stageDepartment: string;
  /** The lead department and the co-departments (their staff see the appeal). */
  departments: string[];
  responsible: ResponsibleParty | null;
  actsAvailable: AppealActName[];
}

export interface AppealActResult extends AppealCompactView {
  clock: ClockLedger | null;
  clocks: readonly ClockLedger[];
}

export interface AppealView extends AppealActResult {
  history: HistoryEntry[];
}
