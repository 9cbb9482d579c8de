// What a 代办 proxy case shows: the compact view the read model stores and an act answers (no
// history: that is stored as rows), and the full view a query answers and the workflow returns.
import type { ClockLedger } from '../../domain/sla';
import type { ProxyActName } from '../../domain/proxy/acts';
import type { HistoryEntry } from '../case/types';
import type { ProxyCaseInput, ProxyCaseState, WaitingOn } from './state';

export interface ProxyCompactView {
  input: ProxyCaseInput;
  state: ProxyCaseState;
  assigneeId: string | null;
  /** GXJ, whose proxy team carries the case. */
  stageDepartment: string;
  /** The approving authorities of the case's items (their staff see the case and record their decisions). */
  authorities: string[];
  currentStage: string | null;
  waitingOn: WaitingOn | null;
  actsAvailable: ProxyActName[];
}

export interface ProxyActResult extends ProxyCompactView {
  clock: ClockLedger | null;
  clocks: readonly ClockLedger[];
}

export interface ProxyView extends ProxyActResult {
  history: HistoryEntry[];
}
