// The SLA state of an inbox item or a found case, from the read model's columns at an instant:
//   suspended  the clock stands (a supplement, publicity, a hold: sla_state = suspended)
//   overdue    the deadline (24:00 Asia/Shanghai of its date) has passed
//   due_soon   at most DUE_SOON_WORKING_DAYS working days are left: the deadline is today or
//              on one of the next DUE_SOON_WORKING_DAYS working days
//   on_time    more working days left, or no deadline runs
// The same rule as a filter on the columns: `slaBounds` gives the two instants it compares
// deadline_at with, so a list filtered by SLA state holds exactly the items showing that state.
import { localDateOf, startOfLocalDay, type WorkCalendar } from '../calendar';
import { overdueWorkingDays } from '../sla';

export const INBOX_SLA_STATES = ['on_time', 'due_soon', 'overdue', 'suspended'] as const;
export type InboxSla = (typeof INBOX_SLA_STATES)[number];

/** Two working days: the reminder comes one working day before the deadline, the inbox flags one day earlier. */
export const DUE_SOON_WORKING_DAYS = 2;

export interface SlaBounds {
  now: Date;
  /** A deadline at or before this instant is due soon: the start of the (N+1)th working day after today. */
  dueSoonUntil: Date;
}

export function slaBounds(calendar: WorkCalendar, now: Date): SlaBounds {
  const next = calendar.addWorkingDays({ from: now, workingDays: DUE_SOON_WORKING_DAYS + 1, allowProvisional: true });
  return { now, dueSoonUntil: startOfLocalDay(next.deadlineDate) };
}

export function slaOf(c: { slaState: string | null; deadlineAt: Date | null }, b: SlaBounds): InboxSla {
  if (c.slaState === 'suspended') return 'suspended';
  if (c.deadlineAt === null) return 'on_time';
  if (c.deadlineAt.getTime() < b.now.getTime()) return 'overdue';
  return c.deadlineAt.getTime() <= b.dueSoonUntil.getTime() ? 'due_soon' : 'on_time';
}

/** The date a deadline instant ends (24:00 Asia/Shanghai is the next day's first instant). */
export const deadlineDateOf = (deadlineAt: Date): string => localDateOf(new Date(deadlineAt.getTime() - 1));

/**
 * Working days left to a running deadline: those after today up to its date (0: due today);
 * past it, minus the working days fully elapsed since. null without a deadline.
 */
export function workingDaysLeft(calendar: WorkCalendar, deadlineAt: Date | null, now: Date): number | null {
  if (deadlineAt === null) return null;
  const date = deadlineDateOf(deadlineAt);
  if (deadlineAt.getTime() < now.getTime()) {
    const over = overdueWorkingDays(calendar, date, now.toISOString());
    return over === 0 ? 0 : -over;
  }
  return calendar.countWorkingDays(localDateOf(now), date, { allowProvisional: true }).count;
}
