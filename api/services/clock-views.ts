// A stored clock ledger as the API shows it: the working days consumed so far, the running
// segment included, counted on the working calendar. Shared by every service that shows clocks.
import { clockView, workingDaysBetween, type ClockLedger, type ClockView } from '../../domain/sla';
import type { ServiceDeps } from './deps';

export function createClockViews({ repos, now }: ServiceDeps) {
  async function viewOfLedger(ledger: ClockLedger): Promise<ClockView> {
    let running = 0;
    if (ledger.state === 'running' && ledger.segmentStartedAt) {
      const calendar = await repos.calendar.loadCalendar();
      const at = now();
      // The clock's own rule: the start day counts in the first segment of a stage that says so.
      running = workingDaysBetween(calendar, {
        from: ledger.segmentStartedAt,
        to: at.toISOString(),
        startDayCounts: ledger.firstSegment && ledger.startDayCounts === true,
        allowProvisional: true,
      });
    }
    return clockView(ledger, running, now().getTime());
  }

  return {
    viewOfLedger,
    viewOfClock: async (ledger: ClockLedger | null): Promise<ClockView | null> => (ledger ? viewOfLedger(ledger) : null),
  };
}
export type ClockViews = ReturnType<typeof createClockViews>;
