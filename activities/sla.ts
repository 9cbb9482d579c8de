// SLA side of the workflows: working-day arithmetic against the calendar of the day (data that
// an administrator can change, hence an activity), reminders, escalation rungs and their
// closing. Every write is idempotent by a key the workflow derives deterministically.
import { ApplicationFailure } from '@temporalio/common';
import { endOfLocalDay, localDateOf, type WorkCalendar } from '../domain/calendar';
import { ESCALATION_LADDER, type EscalationLevel } from '../domain/sla';
import { isAppError } from '../domain/errors';
import type { ActivityDeps } from './deps';

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

/** Business errors (e.g. CALENDAR_YEAR_MISSING) are final: retrying cannot change them. */
function asNonRetryable(err: unknown): never {
  if (isAppError(err)) throw ApplicationFailure.nonRetryable(err.message, err.code, err.details ?? {});
  throw err;
}

export function createSlaActivities(deps: ActivityDeps) {
  const { repos } = deps;
  return {
    async planSla(input: PlanSlaInput): Promise<PlanSlaResult> {
      try {
        const calendar = await repos.calendar.loadCalendar();
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
      } catch (err) {
        asNonRetryable(err);
      }
    },

    /** Working days consumed from the start of a segment to an instant (day 0 not counted). */
    async countWorkingDaysBetween(input: { from: string; to: string; startDayCounts: boolean; allowProvisional: boolean }): Promise<number> {
      try {
        const calendar = await repos.calendar.loadCalendar();
        const fromDate = localDateOf(new Date(input.from));
        const toDate = localDateOf(new Date(input.to));
        const { count } = calendar.countWorkingDays(fromDate, toDate, { allowProvisional: input.allowProvisional });
        // With startDayCounts the start day itself is day 1 when it is a working day.
        const startCounts = input.startDayCounts && calendar.dayInfo(fromDate).working ? 1 : 0;
        return count + startCounts;
      } catch (err) {
        asNonRetryable(err);
      }
    },

    async sendDeadlineReminder(input: {
      dedupeKey: string;
      caseId: string;
      caseTitle: string;
      stage: string;
      assigneeId: string | null;
      departmentCode: string;
      deadlineAt: string;
      at: string;
    }): Promise<number> {
      // No assignee yet: the department's reviewers share the case.
      const recipients = input.assigneeId
        ? [input.assigneeId]
        : (await repos.users.findActiveByRole('reviewer', input.departmentCode)).map((u) => u.id);
      let sent = 0;
      for (const recipientId of recipients) {
        const fresh = await repos.notifications.enqueue({
          recipientId,
          kind: 'sla.reminder',
          title: `期限提醒 Deadline reminder: ${input.caseId}`,
          body: `${input.caseTitle}: the ${input.stage} stage is due by ${input.deadlineAt}.`,
          payload: { caseId: input.caseId, stage: input.stage, deadlineAt: input.deadlineAt },
          dedupeKey: `${input.dedupeKey}:${recipientId}`,
          createdAt: new Date(input.at),
        });
        if (fresh) sent++;
      }
      return sent;
    },

    /** Fires one rung once: escalation row, notifications to its targets, audit record. */
    async fireEscalationRung(input: {
      rungKey: string;
      caseId: string;
      caseTitle: string;
      caseDepartment: string;
      stage: string;
      level: EscalationLevel;
      deadlineAt: string;
      deadlineDate: string;
      at: string;
    }): Promise<{ created: boolean; overdueWorkingDays: number }> {
      const target = ESCALATION_LADDER.find((t) => t.level === input.level);
      if (!target) throw ApplicationFailure.nonRetryable(`no escalation level ${input.level}`, 'VALIDATION_FAILED');
      const calendar = await repos.calendar.loadCalendar();
      // Working days fully elapsed since the deadline: today, still running, does not count yet.
      const today = localDateOf(new Date(input.at));
      const counted = calendar.countWorkingDays(input.deadlineDate, today, { allowProvisional: true }).count;
      const overdue = today > input.deadlineDate && calendar.dayInfo(today).working ? counted - 1 : counted;
      const targetDepartment = target.department ?? input.caseDepartment;
      const created = await repos.escalations.insertOnce({
        caseId: input.caseId,
        caseDepartment: input.caseDepartment,
        rungKey: input.rungKey,
        level: input.level,
        targetDepartment,
        targetRole: target.notify,
        deadlineAt: new Date(input.deadlineAt),
        stage: input.stage,
        overdueWorkingDays: overdue,
        firedAt: new Date(input.at),
      });
      const recipients =
        target.notify === 'department_head'
          ? await repos.users.findActiveByRole('dept_head', input.caseDepartment)
          : await repos.users.findActiveByRole('supervisor');
      for (const r of recipients) {
        await repos.notifications.enqueue({
          recipientId: r.id,
          kind: `sla.escalation.l${input.level}`,
          title: `逾期升级 Escalation level ${input.level} (${target.labelZh}): ${input.caseId}`,
          body: `${input.caseTitle}: the ${input.stage} stage missed its deadline ${input.deadlineDate} by ${overdue} working day(s).`,
          payload: { caseId: input.caseId, level: input.level, stage: input.stage, deadlineAt: input.deadlineAt },
          dedupeKey: `${input.rungKey}:${r.id}`,
          createdAt: new Date(input.at),
        });
      }
      await repos.audit.append({
        at: new Date(input.at),
        actorId: null,
        actorUsername: 'system',
        actorRole: 'system',
        actorDepartment: null,
        action: 'sla.escalate',
        subjectType: 'case',
        subjectId: input.caseId,
        outcome: 'ok',
        reason: `missed the ${input.stage} deadline ${input.deadlineDate} by ${overdue} working day(s)`,
        payload: { level: input.level, target: `${targetDepartment} ${target.label}`, rungKey: input.rungKey },
        idempotencyKey: `audit:${input.rungKey}`,
      });
      return { created, overdueWorkingDays: overdue };
    },

    async closeOpenEscalations(input: { caseId: string; stage: string; reason: string; at: string }): Promise<number> {
      return (await repos.escalations.closeOpen(input.caseId, input.stage, input.reason, new Date(input.at))).count;
    },
  };
}
