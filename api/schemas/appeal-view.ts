// The 诉求 appeal view as appealWorkflow projects it into the read model's `view` column, parsed
// when the API reads it back: a row that does not fit is the server's error, found at the read,
// never a cast. Each schema is checked against the workflow's own types (`satisfies`), so the two
// cannot drift apart unnoticed.
import { z } from 'zod';
import { APPEAL_ACT_NAMES } from '../../domain/appeal/acts';
import { APPEAL_CATEGORIES, PRIORITIES, type AppealLimits, type DispatchProposal } from '../../domain/appeal/catalogue';
import { APPEAL_RATINGS, RESPONSIBLE_PARTIES, ZAppealStatus } from '../../domain/appeal/status';
import { ZDepartmentCode } from '../../domain/roles';
import type { AppealInput, AppealState } from '../../workflows/appeal/state';
import type { AppealCompactView } from '../../workflows/appeal/view';
import { ZActorRef } from './application-view';
import { ZStoredLedger } from './sla';

export const ZDispatchProposal = z.object({ leadDepartment: ZDepartmentCode, coDepartments: z.array(ZDepartmentCode), reason: z.string() }) satisfies z.ZodType<DispatchProposal>;

const ZAppealLimits = z.object({
  acceptDays: z.number().int(),
  dispatchDays: z.number().int(),
  signDays: z.number().int(),
  returnDays: z.number().int(),
  handling: z.object({ consultation: z.number().int(), general: z.number().int(), complex: z.number().int(), urgent: z.number().int() }),
  ratingDays: z.number().int(),
  maxReopens: z.number().int(),
  concludeDays: z.number().int(),
}) satisfies z.ZodType<AppealLimits>;

export const ZAppealInput = z.object({
  caseId: z.string(),
  title: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  category: z.enum(APPEAL_CATEGORIES),
  description: z.string(),
  relatedPolicyCode: z.string().nullable(),
  relatedCaseId: z.string().nullable(),
  contactPhone: z.string().nullable(),
  proposal: ZDispatchProposal,
  limits: ZAppealLimits,
  filedBy: ZActorRef,
  filedAt: z.string(),
  acceptanceDueAt: z.string().optional(),
}) satisfies z.ZodType<AppealInput>;

const ZTimed = { by: z.string(), at: z.string(), onTime: z.boolean() };
const ZByAt = { by: z.string(), at: z.string() };

export const ZAppealState = z.object({
  status: ZAppealStatus,
  priority: z.enum(PRIORITIES).nullable(),
  acceptance: z.object({ ...ZTimed, note: z.string().nullable() }).nullable(),
  notAccepted: z.object({ reason: z.string(), referral: z.string(), ...ZByAt }).nullable(),
  leadDepartment: z.string().nullable(),
  coDepartments: z.array(z.string()),
  dispatches: z.array(z.object({ ...ZTimed, leadDepartment: z.string(), coDepartments: z.array(z.string()), note: z.string().nullable() })),
  returnDueAt: z.string().nullable(),
  signs: z.array(z.object({ ...ZTimed, department: z.string(), note: z.string().nullable() })),
  returns: z.array(z.object({ department: z.string(), reason: z.string(), ...ZByAt })),
  contributions: z.array(z.object({ department: z.string(), text: z.string(), ...ZByAt })),
  replies: z.array(z.object({ ...ZTimed, department: z.string(), text: z.string(), resolved: z.boolean() })),
  ratingDueAt: z.string().nullable(),
  ratingClosed: z.boolean(),
  ratings: z.array(z.object({ level: z.enum(APPEAL_RATINGS), comment: z.string().nullable(), ...ZByAt })),
  reopenCount: z.number().int(),
  conclusion: z.object({ text: z.string(), ...ZByAt }).nullable(),
  closedAt: z.string().nullable(),
}) satisfies z.ZodType<AppealState>;

export const ZResponsibleParty = z.enum(RESPONSIBLE_PARTIES);

export const ZStoredAppealView = z.object({
  input: ZAppealInput,
  state: ZAppealState,
  assigneeId: z.string().nullable(),
  stageDepartment: z.string(),
  departments: z.array(z.string()),
  responsible: ZResponsibleParty.nullable(),
  actsAvailable: z.array(z.enum(APPEAL_ACT_NAMES)),
  /** The clock of the stage the kernel calls current, and every clock in start order (finished ones included). */
  clock: ZStoredLedger.nullable(),
  clocks: z.array(ZStoredLedger),
  /** How many case_history rows belong to this version. */
  historyLength: z.number().int(),
}) satisfies z.ZodType<AppealCompactView>;
export type TStoredAppealView = z.infer<typeof ZStoredAppealView>;

/** The stored view of an appeal; throws (a server error, never a 400) when the row does not fit. */
export function storedAppealView(caseId: string, view: unknown): TStoredAppealView {
  const parsed = ZStoredAppealView.safeParse(view);
  if (!parsed.success) throw new Error(`case ${caseId}: the stored appeal view does not fit its schema: ${parsed.error.message}`);
  return parsed.data;
}

/** An appeal as the view of the case it is about lists it (GET /applications/X, /proxy-cases/X, /cases/X). */
export const ZAppealLink = z.object({ caseId: z.string(), status: ZAppealStatus, title: z.string(), category: z.enum(APPEAL_CATEGORIES) });
export const ZAppealLinks = z.array(ZAppealLink).describe('the 诉求 appeals about this case that the caller may see');
