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

export function createClockViews({ repos, now }: ServiceDeps) {
  async function viewOfLedger(ledger: ClockLedger): Promise<ClockView> {
    if (ledger.state !== 'running' || !ledger.segmentStartedAt) return clockView(ledger, 0, now().getTime());
    return ledgerViewAt(await repos.calendar.loadCalendar(), ledger, now());
  }

  return {
    viewOfLedger,
    viewOfClock: async (ledger: ClockLedger | null): Promise<ClockView | null> => (ledger ? viewOfLedger(ledger) : null),
  };
}
export type ClockViews = ReturnType<typeof createClockViews>;
