// The application view as applicationWorkflow projects it into the read model's `view` column,
// parsed when the API reads it back: a row that does not fit is the server's error, found at the
// read, not a cast that lets a wrong shape travel on. Each schema is checked against the
// workflow's own types (`satisfies`), so the two cannot drift apart unnoticed.
import { z } from 'zod';
import { APPLICATION_ACT_NAMES } from '../../domain/application/acts';
import { ZApplicationStatus } from '../../domain/application/status';
import type { DocumentRef } from '../../workflows/application/messages';
import type { ApplicationCaseState, ApplicationInput, HistoryEntry, QuoteSummary } from '../../workflows/application/state';
import type { ActorRef } from '../../workflows/sla/messages';

export const ZActorRef = z.object({ userId: z.string(), username: z.string(), role: z.string(), departmentCode: z.string().nullable() }) satisfies z.ZodType<ActorRef>;
const ZStoredDocument = z.object({ documentId: z.string().optional(), name: z.string(), sha256: z.string(), size: z.number() }) satisfies z.ZodType<DocumentRef>;

export const ZQuoteSummary = z.object({
  eligible: z.boolean(),
  amountFen: z.number().int(),
  breakdown: z.array(z.object({ label: z.string(), amountFen: z.number().int(), rule: z.string() })),
  reasons: z.array(z.string()),
  pending: z.array(z.object({ parameter: z.string(), label: z.string(), note: z.string() })),
  awardRecords: z.array(z.object({ policyCode: z.string(), item: z.string(), limitKey: z.string(), amountFen: z.number().int(), period: z.string().optional() })),
}) satisfies z.ZodType<QuoteSummary>;

export const ZApplicationInput = z.object({
  caseId: z.string(),
  title: z.string(),
  enterpriseId: z.string(),
  filedBy: ZActorRef,
  policyCode: z.string(),
  item: z.string(),
  kind: z.enum(['award', 'approval']),
  facts: z.record(z.string(), z.unknown()),
  documents: z.array(ZStoredDocument),
  catalogueVersion: z.number().int(),
  quote: ZQuoteSummary,
  leadDepartment: z.string(),
  coDepartments: z.array(z.string()),
  sla: z.object({ acceptanceDays: z.number(), reviewDays: z.number(), publicityDays: z.number(), supplementDays: z.number(), paymentDays: z.number() }),
  startDayCounts: z.boolean(),
  filedAt: z.string(),
  budgetYear: z.number().int(),
}) satisfies z.ZodType<ApplicationInput>;

export const ZHistoryEntry = z.object({
  at: z.string(),
  act: z.string(),
  by: z.string().nullable(),
  role: z.string().nullable(),
  department: z.string().nullable(),
  note: z.string().nullable(),
}) satisfies z.ZodType<HistoryEntry>;

const ZStoredState = z.object({
  status: ZApplicationStatus,
  facts: z.record(z.string(), z.unknown()),
  documents: z.array(ZStoredDocument),
  quote: ZQuoteSummary,
  supplementRequest: z.object({ items: z.array(z.object({ name: z.string(), reason: z.string() })), at: z.string(), by: z.string(), dueAt: z.string(), closed: z.boolean() }).nullable(),
  decision: z
    .object({ outcome: z.enum(['approved', 'rejected', 'not_accepted']), amountFen: z.number().int().nullable(), opinion: z.string(), by: z.string(), at: z.string(), reductionReason: z.string().optional() })
    .nullable(),
  countersigns: z.array(z.object({ department: z.string(), decision: z.enum(['agree', 'disagree']), opinion: z.string(), by: z.string(), at: z.string() })),
  objections: z.array(
    z.object({ text: z.string(), by: z.string(), at: z.string(), resolution: z.object({ upheld: z.boolean(), opinion: z.string(), by: z.string(), at: z.string() }).nullable() }),
  ),
  publicity: z.object({ from: z.string(), until: z.string(), closed: z.boolean() }).nullable(),
  funding: z.object({
    commitment: z.enum(['none', 'waiting', 'committed', 'paid']),
    attempts: z.number().int(),
    transferRef: z.string().nullable(),
    account: z.string().nullable(),
    failure: z.string().nullable(),
    failedAt: z.string().optional(),
  }),
  /**
   * Only in rows written before the history was stored as rows (case_history, migration 0005) and
   * in the first row the filing writes; otherwise the history is read from its rows.
   */
  history: z.array(ZHistoryEntry).optional(),
  closedAt: z.string().nullable(),
}) satisfies z.ZodType<ApplicationCaseState & { history?: HistoryEntry[] }>;

const ZActName = z.enum(APPLICATION_ACT_NAMES);

export const ZStoredApplicationView = z.object({
  input: ZApplicationInput,
  state: ZStoredState,
  assigneeId: z.string().nullable(),
  /** Absent in rows written before the funding stage had its own department. */
  stageDepartment: z.string().nullish(),
  actsAvailable: z.array(ZActName),
  /** The SLA clock ledger of the stage running now, passed through to the case view as the workflow wrote it. */
  clock: z.unknown(),
  /** Every stage clock, finished ones included (absent in rows written before stage clocks were kept). */
  clocks: z.array(z.unknown()).optional(),
});
export type TStoredApplicationView = z.infer<typeof ZStoredApplicationView>;

/** The stored view of a case; throws (a server error, never a 400) when the row does not fit. */
export function storedApplicationView(caseId: string, view: unknown): TStoredApplicationView {
  const parsed = ZStoredApplicationView.safeParse(view);
  if (!parsed.success) throw new Error(`case ${caseId}: the stored application view does not fit its schema: ${parsed.error.message}`);
  return parsed.data;
}
