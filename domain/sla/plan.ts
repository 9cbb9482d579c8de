// Deadline arithmetic of the SLA clock: pure functions of a working-day calendar (the calendar
// itself is data an administrator loads, so the activities read it and call these; the API uses
// the same functions, so a deadline shown before a case starts is the one the clock computes).
import { endOfLocalDay, localDateOf, type WorkCalendar } from '../calendar';
import type { EscalationLevel } from './policy';

export interface PlanSlaInput {
  /** The instant the segment starts (acceptance, or the resume of a suspended clock). */
  from: string;
  /** Working days left; <= 0 keeps `fixedDeadlineDate` (an already overdue clock). */
  workingDays: number;
  startDayCounts: boolean;
  allowProvisional: boolean;
  reminderWorkingDays: number;
  graceWorkingDays: number;
  /** Used when workingDays <= 0: the deadline that already passed. */
  fixedDeadlineDate?: string | null;
}

export interface PlanSlaResult {
  deadlineAt: string;
  deadlineDate: string;
  provisional: boolean;
  missingYears: number[];
  reminderAt: string | null;
  /** When each escalation level falls due: the deadline, then + grace, + 2 × grace working days. */
  rungs: Array<{ level: EscalationLevel; at: string }>;
  /** The notices (document numbers) the computation relied on. */
  calendarDocuments: string[];
}

function documentsFor(calendar: WorkCalendar, fromDate: string, toDate: string): string[] {
  const years: number[] = [];
  for (let y = Number(fromDate.slice(0, 4)); y <= Number(toDate.slice(0, 4)); y++) years.push(y);
  return years.flatMap((y) => {
    const n = calendar.notice(y);
    return n ? [`${y}: ${n.document}`] : [`${y}: no notice (weekdays only, provisional)`];
  });
}

/** The deadline, reminder and escalation rungs of a segment of `workingDays` from `from`. */
export function planSla(calendar: WorkCalendar, input: PlanSlaInput): PlanSlaResult {
    const add = (from: Date, n: number, startDayCounts = false) =>
      calendar.addWorkingDays({ from, workingDays: n, startDayCounts, allowProvisional: input.allowProvisional });
    let deadlineDate: string;
    let provisional = false;
    const missing = new Set<number>();
    if (input.workingDays > 0) {
      const d = add(new Date(input.from), input.workingDays, input.startDayCounts);
      deadlineDate = d.deadlineDate;
      provisional = d.provisional;
      d.missingYears.forEach((y) => missing.add(y));
    } else {
      // No working days left: keep the deadline that passed, or (a stage of 0 days) end today.
      deadlineDate = input.fixedDeadlineDate ?? localDateOf(new Date(input.from));
    }
    const deadlineAt = endOfLocalDay(deadlineDate);
    // Reminder: the end of the (N - k)th working day, i.e. k working days before the deadline.
    let reminderAt: string | null = null;
    if (input.reminderWorkingDays > 0 && input.workingDays > 0) {
      const k = input.workingDays - input.reminderWorkingDays;
      reminderAt = k >= 1 ? add(new Date(input.from), k, input.startDayCounts).deadlineAt.toISOString() : input.from;
    }
    // Rungs: level 1 at the deadline, each next one grace working days after the one before.
    const rungs: PlanSlaResult['rungs'] = [{ level: 1, at: deadlineAt.toISOString() }];
    let last = deadlineAt;
    for (const level of [2, 3] as const) {
      // From the deadline day (day 0, already over) count grace working days forward.
      const next = add(new Date(last.getTime() - 1), input.graceWorkingDays);
      next.missingYears.forEach((y) => missing.add(y));
      last = next.deadlineAt;
      rungs.push({ level, at: last.toISOString() });
    }
    return {
      deadlineAt: deadlineAt.toISOString(),
      deadlineDate,
      provisional: provisional || missing.size > 0,
      missingYears: [...missing].sort(),
      reminderAt,
      rungs,
      calendarDocuments: documentsFor(calendar, localDateOf(new Date(input.from)), localDateOf(last)),
    };
}

export interface WorkingDaysBetweenInput {
  from: string;
  to: string;
  /** The first segment of a stage whose start day counts as day 1 (when it is a working day). */
  startDayCounts: boolean;
  allowProvisional: boolean;
}

/** Working days consumed from the start of a segment to an instant (day 0 not counted, unless startDayCounts). */
export function workingDaysBetween(calendar: WorkCalendar, input: WorkingDaysBetweenInput): number {
    const fromDate = localDateOf(new Date(input.from));
    const toDate = localDateOf(new Date(input.to));
    const { count } = calendar.countWorkingDays(fromDate, toDate, { allowProvisional: input.allowProvisional });
    // With startDayCounts the start day itself is day 1 when it is a working day.
    const startCounts = input.startDayCounts && calendar.dayInfo(fromDate).working ? 1 : 0;
    return count + startCounts;
}

/** Working days fully elapsed since a deadline date at an instant: today, still running, does not count yet. */
export function overdueWorkingDays(calendar: WorkCalendar, deadlineDate: string, at: string): number {
  const today = localDateOf(new Date(at));
  const counted = calendar.countWorkingDays(deadlineDate, today, { allowProvisional: true }).count;
  return today > deadlineDate && calendar.dayInfo(today).working ? counted - 1 : counted;
}
