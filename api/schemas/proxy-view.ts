// The 代办 proxy case view as proxyCaseWorkflow projects it into the read model's `view` column,
// parsed when the API reads it back: a row that does not fit is the server's error, found at the
// read, never a cast. Each schema is checked against the workflow's own types (`satisfies`), so
// the two cannot drift apart unnoticed.
import { z } from 'zod';
import { PROXY_ACT_NAMES } from '../../domain/proxy/acts';
import type { PlannedItem, PlannedStage, ProxyPlan } from '../../domain/proxy/catalogue';
import { RATING_CODES, ZProxyStatus } from '../../domain/proxy/status';
import { ZDepartmentCode } from '../../domain/roles';
import type { ItemState, ProxyCaseInput, ProxyCaseState, StageState, WaitingOn } from '../../workflows/proxy/state';
import type { ProxyCompactView } from '../../workflows/proxy/view';
import { ZActorRef } from './application-view';
import { ZStoredLedger } from './sla';

const ZPlannedItem = z.object({
  key: z.string(),
  labelZh: z.string(),
  label: z.string(),
  authority: ZDepartmentCode,
  workingDays: z.number().int(),
  guidance: z.boolean(),
}) satisfies z.ZodType<PlannedItem>;

const ZPlannedStage = z.object({ key: z.string(), labelZh: z.string(), label: z.string(), workingDays: z.number().int(), items: z.array(ZPlannedItem) }) satisfies z.ZodType<PlannedStage>;

const ZPlan = z.object({
  channel: z.enum(['standard', 'green']),
  stages: z.array(ZPlannedStage),
  reformTargetDays: z.number().int(),
  assignmentDays: z.number().int(),
  problemDays: z.number().int(),
  ratingDays: z.number().int(),
  followUpDays: z.number().int(),
}) satisfies z.ZodType<ProxyPlan>;

export const ZProxyCaseInput = z.object({
  caseId: z.string(),
  title: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  projectName: z.string(),
  projectType: z.string(),
  location: z.string(),
  investmentFen: z.number().int(),
  contact: z.object({ name: z.string(), phone: z.string() }),
  plan: ZPlan,
  filedBy: ZActorRef,
  filedByEnterprise: z.boolean(),
  filedAt: z.string(),
}) satisfies z.ZodType<ProxyCaseInput>;

export const ZWaitingOn = z.enum(['agent', 'enterprise', 'authority', 'supervisor']) satisfies z.ZodType<WaitingOn>;

const ZByAt = { by: z.string(), at: z.string() };

export const ZItemState = z.object({
  key: z.string(),
  stage: z.string(),
  authority: z.string(),
  status: z.enum(['pending', 'preparing', 'submitted', 'returned', 'approved']),
  guidance: z.object({ notes: z.string(), ...ZByAt }).nullable(),
  materialsRequest: z.object({ request: z.string(), ...ZByAt }).nullable(),
  materials: z.array(z.object({ request: z.string(), note: z.string(), requestedAt: z.string(), providedAt: z.string(), providedBy: z.string() })),
  submissions: z.array(z.object({ authority: z.string(), reference: z.string(), ...ZByAt })),
  returns: z.array(z.object({ reason: z.string(), ...ZByAt })),
  permitNo: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
}) satisfies z.ZodType<ItemState>;

const ZStageState = z.object({ key: z.string(), status: z.enum(['pending', 'running', 'done']), startedAt: z.string().nullable(), doneAt: z.string().nullable() }) satisfies z.ZodType<StageState>;

export const ZHandover = z.object({
  from: z.string().nullable(),
  to: z.string(),
  reason: z.string(),
  openItems: z.array(z.object({ key: z.string(), status: ZItemState.shape.status })),
  ...ZByAt,
});

export const ZProblem = z.object({
  id: z.number().int(),
  text: z.string(),
  stage: z.string().nullable(),
  item: z.string().nullable(),
  raisedBy: z.string(),
  raisedAt: z.string(),
  resolution: z.object({ text: z.string(), ...ZByAt }).nullable(),
});

export const ZCompletionRecord = z.object({
  completedAt: z.string(),
  stages: z.array(
    z.object({
      key: z.string(),
      labelZh: z.string(),
      workingDays: z.number(),
      items: z.array(z.object({ key: z.string(), labelZh: z.string(), authority: z.string(), permitNo: z.string(), approvedAt: z.string(), workingDays: z.number() })),
    }),
  ),
  totalWorkingDays: z.number(),
  reformTargetDays: z.number(),
});

export const ZProxyState = z.object({
  status: ZProxyStatus,
  confirmedAt: z.string().nullable(),
  entrustment: z.object({ scope: z.string(), agentId: z.string().nullable(), ...ZByAt }).nullable(),
  agentId: z.string().nullable(),
  handovers: z.array(ZHandover),
  stages: z.array(ZStageState),
  items: z.array(ZItemState),
  notes: z.array(z.object({ text: z.string(), by: z.string(), role: z.string(), at: z.string() })),
  problems: z.array(ZProblem),
  completion: ZCompletionRecord.nullable(),
  ratingDueAt: z.string().nullable(),
  ratingClosed: z.boolean(),
  rating: z.object({ level: z.enum(RATING_CODES), comment: z.string().nullable(), ...ZByAt }).nullable(),
  followUp: z.object({ openedAt: z.string(), outcome: z.object({ text: z.string(), ...ZByAt }).nullable() }).nullable(),
  ending: z.object({ kind: z.enum(['terminated', 'closed_by_supervisor']), text: z.string(), ...ZByAt }).nullable(),
  closedAt: z.string().nullable(),
}) satisfies z.ZodType<ProxyCaseState>;

export const ZStoredProxyView = z.object({
  input: ZProxyCaseInput,
  state: ZProxyState,
  assigneeId: z.string().nullable(),
  stageDepartment: z.string(),
  authorities: z.array(z.string()),
  currentStage: z.string().nullable(),
  waitingOn: ZWaitingOn.nullable(),
  actsAvailable: z.array(z.enum(PROXY_ACT_NAMES)),
  /** The clock of the stage the kernel calls current, and every clock in start order (finished ones included). */
  clock: ZStoredLedger.nullable(),
  clocks: z.array(ZStoredLedger),
  /** How many case_history rows belong to this version. */
  historyLength: z.number().int(),
}) satisfies z.ZodType<ProxyCompactView>;
export type TStoredProxyView = z.infer<typeof ZStoredProxyView>;

/** The stored view of a proxy case; throws (a server error, never a 400) when the row does not fit. */
export function storedProxyView(caseId: string, view: unknown): TStoredProxyView {
  const parsed = ZStoredProxyView.safeParse(view);
  if (!parsed.success) throw new Error(`case ${caseId}: the stored proxy view does not fit its schema: ${parsed.error.message}`);
  return parsed.data;
}
