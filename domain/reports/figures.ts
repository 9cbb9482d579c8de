// The arithmetic of the reports, pure: percentiles by nearest rank, rates as exact fractions
// rounded once at the end, and what counts as a stage that finished on time. Each report names
// the formula of each figure it prints (api/services/report-service.ts).
import type { ClockLedger } from '../sla';
import { totalBudget } from '../sla';

/** Nearest-rank percentile (p in 0..100) of the values; null for none. p50 of [1,2,3,4] is 2. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** numerator / denominator to four decimals, or null when nothing was counted. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

/** A finished stage (its clock stopped) is on time when it used no more working days than its budget, extensions included. */
export function finishedOnTime(l: ClockLedger): boolean {
  return l.consumedDays <= totalBudget(l);
}

/** The stage clocks a report counts: deadlines someone answers for (tracking budgets left out). */
export function answerableClocks(ledgers: readonly ClockLedger[]): ClockLedger[] {
  return ledgers.filter((l) => l.tracking !== true);
}
