// A deadline storm: S open cases whose deadlines all pass within one minute (the storm calendar of
// bench/storm-calendar.ts), on one worker. Every reminder and every escalation rung must fire
// exactly once: the rows are counted (escalations, their audit records, the reminders) and a sample
// of histories is read for the activities scheduled; the lag from each rung's due time to its
// firing is printed; nothing may fail or stay behind.
import type { BenchContext, BenchReport } from './context';
import { percentile, runConcurrent, waitUntil } from '../harness';
import { startRawCase, rawWorkflowId } from './raw-case';
import { openDatabase } from '../../infra/db/database';
import { rungDueAt } from '../storm-calendar';

const PREFIX = 'SB-2097-';

export async function deadlineStorm(ctx: BenchContext): Promise<BenchReport> {
  const s = ctx.stormCases;
  const windowMs = ctx.smoke ? 5000 : 60_000;
  const rungGapMs = ctx.smoke ? 3000 : 20_000;
  // Far enough ahead that every case is started and planned before the first deadline.
  const at = new Date(Date.now() + 15_000 + s * 60);
  const db = await openDatabase({ url: ctx.stack.databaseUrl });
  const worker = await ctx.stack.startWorker('storm', { storm: { at: at.toISOString(), windowMs, rungGapMs } });
  try {
    const enterpriseId = (await db.prisma.user.findFirst({ where: { username: 'ent1' } }))!.enterpriseId!;
    const reviewers = await db.prisma.user.count({ where: { role: 'reviewer', departmentCode: 'GXJ', active: true } });
    const ids = Array.from({ length: s }, (_, i) => `${PREFIX}${String(i).padStart(6, '0')}`);
    await runConcurrent(s, 20, async (i) => {
      await startRawCase(ctx.client, worker.taskQueue, ids[i]!, enterpriseId, i);
    });
    const plannedBefore = await waitUntil(
      () => db.prisma.caseRecord.count({ where: { caseId: { startsWith: PREFIX }, deadlineAt: { not: null } } }),
      (k) => k >= s,
      Math.max(0, at.getTime() - Date.now()),
    );
    const lastDue = at.getTime() + windowMs + 2 * rungGapMs;
    const counts = async () => ({
      escalations: await db.prisma.escalation.count({ where: { caseId: { startsWith: PREFIX } } }),
      audits: await db.prisma.auditRecord.count({ where: { subjectId: { startsWith: PREFIX }, action: 'sla.escalate' } }),
      reminders: await db.prisma.notification.count({ where: { kind: 'sla.reminder', title: { contains: PREFIX } } }),
    });
    const expected = { escalations: 3 * s, audits: 3 * s, reminders: s * reviewers };
    const done = await waitUntil(counts, (c) => c.escalations >= expected.escalations && c.audits >= expected.audits && c.reminders >= expected.reminders, lastDue - Date.now() + 600_000, 1000);
    const drainedS = (Date.now() - lastDue) / 1000;
    // A few more seconds: nothing fires twice.
    await new Promise((r) => setTimeout(r, ctx.smoke ? 2000 : 10_000));
    const final = await counts();
    const rows = await db.prisma.escalation.findMany({ where: { caseId: { startsWith: PREFIX } }, select: { level: true, deadlineAt: true, firedAt: true } });
    const lags = rows.map((r) => r.firedAt.getTime() - rungDueAt(r.deadlineAt, r.level, { rungGapMs })).sort((a, b) => a - b);
    const sample = ids.slice(0, Math.min(20, s));
    let scheduledRungs = 0;
    let scheduledReminders = 0;
    for (const id of sample) {
      for (const e of (await ctx.client.workflow.getHandle(rawWorkflowId(id)).fetchHistory()).events ?? []) {
        const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
        if (type === 'fireEscalationRung') scheduledRungs++;
        if (type === 'sendDeadlineReminder') scheduledReminders++;
      }
    }
    const failed = await ctx.client.workflow.count(`ExecutionStatus="Failed" OR ExecutionStatus="Terminated" OR ExecutionStatus="TimedOut"`);
    const exact = final.escalations === expected.escalations && final.audits === expected.audits && final.reminders === expected.reminders;
    const lines = [
      `deadline storm: ${s} cases (${plannedBefore} planned before the first deadline), deadlines within ${windowMs / 1000} s, rungs ${rungGapMs / 1000} s apart, one worker`,
      `  rows: escalations ${final.escalations}/${expected.escalations}, their audit records ${final.audits}/${expected.audits}, reminders ${final.reminders}/${expected.reminders} (${reviewers} GXJ reviewer(s) each) — ${exact ? 'each exactly once' : 'NOT exactly once'}`,
      `  histories of ${sample.length} cases: fireEscalationRung scheduled ${scheduledRungs} (expected ${3 * sample.length}), sendDeadlineReminder ${scheduledReminders} (expected ${sample.length})`,
      `  lag from a rung's due time to its firing: p50 ${percentile(lags, 50).toFixed(0)} ms  p95 ${percentile(lags, 95).toFixed(0)} ms  max ${(lags.at(-1) ?? 0).toFixed(0)} ms`,
      `  everything written ${drainedS.toFixed(1)} s after the last rung was due; failed/terminated workflows: ${failed.count}`,
      `  worker peak RSS ${worker.rss().peakMiB.toFixed(0)} MiB`,
    ];
    return {
      lines,
      goals: [
        { goal: 'storm: every reminder and rung exactly once', met: exact && done.escalations === expected.escalations && scheduledRungs === 3 * sample.length && scheduledReminders === sample.length },
        { goal: 'storm: nothing failed', met: failed.count === 0 },
      ],
    };
  } finally {
    await worker.stop();
    await db.close();
  }
}
