// A stored clock ledger as the API shows it: the working days consumed so far, the running
// segment included, counted on the working calendar. Shared by every service that shows clocks.
import { clockView, workingDaysBetween, type ClockLedger, type ClockView } from '../../domain/sla';
import type { WorkCalendar } from '../../domain/calendar';
import type { ServiceDeps } from './deps';

/** The clock as it stood at `at` (a timeline shows each event's): the ledger's running segment counted up to then. */
export function ledgerViewAt(calendar: WorkCalendar, ledger: ClockLedger, at: Date): ClockView {
  let running = 0;
  if (ledger.state === 'running' && ledger.segmentStartedAt && Date.parse(ledger.segmentStartedAt) < at.getTime()) {
    // The clock's own rule: the start day counts in the first segment of a stage that says so.
    running = workingDaysBetween(calendar, {
      from: ledger.segmentStartedAt,
      to: at.toISOString(),
      startDayCounts: ledger.firstSegment && ledger.startDayCounts === true,
      allowProvisional: true,
    });
  }
  return clockView(ledger, running, at.getTime());
}

const isRunning = (ledger: ClockLedger) => ledger.state === 'running' && Boolean(ledger.segmentStartedAt);

export function createClockViews({ repos, now }: ServiceDeps) {
  /**
   * A reader of these ledgers' views at one instant, on one load of the calendar (none when no
   * clock runs): a case view shows several clocks and reads the calendar once for them all.
   * A case's current clock may be absent (null).
   */
  async function readerFor(ledgers: readonly (ClockLedger | null)[]): Promise<(ledger: ClockLedger) => ClockView> {
    const at = now();
    const calendar = ledgers.some((l) => l !== null && isRunning(l)) ? await repos.calendar.loadCalendar() : null;
    return (ledger) => {
      if (!isRunning(ledger)) return clockView(ledger, 0, at.getTime());
      if (!calendar) throw new Error(`clock ${ledger.stage} of case ${ledger.caseId} runs but was not among the ledgers its reader was made for`);
      return ledgerViewAt(calendar, ledger, at);
    };
  }

  return { readerFor };
}
export type ClockViews = ReturnType<typeof createClockViews>;
