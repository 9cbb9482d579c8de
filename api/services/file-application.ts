// Filing an application (申报): validate the facts against the catalogue form, quote, check
// once-only limits against earlier awards and live applications, number the case, start its
// workflow. A retried request with the same Idempotency-Key returns the same case; the
// workflow id comes from the case number, so a crash between the key and the start is mended
// by the retry (the start uses the existing workflow if it is there).
import { z } from 'zod';
import { claimsOfCase, loadQuoteContext, quoteSummary, quoteWith } from '../../infra/db/quoting';
import { localDateOf } from '../../domain/calendar';
import { ZDocumentIds } from '../../domain/document';
import { AppError } from '../../domain/errors';
import { checkLedgerClaim, IDLE_ASSET_MEASURE } from '../../domain/idle-assets';
import { findItem, findMeasure } from '../../domain/policy';
import { actorRef, type Actor } from '../../domain/roles';
import { DEFAULT_SLA } from '../../domain/policy';
import { firstStageDeadline } from '../../domain/sla';
import { applicationColumns, applicationCompactView } from '../../workflows/application/projection';
import { caseStateOf, filingEntry, type ApplicationInput } from '../../workflows/application/state';
import { applicationWorkflowId, CASE_NUMBER_PREFIX, formatCaseNumber } from '../../workflows/ids';
import { requireRole } from '../auth/guards';
import type { TemporalGateway } from '../temporal/gateway';
import { filingRemit } from '../access';
import { storedApplicationView } from '../schemas/application-view';
import type { Prisma } from '../../generated/prisma/client';
import type { CaseDocuments } from './case-documents';
import type { ServiceDeps } from './deps';
import { auditFiling, filingEnterprise, filingRequestHash, fileOnce, keyConflict, requireIdempotencyKey, startFiledWorkflow } from './filing';

export const ZFileApplication = z
  .object({
    policyCode: z.string().regex(/^M\d{2}$/, 'a measure code M01…M46'),
    item: z.string().min(1).max(64),
    facts: z.record(z.string(), z.unknown()),
    documentIds: ZDocumentIds.default([]),
    enterpriseId: z.uuid().optional().describe('staff filing on behalf of an enterprise'),
    idleAssetId: z.uuid().optional().describe('M37 only, required there: the entry of the idle-asset ledger the enterprise revitalised'),
  })
  .strict();
export type TFileApplication = z.infer<typeof ZFileApplication>;

/** The part of the workflow's view a filing answers with: the acceptance deadline once planned. */
/**
 * The first row of the read model, written with the filing so its claim on limits is visible at
 * once; the workflow's own projections (version 2 on) replace it.
 */
function firstRow(filed: ApplicationInput): Prisma.CaseRecordCreateInput {
  const state = caseStateOf(filed);
  const meta = { assigneeId: null, department: filed.leadDepartment };
  const { openedAt, closedAt: _closedAt, ...columns } = applicationColumns(filed, state);
  // The workflow's compact view, with the filing as its history until the workflow writes the history rows.
  const view = { ...applicationCompactView(filed, state, meta), state: { ...state, history: [filingEntry(filed)] }, clock: null, clocks: [] };
  return {
    ...columns,
    caseId: filed.caseId,
    caseType: 'application',
    workflowId: applicationWorkflowId(filed.caseId),
    view: JSON.parse(JSON.stringify(view)) as Prisma.InputJsonObject,
    projectionVersion: 1,
    openedAt: new Date(openedAt),
    updatedAt: new Date(filed.filedAt),
  };
}

/** The ledger entry an M37 filing names (required there, refused anywhere else). */
function idleAssetOf(body: TFileApplication): string | null {
  const isM37 = body.policyCode === IDLE_ASSET_MEASURE.policyCode && body.item === IDLE_ASSET_MEASURE.item;
  if (isM37 && body.idleAssetId === undefined) {
    const message = 'An M37 filing names the entry of the idle-asset ledger (闲置资产台账) it revitalised: idleAssetId.';
    throw new AppError('IDLE_ASSET_REQUIRED', message, { issues: [{ path: 'body.idleAssetId', message: 'required for M37' }] });
  }
  if (!isM37 && body.idleAssetId !== undefined) {
    throw new AppError('VALIDATION_FAILED', 'idleAssetId belongs to M37 filings only.', { issues: [{ path: 'body.idleAssetId', message: 'only for M37 idle-asset-upgrade' }] });
  }
  return body.idleAssetId ?? null;
}

export function createFileApplication(deps: ServiceDeps, temporal: TemporalGateway | undefined, documents: CaseDocuments) {
  const { repos, now } = deps;

  const startWorkflow = (input: ApplicationInput) => startFiledWorkflow(temporal, 'applicationWorkflow', applicationWorkflowId(input.caseId), [input]);
  const audit = (actor: Actor, input: ApplicationInput) =>
    auditFiling(repos, actor, {
      action: 'application.file',
      caseId: input.caseId,
      filedAt: input.filedAt,
      payload: { policyCode: input.policyCode, item: input.item, enterpriseId: input.enterpriseId, quoteFen: input.quote.amountFen, eligible: input.quote.eligible },
    });

  /**
   * The acceptance deadline, computed as the workflow plans it (its clock starts at the filing
   * instant, on the same calendar): the answer does not wait for the workflow's first task.
   */
  async function deadlineOf(input: ApplicationInput): Promise<string> {
    return firstStageDeadline(await repos.calendar.loadCalendar(), { filedAt: input.filedAt, workingDays: input.sla.acceptanceDays, startDayCounts: input.startDayCounts });
  }

  /** The same request again: the case it filed, with its workflow started if a crash stopped that. */
  async function replay(actor: Actor, caseId: string) {
    const row = await repos.cases.findById(caseId);
    if (!row) throw new Error(`case ${caseId} of a claimed Idempotency-Key has no row`);
    const stored = storedApplicationView(caseId, row.view);
    await startWorkflow(stored.input);
    await audit(actor, stored.input);
    return { replayed: true, caseId, status: row.status, quote: stored.state.quote, deadline: await deadlineOf(stored.input) };
  }

  return async function fileApplication(actor: Actor, body: TFileApplication, headerKey: string | undefined) {
    requireRole(actor, ['enterprise', 'agent', 'reviewer', 'dept_head', 'admin'], 'file applications');
    const idempotencyKey = requireIdempotencyKey(headerKey);
    const enterprise = await filingEnterprise(repos, actor, body.enterpriseId);
    const enterpriseId = enterprise.id;

    // A replay of the same request returns the same case (and starts its workflow if a crash
    // came between the filing and the start: the start uses the existing workflow if it is there).
    const keyId = `${actor.userId}:${idempotencyKey}`;
    const hash = filingRequestHash({ ...body, enterpriseId });
    const previous = await repos.applications.findIdempotencyKey(keyId);
    if (previous && previous.requestHash !== hash) throw keyConflict(idempotencyKey, previous.caseId);
    if (previous && (await repos.cases.findById(previous.caseId))) return replay(actor, previous.caseId);

    const at = now();
    const asOf = localDateOf(at);
    const loaded = await repos.catalogue.loadInEffect(asOf);
    if (!loaded) throw new AppError('NOT_FOUND', `No catalogue version is in effect on ${asOf}.`);
    const measure = findMeasure(loaded.catalogue, body.policyCode);
    const item = findItem(measure, body.item);
    const idleAssetId = idleAssetOf(body);
    // Staff claim an enterprise's limits only within their remit: an agent only for an enterprise
    // whose open 代办 proxy case is assigned to them.
    const agentOfEnterprise = actor.role === 'agent' && (await repos.proxyCases.agentCarriesEnterprise(actor.userId, enterpriseId));
    const outsideRemit = filingRemit(actor, measure.lead, agentOfEnterprise);
    if (outsideRemit) throw new AppError('FORBIDDEN', outsideRemit);
    if (item.limit.kind === 'once') {
      const earlier = await repos.applications.grantedCaseFor(enterpriseId, body.policyCode, body.item, item.limitKeys(body.facts));
      if (earlier) throw new AppError('ALREADY_EXISTS', `${body.policyCode} ${body.item} is awarded once per ${item.limit.per}; case ${earlier} was paid for it.`, { caseId: earlier });
    }

    // The documents it attaches: the caller's uploads for this enterprise (held in the filing's transaction).
    const attached = await documents.resolve(actor, enterpriseId, body.documentIds);
    const year = Number(asOf.slice(0, 4));
    // The limits are checked, the key claimed, the case numbered and its first row written under
    // one lock per enterprise and measure; the quote inside is computed in memory from the
    // context loaded here. Anything refused there leaves no key and no number behind.
    const context = await loadQuoteContext(repos, { catalogueVersion: loaded.record.version, enterpriseId, policyCode: body.policyCode, item: body.item });
    const outcome = await fileOnce(repos.applications.findIdempotencyKey, keyId, idempotencyKey, () =>
      repos.applications.fileUnderLock(
        {
          enterpriseId,
          policyCode: body.policyCode,
          key: keyId,
          requestHash: hash,
          at,
          caseNumber: (n) => formatCaseNumber(CASE_NUMBER_PREFIX.application, year, n),
          numberSeries: { prefix: CASE_NUMBER_PREFIX.application, year },
          afterCreate: async (tx, caseId) => {
            await documents.holdInFiling(tx, caseId, attached, actor);
            // M37: the ledger entry, checked and claimed under its own lock (an entry pays once).
            if (idleAssetId) await repos.idleAssets.claimInFiling(tx, caseId, idleAssetId, at, (entry, others) => checkLedgerClaim(entry, idleAssetId, at, others));
          },
        },
        (open) => {
          // Once-only: an open application already claims the same limit key.
          if (item.limit.kind === 'once') {
            const keys = new Set(item.limitKeys(body.facts));
            const other = open.find((c) => claimsOfCase(c, body.item).some((r) => keys.has(r.limitKey)));
            if (other) throw new AppError('ALREADY_EXISTS', `${body.policyCode} ${body.item} is awarded once per ${item.limit.per}; case ${other.caseId} (${other.status}) already claims it.`, { caseId: other.caseId });
          }
          // Per-period caps: what open applications claim counts like what was already granted.
          const openClaims = open.flatMap((c) => claimsOfCase(c, body.item));
          const q = quoteWith(context, { policyCode: body.policyCode, item: body.item, facts: body.facts, asOf, openClaims });
          return {
            build: (caseId: string) => {
              const filed: ApplicationInput = {
                caseId,
                title: `${measure.titleZh.slice(0, 40)} · ${enterprise.name}`,
                enterpriseId,
                filedBy: actorRef(actor),
                policyCode: body.policyCode,
                item: body.item,
                kind: item.kind,
                facts: body.facts,
                documents: documents.refsOf(attached),
                catalogueVersion: loaded.record.version,
                quote: quoteSummary(q),
                leadDepartment: measure.lead,
                coDepartments: [...measure.co],
                sla: measure.sla ?? DEFAULT_SLA,
                startDayCounts: measure.sla?.startDayCounts ?? false,
                filedAt: at.toISOString(),
                budgetYear: year,
              };
              return { row: firstRow(filed), result: filed };
            },
          };
        },
      ),
    );
    if (outcome.kind === 'replay') return replay(actor, outcome.caseId);
    const input = outcome.result;
    await startWorkflow(input);
    await audit(actor, input);
    return { replayed: false, caseId: input.caseId, status: 'awaiting_acceptance', quote: input.quote, deadline: await deadlineOf(input) };
  };
}
