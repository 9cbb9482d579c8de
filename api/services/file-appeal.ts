// Filing a 诉求 appeal (measures 45, 46): the dispatch proposal from the related measure or the
// category, the case number, the first read-model row, the workflow start. A retried request with
// the same Idempotency-Key returns the same appeal; the workflow id comes from the case number, so
// a crash between the key and the start is mended by the retry.
import { z } from 'zod';
import { ZDocumentIds } from '../../domain/document';
import { APPEAL_CATEGORIES, DEFAULT_APPEAL_LIMITS, proposeDispatch } from '../../domain/appeal/catalogue';
import { ZAppealStatus } from '../../domain/appeal/status';
import { localDateOf, type WorkCalendar } from '../../domain/calendar';
import { DEFAULT_SLA_POLICY, planSla } from '../../domain/sla';
import { AppError } from '../../domain/errors';
import { actorRef, type Actor } from '../../domain/roles';
import { appealColumns, appealCompactView } from '../../workflows/appeal/projection';
import { filingEntry, initialAppealState, PLATFORM_DEPARTMENT, responsibility, type AppealInput } from '../../workflows/appeal/state';
import { appealWorkflowId, CASE_NUMBER_PREFIX } from '../../workflows/ids';
import { policyFor } from '../access';
import { notFound, requireRole } from '../auth/guards';
import { storedAppealView, type TStoredAppealView } from '../schemas/appeal-view';
import type { TemporalGateway } from '../temporal/gateway';
import type { CaseDocuments } from './case-documents';
import type { ServiceDeps } from './deps';
import { auditFiling, fileByKey, filingEnterprise, firstCaseRow, requireIdempotencyKey, startFiledWorkflow, type FirstRow } from './filing';

export const ZFileAppeal = z
  .object({
    category: z.enum(APPEAL_CATEGORIES),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(4000),
    relatedPolicyCode: z.string().regex(/^M\d{2}$/, 'a measure code M01…M46').optional().describe('the measure the appeal is about; its lead department is proposed'),
    relatedCaseId: z.string().trim().min(3).max(64).optional().describe('a case of the enterprise the appeal is about'),
    contactPhone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, 'a mobile or landline number').optional(),
    documentIds: ZDocumentIds.default([]).describe('evidence: ids of the enterprise’s uploads (POST /api/v1/documents), attached to the appeal'),
  })
  .strict();
export type TFileAppeal = z.infer<typeof ZFileAppeal>;

/** The first read-model row with the filing as its first history row; the workflow's projections replace it. */
function firstRow(filed: AppealInput): FirstRow {
  const state = initialAppealState();
  const meta = { assigneeId: null, department: PLATFORM_DEPARTMENT };
  // What the kernel's own projection writes (stageDepartment, the compact view, the clocks, historyLength).
  const view: TStoredAppealView = { ...appealCompactView(filed, state, meta, Date.parse(filed.filedAt)), clock: null, clocks: [], historyLength: 1 };
  return firstCaseRow({ caseId: filed.caseId, caseType: 'appeal', workflowId: appealWorkflowId(filed.caseId), columns: appealColumns(filed, state), view, entry: filingEntry(filed), filedAt: filed.filedAt });
}

/** What a filing answers, from the appeal as stored. */
function answerOf(view: Pick<TStoredAppealView, 'input' | 'state' | 'clocks'>) {
  return { caseId: view.input.caseId, status: ZAppealStatus.parse(view.state.status), responsible: responsibility(view.state, view.clocks, view.input), proposal: view.input.proposal };
}

/** The acceptance deadline the workflow's clock will compute for a filing at `at` (the same policy, calendar and function). */
function plannedAcceptance(calendar: WorkCalendar, at: Date, acceptDays: number): string {
  const p = DEFAULT_SLA_POLICY;
  return planSla(calendar, { from: at.toISOString(), workingDays: acceptDays, startDayCounts: p.startDayCounts, allowProvisional: p.allowProvisional, reminderWorkingDays: p.reminderWorkingDays, graceWorkingDays: p.graceWorkingDays }).deadlineAt;
}

export function createFileAppeal(deps: ServiceDeps, temporal: TemporalGateway | undefined, documents: CaseDocuments) {
  const { repos, now } = deps;

  const startWorkflow = (input: AppealInput) => startFiledWorkflow(temporal, 'appealWorkflow', appealWorkflowId(input.caseId), [input]);
  const audit = (actor: Actor, input: AppealInput) =>
    auditFiling(repos, actor, {
      action: 'appeal.file',
      caseId: input.caseId,
      filedAt: input.filedAt,
      payload: { enterpriseId: input.enterpriseId, category: input.category, relatedPolicyCode: input.relatedPolicyCode, relatedCaseId: input.relatedCaseId, proposedLead: input.proposal.leadDepartment },
    });

  /** The measure named, as the catalogue in effect has it: an unknown code is the caller's mistake (400). */
  async function relatedMeasure(code: string | undefined, at: Date) {
    if (code === undefined) return null;
    const asOf = localDateOf(at);
    const measure = (await repos.catalogue.loadInEffect(asOf))?.catalogue.measures.find((m) => m.code === code);
    if (!measure) {
      throw new AppError('VALIDATION_FAILED', `relatedPolicyCode ${code} is not a measure of the catalogue in effect on ${asOf}.`, { issues: [{ path: 'body.relatedPolicyCode', message: 'unknown measure' }] });
    }
    return { code: measure.code, lead: measure.lead, co: measure.co };
  }

  /** The related case must be one the enterprise may see under that case type's rule; else it is not there (404). */
  async function checkRelatedCase(actor: Actor, caseId: string | undefined): Promise<void> {
    if (caseId === undefined) return;
    const c = await repos.cases.findById(caseId);
    if (!c) throw notFound('Case', caseId);
    const policy = policyFor(c.caseType);
    if (!policy.canSee(actor, policy.scopeOf(c))) throw notFound('Case', caseId);
  }

  return async function fileAppeal(actor: Actor, body: TFileAppeal, headerKey: string | undefined) {
    // An appeal is the enterprise's own voice: staff do not raise one on its behalf.
    requireRole(actor, ['enterprise'], 'file 诉求 appeals');
    const idempotencyKey = requireIdempotencyKey(headerKey);
    const enterprise = await filingEnterprise(repos, actor, undefined);
    const at = now();
    const measure = await relatedMeasure(body.relatedPolicyCode, at);
    await checkRelatedCase(actor, body.relatedCaseId);
    // The evidence stays with the case in the database; the workflow's input does not change.
    const evidence = await documents.resolve(actor, enterprise.id, body.documentIds);
    const acceptanceDueAt = plannedAcceptance(await repos.calendar.loadCalendar(), at, DEFAULT_APPEAL_LIMITS.acceptDays);

    const filing = await fileByKey(repos, {
      actor,
      idempotencyKey,
      request: { ...body, enterpriseId: enterprise.id },
      at,
      prefix: CASE_NUMBER_PREFIX.appeal,
      afterCreate: (tx, caseId) => documents.holdInFiling(tx, caseId, evidence, actor),
      build: (caseId) => {
        const filed: AppealInput = {
          caseId,
          title: body.title,
          enterpriseId: enterprise.id,
          enterpriseName: enterprise.name,
          category: body.category,
          description: body.description,
          relatedPolicyCode: body.relatedPolicyCode ?? null,
          relatedCaseId: body.relatedCaseId ?? null,
          contactPhone: body.contactPhone ?? null,
          proposal: proposeDispatch(body.category, measure),
          limits: DEFAULT_APPEAL_LIMITS,
          filedBy: actorRef(actor),
          filedAt: at.toISOString(),
          acceptanceDueAt,
        };
        return { ...firstRow(filed), result: filed };
      },
    });
    // The same request again: the appeal it filed, with its workflow started if a crash stopped that.
    const view = filing.replayed ? storedAppealView(filing.row.caseId, filing.row.view) : { input: filing.result, state: initialAppealState(), clocks: [] };
    await startWorkflow(view.input);
    await audit(actor, view.input);
    return { replayed: filing.replayed, ...answerOf(view) };
  };
}
export type FileAppeal = ReturnType<typeof createFileAppeal>;
