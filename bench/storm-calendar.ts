// The deadline storm's compressed calendar (bench only). A storm is many deadlines passing at once
// (in production: midnight, Asia/Shanghai, at the end of a busy day). To bring one about in a
// bench run, the worker's working-day arithmetic is replaced: a stage's deadline falls at a random
// instant of the storm window, its reminder a rung gap before, and its escalation rungs at the
// deadline and one and two gaps after. Everything else is the production code: the workflow's
// timers, the rung and reminder activities, their database writes and audit records.
import type { createActivities, PlanSlaInput, PlanSlaResult } from '../activities';
import { localDateOf } from '../domain/calendar';

export interface StormWindow {
  at: string;
  windowMs: number;
  rungGapMs: number;
}

/** When the storm's rung of `level` is due for a deadline (the lag is measured from it). */
export function rungDueAt(deadlineAt: Date, level: number, s: Pick<StormWindow, 'rungGapMs'>): number {
  return deadlineAt.getTime() + (level - 1) * s.rungGapMs;
}

export function stormActivities(real: ReturnType<typeof createActivities>, s: StormWindow): Partial<ReturnType<typeof createActivities>> {
  return {
    async planSla(input: PlanSlaInput): Promise<PlanSlaResult> {
      // Windows other than a stage's clock (publicity, rating) keep the real calendar.
      if (input.reminderWorkingDays === 0) return real.planSla(input);
      const deadline = new Date(Date.parse(s.at) + Math.floor(Math.random() * s.windowMs));
      const rungs = ([1, 2, 3] as const).map((level) => ({ level, at: new Date(rungDueAt(deadline, level, s)).toISOString() }));
      return {
        deadlineAt: deadline.toISOString(),
        deadlineDate: localDateOf(deadline),
        provisional: false,
        missingYears: [],
        reminderAt: new Date(deadline.getTime() - s.rungGapMs).toISOString(),
        rungs,
        calendarDocuments: [],
      };
    },
    // The stage consumed no working day yet (the storm's cases are never acted on).
    async countWorkingDaysBetween(): Promise<number> {
      return 0;
    },
  };
}
