// The data the case kernel keeps for every case, carried whole by continue-as-new.
import type { HistoryEntry } from '../../domain/case-history';
import type { ClockLedger } from '../../domain/sla';

export type { HistoryEntry } from '../../domain/case-history';

/** What the kernel keeps beside the case type's own state. */
export interface CaseMeta {
  /** The person responsible now (assigned at acceptance, changed by reassign). */
  assigneeId: string | null;
  /** The department whose clock runs now (its reviewers get the reminders and rungs). */
  department: string;
  /** Extensions granted by department heads so far (a head may extend a case once). */
  headExtensions: number;
  history: HistoryEntry[];
  /**
   * The ids of the last acts (Updates) this case applied, carried by continue-as-new: Temporal
   * answers a repeated Update id within one run only, so a retry after the case continued as new
   * (an answer lost, the same Idempotency-Key sent again) is answered here instead of applied twice.
   */
  appliedUpdateIds?: string[];
}

/** How many applied act ids a case remembers (far more than a client's retries span). */
export const APPLIED_UPDATE_IDS_KEPT = 200;

/** What one run hands the next (continue-as-new): the case as it is, its clocks and its counters. */
export interface CaseCarry<S> {
  state: S;
  meta: CaseMeta;
  clocks: ClockLedger[];
  projectionVersion: number;
  /** How much of the history the read model surely holds. */
  historyBase: number;
}

export interface ContinueAsNewPolicy {
  /** Continue as new at this many history events even when the server does not suggest it yet. */
  maxHistoryEvents: number;
}

/** The server suggests continue-as-new long before its limits; this is the kernel's own ceiling. */
export const DEFAULT_CONTINUE_AS_NEW: ContinueAsNewPolicy = { maxHistoryEvents: 10_000 };
