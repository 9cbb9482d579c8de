// The SLA clock as the API shows it on every case.
import { z } from 'zod';

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
