// The SLA clock as the API shows it on every case, and the ledgers as workflows store them in the
// read model's view (parsed when read: a row that does not fit is the server's error, not a cast).
import { z } from 'zod';
import type { ClockLedger } from '../../domain/sla';

const ZSuspension = z.object({
  kind: z.enum(['supplement', 'publicity', 'expert_review', 'supervisor_hold', 'enterprise_wait']),
  reason: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  byUserId: z.string().nullable(),
});
const ZExtension = z.object({ workingDays: z.number(), reason: z.string(), byUserId: z.string(), byRole: z.string(), at: z.string() });
const ZProjection = z.object({
  at: z.string(),
  cause: z.string(),
  deadlineAt: z.string().nullable(),
  deadlineDate: z.string().nullable(),
  provisional: z.boolean(),
  calendarDocuments: z.array(z.string()),
});

export const ZStoredLedger = z.object({
  caseId: z.string(),
  stage: z.string(),
  episode: z.number().int(),
  budgetDays: z.number(),
  extensions: z.array(ZExtension),
  startedAt: z.string(),
  segmentStartedAt: z.string().nullable(),
  firstSegment: z.boolean(),
  startDayCounts: z.boolean().optional(),
  consumedDays: z.number(),
  suspensions: z.array(ZSuspension),
  state: z.enum(['running', 'suspended', 'stopped']),
  deadlineAt: z.string().nullable(),
  deadlineDate: z.string().nullable(),
  provisional: z.boolean(),
  reminderAt: z.string().nullable(),
  reminded: z.boolean(),
  rungs: z.array(z.object({ level: z.number(), at: z.string(), key: z.string() })),
  firedRungKeys: z.array(z.string()),
  projections: z.array(ZProjection),
  stoppedAt: z.string().nullable(),
  stopReason: z.string().nullable(),
  tracking: z.boolean().optional(),
}) satisfies z.ZodType<ClockLedger>;

/** The clocks a case's stored view carries: every stage's (rows from before stage clocks were kept: the one). */
const ZStoredClocks = z.object({ clock: ZStoredLedger.nullish(), clocks: z.array(ZStoredLedger).optional() });

export function storedClocks(caseId: string, view: unknown): { clock: ClockLedger | null; clocks: ClockLedger[] } {
  const parsed = ZStoredClocks.safeParse(view);
  if (!parsed.success) throw new Error(`case ${caseId}: the stored clocks do not fit their schema: ${parsed.error.message}`);
  const clock = parsed.data.clock ?? null;
  return { clock, clocks: parsed.data.clocks ?? (clock ? [clock] : []) };
}

export const ZClockView = z.object({
  stage: z.string(),
  state: z.enum(['running', 'suspended', 'overdue', 'stopped']),
  budgetDays: z.number().describe('working days, extensions included'),
  consumedDays: z.number(),
  remainingDays: z.number(),
  deadlineAt: z.string().nullable().describe('24:00 Asia/Shanghai of deadlineDate'),
  deadlineDate: z.string().nullable(),
  provisional: z.boolean().describe('the deadline runs into a year whose holiday notice is not loaded'),
  suspensions: z.array(z.object({ kind: z.string(), reason: z.string(), from: z.string(), to: z.string().nullable(), byUserId: z.string().nullable() })),
  extensions: z.array(z.object({ workingDays: z.number(), reason: z.string(), byUserId: z.string(), byRole: z.string(), at: z.string() })),
  projections: z.array(
    z.object({
      at: z.string(),
      cause: z.string().describe('which rule moved the date'),
      deadlineAt: z.string().nullable(),
      deadlineDate: z.string().nullable(),
      provisional: z.boolean(),
      calendarDocuments: z.array(z.string()),
    }),
  ),
  tracking: z.boolean().describe('a tracked budget (a 代办 stage total, the reform target): counted and shown, no reminder, no escalation'),
});

export const ZCaseEscalation = z.object({
  level: z.number(),
  stage: z.string(),
  targetDepartment: z.string(),
  deadlineAt: z.string(),
  overdueWorkingDays: z.number(),
  firedAt: z.string(),
  closedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
});
