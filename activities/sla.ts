// SLA side of the workflows: working-day arithmetic against the calendar of the day (data that
// an administrator can change, hence an activity), reminders, escalation rungs and their
// closing. Every write is idempotent by a key the workflow derives deterministically.
import { ApplicationFailure } from '@temporalio/common';
import { ESCALATION_LADDER, overdueWorkingDays, planSla, workingDaysBetween, type EscalationLevel, type PlanSlaInput, type PlanSlaResult, type WorkingDaysBetweenInput } from '../domain/sla';

export type { PlanSlaInput, PlanSlaResult } from '../domain/sla';
import { isAppError } from '../domain/errors';
import type { ActivityDeps } from './deps';

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
        return planSla(await repos.calendar.loadCalendar(), input);
      } catch (err) {
        asNonRetryable(err);
      }
    },

    /** Working days consumed from the start of a segment to an instant (day 0 not counted). */
    async countWorkingDaysBetween(input: WorkingDaysBetweenInput): Promise<number> {
      try {
        return workingDaysBetween(await repos.calendar.loadCalendar(), input);
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
      const overdue = overdueWorkingDays(await repos.calendar.loadCalendar(), input.deadlineDate, input.at);
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
      if (created) deps.metrics?.escalationsFired.inc({ level: String(input.level) });
      return { created, overdueWorkingDays: overdue };
    },

    async closeOpenEscalations(input: { caseId: string; stage: string; reason: string; at: string }): Promise<number> {
      return (await repos.escalations.closeOpen(input.caseId, input.stage, input.reason, new Date(input.at))).count;
    },
  };
}
