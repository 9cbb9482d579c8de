// One entry of a case's history, the same for every case type: the workflow records it, the read
// model stores it as a row (case_history), the API shows it.

export interface HistoryEntry {
  at: string;
  /** The act (accept, reassign, …) or what the case did by itself (expire-supplement, close). */
  act: string;
  /** null when the case did it by itself. */
  by: string | null;
  role: string | null;
  department: string | null;
  note: string | null;
}
